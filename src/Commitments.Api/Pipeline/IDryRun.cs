namespace Commitments.Api.Pipeline;

/// <summary>A command that may be asked only to check: it runs in full, and its transaction is rolled back instead of committed.</summary>
public interface IDryRun
{
    bool DryRun { get; }
}

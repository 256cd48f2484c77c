using Commitments.Infrastructure.Data;

namespace Commitments.Infrastructure.Reports;

/// <summary>What a report as of now is tagged with: its cycle's dates and the counters of its cycle and of the catalogue.</summary>
public sealed class ReportVersion
{
    public DateTime OpensAt { get; set; }
    public DateTime DueAt { get; set; }
    public DateTime GraceUntil { get; set; }
    public string State { get; set; } = "";
    public long? CycleVersion { get; set; }
    public long? CatalogueVersion { get; set; }

    /// <summary>Packs of the cycle frozen before now: a pack as of now compares with the latest one frozen before it.</summary>
    public long PacksFrozenBefore { get; set; }
}

/// <summary>
/// A counter per cycle and one for the catalogue, raised in the transaction of every write that can change a report as of
/// now: an update's revision, an exemption, a speakers list, a frozen pack (a later pack compares with it) for its cycle; any
/// catalogue write (names, endorsements, commitments, cycles, instruments) for every cycle.
/// </summary>
public sealed class ReportVersions(DbSession session)
{
    private const string CatalogueScope = "catalogue";
    private static string CycleScope(string cycleId) => $"cycle/{cycleId}";

    private readonly ReportsSql _sql = new(session.Dialect);

    public Task RaiseCycleAsync(string cycleId, CancellationToken ct) => RaiseAsync(CycleScope(cycleId), ct);

    public Task RaiseCatalogueAsync(CancellationToken ct) => RaiseAsync(CatalogueScope, ct);

    /// <summary>The cycle's dates and both counters at <paramref name="now"/>; null for an unknown cycle.</summary>
    public Task<ReportVersion?> OfCycleAsync(string cycleId, DateTime now, CancellationToken ct) =>
        session.SingleOrDefaultAsync<ReportVersion>(_sql.ReportVersion, new { CycleId = cycleId, CycleScope = CycleScope(cycleId), CatalogueScope, Now = now }, ct);

    private async Task RaiseAsync(string scope, CancellationToken ct)
    {
        // The migration and cycle creation add every counter; one missing is added rather than left unraised.
        if (await session.ExecuteAsync(_sql.RaiseVersion, new { Scope = scope }, ct) == 0) await session.ExecuteAsync(_sql.AddVersion, new { Scope = scope }, ct);
    }
}

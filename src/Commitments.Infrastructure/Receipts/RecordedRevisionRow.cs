using Commitments.Domain.Receipts;
using Commitments.Infrastructure.Updates;

namespace Commitments.Infrastructure.Receipts;

/// <summary>A stored revision with its update's identity and its stored seal: what the backfill and the verifier read.</summary>
internal sealed class RecordedRevisionRow : UpdateStore.RevisionRow
{
    public string ParticipantId { get; set; } = "";
    public string CommitmentId { get; set; } = "";
    public string CycleId { get; set; } = "";
    public string? RevisionHash { get; set; }
    public string? ChainHash { get; set; }
    public long? LogIndex { get; set; }

    public UpdateIdentity Identity => new(UpdateId, ParticipantId, CommitmentId, CycleId);
}

/// <summary>A frozen pack with its log entry and the tree head recorded when it was frozen.</summary>
public sealed class RecordedPackRow
{
    public string Id { get; set; } = "";
    public string CycleId { get; set; } = "";
    public DateTime AsOf { get; set; }
    public string Audience { get; set; } = "";
    public string ContentHash { get; set; } = "";
    public string Content { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public long? LogIndex { get; set; }
    public long? TreeSize { get; set; }
    public string? TreeRoot { get; set; }
    public DateTime? TreeTimestamp { get; set; }
    public string? TreeSignature { get; set; }

    /// <summary>The hash of the pack's canonical form: its log entry.</summary>
    public string EntryHash => Record.PackHash(Id, CycleId, AsOf, Audience, ContentHash, CreatedAt);
}

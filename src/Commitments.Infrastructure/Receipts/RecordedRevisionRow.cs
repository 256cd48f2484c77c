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
    /// <summary>The log's stored leaf at <see cref="LogIndex"/> (read by verify only).</summary>
    public string? LeafHash { get; set; }

    public UpdateIdentity Identity => new(UpdateId, ParticipantId, CommitmentId, CycleId);
}

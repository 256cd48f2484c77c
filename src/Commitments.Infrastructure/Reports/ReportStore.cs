using Commitments.Domain;
using Commitments.Domain.Reports;
using Commitments.Infrastructure.Data;
using Commitments.Infrastructure.Updates;

namespace Commitments.Infrastructure.Reports;

/// <summary>A frozen briefing pack: its exact bytes and their SHA-256.</summary>
public sealed class FrozenPack
{
    public string Id { get; set; } = "";
    public string CycleId { get; set; } = "";
    public DateTime AsOf { get; set; }
    public string Audience { get; set; } = "";
    public string ContentHash { get; set; } = "";
    public string Content { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public string? CreatedByKeyId { get; set; }

    /// <summary>The pack's entry in the log, and the signed tree head taken right after it was logged (null for packs frozen before the log).</summary>
    public long? LogIndex { get; set; }
    public long? TreeSize { get; set; }
    public string? TreeRoot { get; set; }
    public DateTime? TreeTimestamp { get; set; }
    public string? TreeSignature { get; set; }

    /// <summary>The hash of the pack's canonical form: its entry in the log.</summary>
    public string EntryHash => Domain.Receipts.Record.PackHash(Id, CycleId, AsOf, Audience, ContentHash, CreatedAt);
}

/// <summary>An obligation the secretariat exempted from a cycle, with its reason.</summary>
public sealed class Exemption
{
    public string ParticipantId { get; set; } = "";
    public string CommitmentId { get; set; } = "";
    public string Reason { get; set; } = "";
    public DateTime? RecordedAt { get; set; }
}

public static class ExemptionSets
{
    /// <summary>The exempt obligations as (participant, commitment) pairs, the shape the obligation rule takes.</summary>
    public static IReadOnlySet<(string Participant, string Commitment)> ToSet(this IEnumerable<Exemption> exemptions) =>
        exemptions.Select(e => (e.ParticipantId, e.CommitmentId)).ToHashSet();
}

public sealed class ReportStore(DbSession session)
{
    private readonly ReportsSql _sql = new(session.Dialect);
    private readonly ReportVersions _versions = new(session);

    public ReportVersions Versions => _versions;

    /// <summary>Every exemption of the cycle recorded so far.</summary>
    public Task<IReadOnlyList<Exemption>> ExemptionsAsync(string cycleId, CancellationToken ct) => ExemptionsAsync(cycleId, DateTime.MaxValue, ct);

    /// <summary>The cycle's exemptions as the record held them at <paramref name="asOf"/>.</summary>
    public async Task<IReadOnlyList<Exemption>> ExemptionsAsync(string cycleId, DateTime asOf, CancellationToken ct) =>
        await session.QueryAsync<Exemption>(_sql.Exemptions, new { CycleId = cycleId, AsOf = asOf }, ct);

    /// <summary>Records an exemption; false when the obligation is already exempt.</summary>
    public async Task<bool> InsertExemptionAsync(string cycleId, Exemption exemption, CancellationToken ct)
    {
        try
        {
            await session.ExecuteAsync(_sql.InsertExemption,
                new { CycleId = cycleId, exemption.ParticipantId, exemption.CommitmentId, exemption.Reason, exemption.RecordedAt }, ct);
            return true;
        }
        catch (System.Data.Common.DbException e) when (session.Dialect.IsUniqueViolation(e))
        {
            return false;
        }
    }

    public Task<FrozenPack?> PackAsync(string id, CancellationToken ct) => session.SingleOrDefaultAsync<FrozenPack>(_sql.Pack, new { Id = id }, ct);

    /// <summary>
    /// The pack a pack as of <paramref name="asOf"/> compares with: the latest one frozen as of at most then that already
    /// existed then (and before <paramref name="now"/>), so freezing a pack later, even one as of an earlier time, never
    /// changes an answer about the past; a pack being frozen is inserted after it is built, so it never counts itself.
    /// </summary>
    public Task<FrozenPack?> PreviousPackAsync(string cycleId, string audience, DateTime asOf, DateTime now, CancellationToken ct) =>
        session.SingleOrDefaultAsync<FrozenPack>(_sql.PreviousPack, new { CycleId = cycleId, Audience = audience, AsOf = asOf, Now = now }, ct);

    /// <summary>How many packs of the cycle were frozen (created) in [from, to).</summary>
    public Task<long> PacksFrozenAsync(string cycleId, DateTime from, DateTime to, CancellationToken ct) =>
        session.ScalarAsync<long>(_sql.PacksFrozenBetween, new { CycleId = cycleId, From = from, To = to }, ct);

    /// <summary>Stores a frozen pack; a pack as of now compares with it from then on.</summary>
    public async Task InsertPackAsync(FrozenPack pack, CancellationToken ct) => await session.ExecuteAsync(_sql.InsertPack, pack, ct);
}

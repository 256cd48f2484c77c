using Commitments.Infrastructure.Data;

namespace Commitments.Infrastructure.Reports;

public sealed class ReportsSql(SqlDialect d)
{
    /// <summary>What a report as of @Now is tagged with (<see cref="Reports.ReportVersion"/>).</summary>
    public string ReportVersion => $"""
        SELECT c.opens_at AS OpensAt, c.due_at AS DueAt, c.grace_until AS GraceUntil, c.state AS State,
            ({Data.DataVersion.ReadSql}) AS DataVersion,
            (SELECT COUNT(*) FROM briefing_packs p WHERE p.cycle_id = c.id AND p.created_at < @Now) AS PacksFrozenBefore
        FROM cycles c WHERE c.id = @CycleId
        """;

    /// <summary>The exemptions recorded by @AsOf (those from before times were kept count always).</summary>
    public string Exemptions => """
        SELECT participant_id AS ParticipantId, commitment_id AS CommitmentId, reason AS Reason, recorded_at AS RecordedAt FROM obligation_exemptions
        WHERE cycle_id = @CycleId AND (recorded_at IS NULL OR recorded_at <= @AsOf) ORDER BY participant_id, commitment_id
        """;
    public string InsertExemption => """
        INSERT INTO obligation_exemptions (cycle_id, participant_id, commitment_id, reason, recorded_at)
        VALUES (@CycleId, @ParticipantId, @CommitmentId, @Reason, @RecordedAt)
        """;

    private const string PackColumns = """
        id AS Id, cycle_id AS CycleId, as_of AS AsOf, audience AS Audience, content_hash AS ContentHash, content AS Content,
        created_at AS CreatedAt, created_by_key_id AS CreatedByKeyId
        """;
    public string Pack => $"SELECT {PackColumns} FROM briefing_packs WHERE id = @Id";
    public string PreviousPack => $"""
        SELECT {d.Top("1")} {PackColumns} FROM briefing_packs
        WHERE cycle_id = @CycleId AND audience = @Audience AND as_of <= @AsOf AND created_at < @AsOf AND created_at <= @Now
        ORDER BY as_of DESC, created_at DESC, id DESC {d.Limit("1")}
        """;
    public string PacksFrozenBetween =>
        "SELECT COUNT(*) FROM briefing_packs WHERE cycle_id = @CycleId AND created_at >= @From AND created_at < @To";
    public string InsertPack => """
        INSERT INTO briefing_packs (id, cycle_id, as_of, audience, content_hash, content, created_at, created_by_key_id,
            log_index, tree_size, tree_root, tree_timestamp, tree_signature)
        VALUES (@Id, @CycleId, @AsOf, @Audience, @ContentHash, @Content, @CreatedAt, @CreatedByKeyId,
            @LogIndex, @TreeSize, @TreeRoot, @TreeTimestamp, @TreeSignature)
        """;
}

using Commitments.Infrastructure.Data;

namespace Commitments.Infrastructure.Reports;

public sealed class ReportsSql(SqlDialect d)
{
    /// <summary>
    /// Each update of the cycle as it stood at @AsOf: its latest revision then and its first submission before then, since it
    /// was last reopened (a withdrawn update counted as nothing submitted; the lifecycle clears the time when it reopens).
    /// </summary>
    public string CountedUpdates => $"""
        SELECT u.id AS UpdateId, u.participant_id AS ParticipantId, u.commitment_id AS CommitmentId, r.number AS Number, r.state AS State,
            r.status AS Status, r.assessed_status AS AssessedStatus, r.confidentiality AS Confidentiality, r.main_message AS MainMessage,
            r.evidence AS Evidence, r.recorded_at AS RecordedAt, r.summary AS Summary, c.comment AS Comment, c.comment_internal AS CommentInternal,
            (SELECT MIN(s.recorded_at) FROM update_revisions s
             WHERE s.update_id = u.id AND s.state = 'submitted' AND s.recorded_at <= @AsOf
                AND s.number > COALESCE((SELECT MAX(w.number) FROM update_revisions w
                    WHERE w.update_id = u.id AND w.action = 'reopen' AND w.recorded_at <= @AsOf), 0)) AS FirstSubmittedAt,
            (SELECT MIN(a.recorded_at) FROM update_revisions a
             WHERE a.update_id = u.id AND a.action = 'amend' AND a.state = 'submitted' AND a.recorded_at > @DueAt
                AND a.recorded_at <= @AsOf) AS AmendedAfterDueAt
        FROM updates u
        JOIN update_revisions r ON r.update_id = u.id
        {LatestReview}
        WHERE u.cycle_id = @CycleId AND u.created_at <= @AsOf
            AND r.number = (SELECT MAX(m.number) FROM update_revisions m WHERE m.update_id = u.id AND m.recorded_at <= @AsOf)
        """;

    /// <summary>The latest review (accept or return) recorded by @AsOf, whose comment a pack may show beside a contested status.</summary>
    private const string LatestReview = """
        LEFT JOIN update_revisions c ON c.update_id = u.id AND c.number = (SELECT MAX(v.number) FROM update_revisions v
            WHERE v.update_id = u.id AND v.action IN ('accept', 'return') AND v.recorded_at <= @AsOf)
        """;

    /// <summary>
    /// The same, for the present: the cycle's coverage cells, one row per update, kept by the write that records each revision
    /// (UpdateStore), with its evidence count so evidence is parsed only where a report shows it.
    /// </summary>
    public string CurrentUpdates => """
        SELECT update_id AS UpdateId, participant_id AS ParticipantId, commitment_id AS CommitmentId, revision AS Number, state AS State,
            status AS Status, assessed_status AS AssessedStatus, confidentiality AS Confidentiality, main_message AS MainMessage,
            evidence AS Evidence, evidence_count AS EvidenceCount, recorded_at AS RecordedAt, first_submitted_at AS FirstSubmittedAt,
            amended_after_due_at AS AmendedAfterDueAt, summary AS Summary, comment AS Comment, comment_internal AS CommentInternal
        FROM coverage_cells
        WHERE cycle_id = @CycleId
        """;

    /// <summary>Raises a report counter: a cycle's ('cycle/' and its id) or the catalogue's.</summary>
    public string RaiseVersion => "UPDATE report_versions SET version = version + 1 WHERE scope = @Scope";
    public string AddVersion => "INSERT INTO report_versions (scope, version) VALUES (@Scope, 1)";

    /// <summary>What a report as of @Now is tagged with (<see cref="Reports.ReportVersion"/>).</summary>
    public string ReportVersion => """
        SELECT c.opens_at AS OpensAt, c.due_at AS DueAt, c.grace_until AS GraceUntil, c.state AS State,
            (SELECT v.version FROM report_versions v WHERE v.scope = @CycleScope) AS CycleVersion,
            (SELECT g.version FROM report_versions g WHERE g.scope = @CatalogueScope) AS CatalogueVersion,
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

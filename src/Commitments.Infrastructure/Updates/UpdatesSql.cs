using Commitments.Domain;
using Commitments.Infrastructure.Data;

namespace Commitments.Infrastructure.Updates;

/// <summary>Which optional filters a list query carries; each adds one fixed clause, so indexes can serve it.</summary>
[Flags]
public enum UpdateFilters
{
    None = 0, Participant = 1, Commitment = 2, Cycle = 4, Status = 8, State = 16, ChangedSince = 32, After = 64, OnlyVisible = 128,
    All = Participant | Commitment | Cycle | Status | State | ChangedSince | After | OnlyVisible,
}

public sealed class UpdatesSql(SqlDialect d)
{
    /// <summary>
    /// An update with its current content and its cycle. The row carries its current revision's content (written with each
    /// revision, migration 0014), used where content_revision says it is the current one; a row advanced by an instance of an
    /// earlier version, which wrote only the columns it knew, has its content read from the revision instead, so a row's stale
    /// text is never shown under its new confidentiality.
    /// </summary>
    private static readonly string Select = $"""
        SELECT u.id AS Id, u.participant_id AS ParticipantId, u.commitment_id AS CommitmentId, u.cycle_id AS CycleId, u.state AS State,
            u.assessed_status AS AssessedStatus, u.revision AS Revision, u.first_submitted_at AS FirstSubmittedAt, u.created_at AS CreatedAt,
            u.updated_at AS UpdatedAt, u.amended_after_due_at AS AmendedAfterDueAt, u.status AS Status, {Current("summary")} AS Summary,
            {Current("details")} AS Details, u.main_message AS MainMessage, u.evidence AS Evidence, u.confidentiality AS Confidentiality,
            {Current("planned_completion")} AS PlannedCompletion, {Current("also_answers")} AS AlsoAnswers, {Current("comment")} AS Comment,
            {Current("comment_internal")} AS CommentInternal,
            cy.opens_at AS OpensAt, cy.due_at AS DueAt, cy.grace_until AS GraceUntil, cy.state AS CycleState
        FROM updates u
        JOIN cycles cy ON cy.id = u.cycle_id
        """;

    /// <summary>A content column of the current revision: the row's copy when it is of that revision, else the revision's own.</summary>
    private static string Current(string column) =>
        $"CASE WHEN u.content_revision = u.revision THEN u.{column} "
        + $"ELSE (SELECT r.{column} FROM update_revisions r WHERE r.update_id = u.id AND r.number = u.revision) END";

    public string Update => $"{Select} WHERE u.id = @Id";
    /// <summary>The update already filed for this participant x commitment x cycle, if any.</summary>
    public string ExistingId => "SELECT id FROM updates WHERE participant_id = @ParticipantId AND commitment_id = @CommitmentId AND cycle_id = @CycleId";

    /// <summary>
    /// <see cref="Visibility.CanSee(Caller, string, Confidentiality, UpdateState)"/> for a viewer who is not the secretariat,
    /// spelt in SQL from the domain's own published states and the levels that reach the viewer
    /// (<see cref="Visibility.LevelsReaching"/>); a test holds the two to the same answers.
    /// </summary>
    public static string VisibleClause(IReadOnlyList<Confidentiality> levels) =>
        $"((u.confidentiality IN ({string.Join(", ", levels.Select(l => $"'{Codes.Of(l)}'"))})"
        + $" AND u.state IN ({string.Join(", ", Visibility.PublishedStates.Select(s => $"'{Codes.Of(s)}'"))}))"
        + " OR u.participant_id = @ViewerParticipant)";

    /// <summary>The list statement; <paramref name="levels"/> are the confidentiality levels of others' updates the viewer reads.</summary>
    public string List(UpdateFilters f, IReadOnlyList<Confidentiality>? levels = null)
    {
        List<string> where = [];
        if (f.HasFlag(UpdateFilters.Participant)) where.Add("u.participant_id = @Participant");
        if (f.HasFlag(UpdateFilters.Commitment)) where.Add("u.commitment_id = @Commitment");
        if (f.HasFlag(UpdateFilters.Cycle)) where.Add("u.cycle_id = @Cycle");
        if (f.HasFlag(UpdateFilters.Status)) where.Add("u.status = @Status");
        if (f.HasFlag(UpdateFilters.State)) where.Add("u.state = @State");
        if (f.HasFlag(UpdateFilters.ChangedSince)) where.Add("u.updated_at >= @ChangedSince");
        if (f.HasFlag(UpdateFilters.After)) where.Add("u.id > @After");
        if (f.HasFlag(UpdateFilters.OnlyVisible))
            where.Add(VisibleClause(levels ?? [Confidentiality.Public]));
        var clause = where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where);
        return $"SELECT {d.Top("@Limit")} {Select[7..]}{clause} ORDER BY u.id {d.Limit("@Limit")}";
    }

    /// <summary>The list statement with every clause, for the SQL Server parse test.</summary>
    public string ListWithEveryFilter => List(UpdateFilters.All);
    public string ListWithNoFilter => List(UpdateFilters.None);

    public string InsertUpdate => """
        INSERT INTO updates (id, participant_id, commitment_id, cycle_id, state, status, assessed_status, confidentiality, revision,
            first_submitted_at, created_at, updated_at, main_message, evidence, amended_after_due_at, summary, details, planned_completion,
            also_answers, comment, comment_internal, content_revision)
        VALUES (@Id, @ParticipantId, @CommitmentId, @CycleId, @State, @Status, @AssessedStatus, @Confidentiality, @Revision,
            @FirstSubmittedAt, @CreatedAt, @UpdatedAt, @MainMessage, @Evidence, @AmendedAfterDueAt, @Summary, @Details, @PlannedCompletion,
            @AlsoAnswers, @Comment, @CommentInternal, @Revision)
        """;

    /// <summary>Moves the update to a new revision only if nobody else did first.</summary>
    public string AdvanceUpdate => """
        UPDATE updates SET state = @State, status = @Status, assessed_status = @AssessedStatus, confidentiality = @Confidentiality,
            revision = @Revision, first_submitted_at = @FirstSubmittedAt, updated_at = @UpdatedAt, main_message = @MainMessage,
            evidence = @Evidence, amended_after_due_at = @AmendedAfterDueAt, summary = @Summary, details = @Details,
            planned_completion = @PlannedCompletion, also_answers = @AlsoAnswers, comment = @Comment, comment_internal = @CommentInternal,
            content_revision = @Revision
        WHERE id = @Id AND revision = @ExpectedRevision
        """;

    public string InsertRevision => """
        INSERT INTO update_revisions (update_id, number, action, state, status, assessed_status, summary, details, main_message, evidence,
            confidentiality, planned_completion, also_answers, comment, comment_internal, actor_key_id, actor_role, actor_participant_id, recorded_at,
            revision_hash, chain_hash, log_index)
        VALUES (@UpdateId, @Number, @Action, @State, @Status, @AssessedStatus, @Summary, @Details, @MainMessage, @Evidence,
            @Confidentiality, @PlannedCompletion, @AlsoAnswers, @Comment, @CommentInternal, @ActorKeyId, @ActorRole, @ActorParticipantId, @RecordedAt,
            @RevisionHash, @ChainHash, @LogIndex)
        """;

    /// <summary>A new update's cell in its cycle's coverage.</summary>
    public string InsertCell => """
        INSERT INTO coverage_cells (cycle_id, participant_id, commitment_id, update_id, revision, state, status, assessed_status, contested,
            confidentiality, first_submitted_at, amended_after_due_at, recorded_at, evidence_count, evidence, main_message, summary, comment,
            comment_internal)
        VALUES (@CycleId, @ParticipantId, @CommitmentId, @UpdateId, @Revision, @State, @Status, @AssessedStatus, @Contested,
            @Confidentiality, @FirstSubmittedAt, @AmendedAfterDueAt, @RecordedAt, @EvidenceCount, @Evidence, @MainMessage, @Summary, @Comment,
            @CommentInternal)
        """;

    /// <summary>The cell as of the update's next revision; the comment changes only with a review (accept or return).</summary>
    public string AdvanceCell => """
        UPDATE coverage_cells SET revision = @Revision, state = @State, status = @Status, assessed_status = @AssessedStatus,
            contested = @Contested, confidentiality = @Confidentiality, first_submitted_at = @FirstSubmittedAt,
            amended_after_due_at = @AmendedAfterDueAt, recorded_at = @RecordedAt, evidence_count = @EvidenceCount, evidence = @Evidence,
            main_message = @MainMessage, summary = @Summary,
            comment = CASE WHEN @Review = 1 THEN @Comment ELSE comment END,
            comment_internal = CASE WHEN @Review = 1 THEN @CommentInternal ELSE comment_internal END
        WHERE update_id = @UpdateId
        """;

    private const string RevisionColumns = """
        update_id AS UpdateId, number AS Number, action AS Action, state AS State, status AS Status, assessed_status AS AssessedStatus,
        summary AS Summary, details AS Details, main_message AS MainMessage, evidence AS Evidence, confidentiality AS Confidentiality,
        planned_completion AS PlannedCompletion, also_answers AS AlsoAnswers, comment AS Comment, comment_internal AS CommentInternal, actor_key_id AS ActorKeyId, actor_role AS ActorRole,
        actor_participant_id AS ActorParticipantId, recorded_at AS RecordedAt
        """;
    public string Revisions => $"SELECT {RevisionColumns} FROM update_revisions WHERE update_id = @Id ORDER BY number";
    public string Revision => $"SELECT {RevisionColumns} FROM update_revisions WHERE update_id = @Id AND number = @Number";
}

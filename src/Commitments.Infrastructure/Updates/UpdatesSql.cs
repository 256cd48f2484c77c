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
    /// Updates as their rows hold them (the present: the current revision's state and content, written with each revision), each
    /// with the revision of its latest review, whose assessment and comment a reader may see, and the dates of its cycle.
    /// </summary>
    private const string Select = """
        SELECT u.id AS Id, u.participant_id AS ParticipantId, u.commitment_id AS CommitmentId, u.cycle_id AS CycleId, u.state AS State,
            u.revision AS Revision, u.first_submitted_at AS FirstSubmittedAt, u.created_at AS CreatedAt, u.updated_at AS UpdatedAt,
            u.amended_after_due_at AS AmendedAfterDueAt, u.status AS Status, u.summary AS Summary, u.details AS Details,
            u.main_message AS MainMessage, u.evidence AS Evidence, u.confidentiality AS Confidentiality,
            u.planned_completion AS PlannedCompletion, u.also_answers AS AlsoAnswers,
            rv.number AS ReviewRevision, rv.state AS ReviewState, rv.confidentiality AS ReviewConfidentiality,
            rv.assessed_status AS AssessedStatus, rv.comment AS Comment, rv.comment_internal AS CommentInternal,
            cy.opens_at AS OpensAt, cy.due_at AS DueAt, cy.grace_until AS GraceUntil, cy.state AS CycleState
        FROM updates u
        JOIN cycles cy ON cy.id = u.cycle_id
        LEFT JOIN update_revisions rv ON rv.update_id = u.id AND rv.number = u.review_revision
        """;

    public string Update => $"{Select} WHERE u.id = @Id";
    /// <summary>Every update of a cycle as it stands: what a report as of now counts.</summary>
    public string OfCycle => $"{Select} WHERE u.cycle_id = @CycleId";
    /// <summary>The update already filed for this participant x commitment x cycle, if any.</summary>
    public string ExistingId => "SELECT id FROM updates WHERE participant_id = @ParticipantId AND commitment_id = @CommitmentId AND cycle_id = @CycleId";

    /// <summary>
    /// <see cref="Visibility.CanSee(Caller, string, Confidentiality, UpdateState)"/> for a viewer who is not the secretariat,
    /// spelt in SQL from the domain's own reported states and the levels that reach the viewer
    /// (<see cref="Visibility.LevelsReaching"/>); a test holds the two to the same answers.
    /// </summary>
    public static string VisibleClause(IReadOnlyList<Confidentiality> levels) =>
        $"((u.confidentiality IN ({string.Join(", ", levels.Select(l => $"'{Codes.Of(l)}'"))})"
        + $" AND u.state IN ({string.Join(", ", UpdateWorkflow.ReportedStates.Select(s => $"'{Codes.Of(s)}'"))}))"
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
        INSERT INTO updates (id, participant_id, commitment_id, cycle_id, state, status, confidentiality, revision, first_submitted_at,
            created_at, updated_at, main_message, evidence, amended_after_due_at, summary, details, planned_completion, also_answers,
            review_revision)
        VALUES (@Id, @ParticipantId, @CommitmentId, @CycleId, @State, @Status, @Confidentiality, @Revision, @FirstSubmittedAt,
            @CreatedAt, @UpdatedAt, @MainMessage, @Evidence, @AmendedAfterDueAt, @Summary, @Details, @PlannedCompletion, @AlsoAnswers,
            @ReviewRevision)
        """;

    /// <summary>Moves the update to a new revision only if nobody else did first.</summary>
    public string AdvanceUpdate => """
        UPDATE updates SET state = @State, status = @Status, confidentiality = @Confidentiality, revision = @Revision,
            first_submitted_at = @FirstSubmittedAt, updated_at = @UpdatedAt, main_message = @MainMessage, evidence = @Evidence,
            amended_after_due_at = @AmendedAfterDueAt, summary = @Summary, details = @Details, planned_completion = @PlannedCompletion,
            also_answers = @AlsoAnswers, review_revision = @ReviewRevision
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

    private const string RevisionColumns = """
        r.update_id AS UpdateId, r.number AS Number, r.action AS Action, r.state AS State, r.status AS Status, r.assessed_status AS AssessedStatus,
        r.summary AS Summary, r.details AS Details, r.main_message AS MainMessage, r.evidence AS Evidence, r.confidentiality AS Confidentiality,
        r.planned_completion AS PlannedCompletion, r.also_answers AS AlsoAnswers, r.comment AS Comment, r.comment_internal AS CommentInternal,
        r.actor_key_id AS ActorKeyId, r.actor_role AS ActorRole, r.actor_participant_id AS ActorParticipantId, r.recorded_at AS RecordedAt
        """;
    public string Revisions => $"SELECT {RevisionColumns} FROM update_revisions r WHERE r.update_id = @Id ORDER BY r.number";
    public string Revision => $"SELECT {RevisionColumns} FROM update_revisions r WHERE r.update_id = @Id AND r.number = @Number";

    /// <summary>Every revision of the cycle's updates recorded by @AsOf, update by update in order: what a report as of then replays.</summary>
    public string OfCycleRecordedBy => $"""
        SELECT u.participant_id AS ParticipantId, u.commitment_id AS CommitmentId, {RevisionColumns}
        FROM updates u JOIN update_revisions r ON r.update_id = u.id
        WHERE u.cycle_id = @CycleId AND r.recorded_at <= @AsOf
        ORDER BY u.id, r.number
        """;
}

using System.ComponentModel.DataAnnotations;

namespace Commitments.Domain;

/// <summary>A link to published evidence. The server never fetches it.</summary>
public sealed record EvidenceLink([property: DataType(DataType.Url)] string Url, string Title, EvidenceKind? Kind);

/// <summary>
/// What a liaison says about one obligation: the self-assessment and its support. <paramref name="AlsoAnswers"/> names the
/// linked commitments (<see cref="Crosswalk"/>) the same answer also answers: a citation, not a filing on them.
/// </summary>
public sealed record UpdateContent(
    ImplementationStatus Status,
    string Summary,
    string? Details,
    string? MainMessage,
    IReadOnlyList<EvidenceLink> Evidence,
    Confidentiality Confidentiality,
    string? PlannedCompletion,
    IReadOnlyList<string>? AlsoAnswers = null)
{
    /// <summary>The cited commitments; empty when none.</summary>
    public IReadOnlyList<string> Cited => AlsoAnswers ?? [];

    /// <summary>The same content, field by field and list by list (a record's own equality compares lists by reference).</summary>
    public bool SameAs(UpdateContent other) =>
        this with { Evidence = [], AlsoAnswers = null } == other with { Evidence = [], AlsoAnswers = null }
        && Evidence.SequenceEqual(other.Evidence) && Cited.SequenceEqual(other.Cited);
}

/// <summary>
/// The latest review (accept or return) of an update: the secretariat's assessment and comment belong to the revision it
/// recorded, whose state and confidentiality decide who may read them (<see cref="Visibility.ReviewSeenBy"/>). An assessment
/// stands until a later review changes it; a comment is the review's own.
/// </summary>
public sealed record Review(int Revision, UpdateState State, Confidentiality Confidentiality, ImplementationStatus? AssessedStatus,
    string? Comment, bool CommentInternal);

/// <summary>One participant's update on one commitment in one cycle, as of its latest revision.</summary>
public sealed record ProgressUpdate(
    string Id,
    string ParticipantId,
    string CommitmentId,
    string CycleId,
    UpdateState State,
    int Revision,
    DateTime? FirstSubmittedAt,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    UpdateContent Content,
    Review? LastReview = null,
    DateTime? AmendedAfterDueAt = null)
{
    /// <summary>The secretariat's assessment as it stands, for the record (a reader sees it only through <see cref="Visibility.ReviewSeenBy"/>).</summary>
    public ImplementationStatus? AssessedStatus => LastReview?.AssessedStatus;
}

/// <summary>An immutable, numbered snapshot of an update, written by every change.</summary>
public sealed record UpdateRevision(
    string UpdateId,
    int Number,
    UpdateAction Action,
    UpdateState State,
    ImplementationStatus? AssessedStatus,
    UpdateContent Content,
    string? Comment,
    string? ActorKeyId,
    Role ActorRole,
    string? ActorParticipantId,
    DateTime RecordedAt,
    bool CommentInternal = false);

using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Commitments.Api.Receipts;

namespace Commitments.Api.Features.Updates;

/// <summary>Length and count limits of an update's content; the validators and the OpenAPI schema use the same numbers.</summary>
public static class ContentLimits
{
    public const int Summary = 4000;
    public const int Details = 20000;
    public const int MainMessage = 500;
    public const int EvidenceCount = 20;
    public const int Url = 2000;
    public const int EvidenceTitle = 300;
    public const int Comment = 4000;
    public const int IdempotencyKey = 200;
    public const int AlsoAnswersCount = 20;
}

/// <summary>A link to published evidence as sent: an absolute http(s) URL, never fetched by the server.</summary>
public sealed record EvidenceInput(
    [property: MaxLength(ContentLimits.Url), DataType(DataType.Url)] string? Url,
    [property: MaxLength(ContentLimits.EvidenceTitle)] string? Title,
    EvidenceKind? Kind);

/// <summary>A link to published evidence as stored: the URL in canonical form (the host in ASCII).</summary>
public sealed record EvidenceDto([property: DataType(DataType.Url)] string Url, string Title, EvidenceKind? Kind)
{
    public static IReadOnlyList<EvidenceDto> ListOf(IReadOnlyList<EvidenceLink> evidence) => evidence.Select(e => new EvidenceDto(e.Url, e.Title, e.Kind)).ToList();
}

/// <summary>
/// A progress update as of its latest revision. The ETag header carries its revision. A write that records a revision
/// (filing, amending, submitting, withdrawing, reopening, reviewing) also answers the receipt of that revision.
/// </summary>
public sealed record UpdateDto(
    [property: DataType("uuid")] string Id,
    string ParticipantId,
    string CommitmentId,
    string CycleId,
    UpdateState State,
    ImplementationStatus Status,
    ImplementationStatus? AssessedStatus,
    bool Contested,
    Confidentiality Confidentiality,
    string Summary,
    string? Details,
    string? MainMessage,
    IReadOnlyList<EvidenceDto> Evidence,
    [property: DataType(DataType.Date)] string? PlannedCompletion,
    IReadOnlyList<string> AlsoAnswers,
    string? Comment,
    CommentVisibility? CommentVisibility,
    int Revision,
    Timeliness? Timeliness,
    DateTime? FirstSubmittedAt,
    DateTime? AmendedAfterDueAt,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    /// <summary>The receipt of the revision this write recorded, in the response of a write (also in the Commitments-Receipt header); null on reads.</summary>
    public ReceiptDto? Receipt { get; init; }

    /// <summary>The whole record, as the secretariat reads it: what the audit log keeps.</summary>
    public static UpdateDto From(ProgressUpdate u, CycleDates cycle, DateTime now) => For(u, cycle, now, Caller.Secretariat);

    /// <summary>
    /// The update as <paramref name="reader"/> may read it: the assessment and comment of its latest review only where the reader
    /// may see the revision that review recorded (<see cref="Visibility.ReviewSeenBy"/>).
    /// </summary>
    public static UpdateDto For(ProgressUpdate u, CycleDates cycle, DateTime now, Caller reader)
    {
        var review = Visibility.ReviewSeenBy(reader, u.ParticipantId, u.LastReview);
        return new(u.Id, u.ParticipantId, u.CommitmentId, u.CycleId, u.State, u.Content.Status, review?.AssessedStatus,
            review?.AssessedStatus is { } assessed && assessed != u.Content.Status,
            u.Content.Confidentiality, u.Content.Summary, u.Content.Details, u.Content.MainMessage,
            EvidenceDto.ListOf(u.Content.Evidence), u.Content.PlannedCompletion, u.Content.Cited, review?.Comment,
            VisibilityOf(review?.Comment, review?.CommentInternal ?? false), u.Revision,
            TimelinessRule.Of(cycle, TimelinessRule.SubmittedAt(u), now), u.FirstSubmittedAt, u.AmendedAfterDueAt, u.CreatedAt, u.UpdatedAt);
    }

    internal static CommentVisibility? VisibilityOf(string? comment, bool internalOnly) =>
        comment is null ? null : internalOnly ? Domain.CommentVisibility.Internal : Domain.CommentVisibility.Participant;
}

/// <summary>One immutable revision: the update's content and state after one change, who made it and when.</summary>
public sealed record RevisionDto(
    int Number,
    UpdateAction Action,
    UpdateState State,
    ImplementationStatus Status,
    ImplementationStatus? AssessedStatus,
    Confidentiality Confidentiality,
    string Summary,
    string? Details,
    string? MainMessage,
    IReadOnlyList<EvidenceDto> Evidence,
    [property: DataType(DataType.Date)] string? PlannedCompletion,
    IReadOnlyList<string> AlsoAnswers,
    string? Comment,
    CommentVisibility? CommentVisibility,
    [property: DataType("uuid")] string? ActorKeyId,
    Role ActorRole,
    string? ActorParticipantId,
    DateTime RecordedAt,
    bool LateAmendment)
{
    /// <summary>
    /// The revision as <paramref name="reader"/> may read it, with the latest review recorded by then (<paramref name="review"/>):
    /// its assessment and comment only where the reader may see that review's revision; which key made it is the secretariat's to know.
    /// </summary>
    public static RevisionDto For(UpdateRevision r, string participantId, Review? review, Caller reader, CycleDates cycle)
    {
        var seen = Visibility.ReviewSeenBy(reader, participantId, review);
        var comment = seen?.Revision == r.Number ? seen.Comment : null;
        return new(r.Number, r.Action, r.State, r.Content.Status, seen?.AssessedStatus, r.Content.Confidentiality, r.Content.Summary, r.Content.Details,
            r.Content.MainMessage, EvidenceDto.ListOf(r.Content.Evidence), r.Content.PlannedCompletion, r.Content.Cited,
            comment, UpdateDto.VisibilityOf(comment, seen?.CommentInternal ?? false), Visibility.MaySeeActingKey(reader) ? r.ActorKeyId : null, r.ActorRole,
            r.ActorParticipantId, r.RecordedAt,
            // An amendment keeps the state, so the revision's state is the one it was amended in.
            TimelinessRule.IsLateAmendment(r.Action, r.State, r.RecordedAt, cycle));
    }
}


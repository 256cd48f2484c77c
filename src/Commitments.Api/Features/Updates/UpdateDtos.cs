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
    /// <summary>The links as DTOs; evidence read as stored stays stored, to be written as it is (<see cref="EvidenceJson"/>).</summary>
    public static IReadOnlyList<EvidenceDto> ListOf(IReadOnlyList<EvidenceLink> evidence) =>
        evidence is Infrastructure.Updates.StoredEvidence stored ? new StoredEvidenceDtos(stored) : Map(evidence);

    private static List<EvidenceDto> Map(IEnumerable<EvidenceLink> evidence) => evidence.Select(e => new EvidenceDto(e.Url, e.Title, e.Kind)).ToList();

    /// <summary>Evidence as stored: its JSON for <see cref="EvidenceJson"/>, its links mapped only if something enumerates them.</summary>
    internal sealed class StoredEvidenceDtos(Infrastructure.Updates.StoredEvidence stored) : IReadOnlyList<EvidenceDto>
    {
        private List<EvidenceDto>? _links;
        private List<EvidenceDto> Links => _links ??= Map(stored);
        public string Json => stored.Json;
        public int Count => stored.Count;
        public EvidenceDto this[int index] => Links[index];
        public IEnumerator<EvidenceDto> GetEnumerator() => Links.GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

/// <summary>
/// Writes evidence read as stored as its stored JSON instead of parsing it into objects to write it again, when that is the
/// same bytes: the stored form has the same properties in the same order (url, title, kind as a code or null), but was written
/// with the default encoder, which escapes what the API's writer leaves as it is (&amp;, +, &lt;, an apostrophe, any non-ASCII
/// letter), so stored JSON with any escape in it is written as usual, as is any other list. A test holds the two to the same bytes.
/// </summary>
internal sealed class EvidenceJson : JsonConverter<IReadOnlyList<EvidenceDto>>
{
    public override IReadOnlyList<EvidenceDto>? Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options) =>
        System.Text.Json.JsonSerializer.Deserialize(ref reader, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<List<EvidenceDto>>)options.GetTypeInfo(typeof(List<EvidenceDto>)));

    public override void Write(System.Text.Json.Utf8JsonWriter writer, IReadOnlyList<EvidenceDto> value, System.Text.Json.JsonSerializerOptions options)
    {
        if (value is EvidenceDto.StoredEvidenceDtos stored && !stored.Json.Contains('\\', StringComparison.Ordinal)) writer.WriteRawValue(stored.Json);
        else System.Text.Json.JsonSerializer.Serialize(writer, value, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<IReadOnlyList<EvidenceDto>>)options.GetTypeInfo(typeof(IReadOnlyList<EvidenceDto>)));
    }
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
    [property: JsonConverter(typeof(EvidenceJson))] IReadOnlyList<EvidenceDto> Evidence,
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

    public static UpdateDto From(ProgressUpdate u, CycleDates cycle, DateTime now) => new(
        u.Id, u.ParticipantId, u.CommitmentId, u.CycleId, u.State, u.Content.Status, u.AssessedStatus, u.Contested,
        u.Content.Confidentiality, u.Content.Summary, u.Content.Details, u.Content.MainMessage,
        EvidenceDto.ListOf(u.Content.Evidence), u.Content.PlannedCompletion, u.Content.Cited, u.Comment, VisibilityOf(u.Comment, u.CommentInternal),
        u.Revision,
        TimelinessRule.Of(cycle, u.State == UpdateState.Withdrawn ? null : u.FirstSubmittedAt, now),
        u.FirstSubmittedAt, u.AmendedAfterDueAt, u.CreatedAt, u.UpdatedAt);

    /// <summary>The update as <paramref name="reader"/> may read it: an internal review comment is the secretariat's alone.</summary>
    public static UpdateDto For(ProgressUpdate u, CycleDates cycle, DateTime now, Caller reader) =>
        From(Visibility.MayReadComment(reader, u.CommentInternal) ? u : u with { Comment = null, CommentInternal = false }, cycle, now);

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
    /// The revision as <paramref name="reader"/> may read it: which key made it, and an internal review comment, are the
    /// secretariat's to know.
    /// </summary>
    public static RevisionDto For(UpdateRevision r, Caller reader, CycleDates cycle)
    {
        var comment = Visibility.MayReadComment(reader, r.CommentInternal) ? r.Comment : null;
        return new(r.Number, r.Action, r.State, r.Content.Status, r.AssessedStatus, r.Content.Confidentiality, r.Content.Summary, r.Content.Details,
            r.Content.MainMessage, EvidenceDto.ListOf(r.Content.Evidence), r.Content.PlannedCompletion, r.Content.Cited,
            comment, UpdateDto.VisibilityOf(comment, r.CommentInternal), reader.IsSecretariat ? r.ActorKeyId : null, r.ActorRole,
            r.ActorParticipantId, r.RecordedAt,
            // An amendment keeps the state, so the revision's state is the one it was amended in.
            TimelinessRule.IsLateAmendment(r.Action, r.State, r.RecordedAt, cycle));
    }
}


using System.Data.Common;
using System.Text.Json;
using Commitments.Domain;
using Commitments.Domain.Receipts;
using Commitments.Infrastructure.Data;

namespace Commitments.Infrastructure.Updates;

public sealed record UpdateQuery(
    string? Participant, string? Commitment, string? Cycle, ImplementationStatus? Status, UpdateState? State, DateTime? ChangedSince,
    string? After, int Limit, bool SeesEverything, string? ViewerParticipant, IReadOnlyList<Confidentiality> ReadableLevels);

/// <summary>An update with the dates and state of its cycle, which its timeliness and changeability depend on.</summary>
public sealed record StoredUpdate(ProgressUpdate Update, CycleDates Cycle, CycleState CycleState);

/// <summary>Progress updates and their revisions.</summary>
public sealed class UpdateStore(DbSession session)
{
    private readonly UpdatesSql _sql = new(session.Dialect);
    private readonly Receipts.TransparencyLog _log = new(session);

    public async Task<StoredUpdate?> GetAsync(string id, CancellationToken ct) =>
        (await session.SingleOrDefaultAsync<UpdateRow>(_sql.Update, new { Id = id }, ct))?.ToStored();

    public Task<string?> ExistingIdAsync(string participantId, string commitmentId, string cycleId, CancellationToken ct) =>
        session.SingleOrDefaultAsync<string>(_sql.ExistingId, new { ParticipantId = participantId, CommitmentId = commitmentId, CycleId = cycleId }, ct);

    public async Task<IReadOnlyList<StoredUpdate>> ListAsync(UpdateQuery q, CancellationToken ct)
    {
        var filters = UpdateFilters.None;
        if (q.Participant is not null) filters |= UpdateFilters.Participant;
        if (q.Commitment is not null) filters |= UpdateFilters.Commitment;
        if (q.Cycle is not null) filters |= UpdateFilters.Cycle;
        if (q.Status is not null) filters |= UpdateFilters.Status;
        if (q.State is not null) filters |= UpdateFilters.State;
        if (q.ChangedSince is not null) filters |= UpdateFilters.ChangedSince;
        if (q.After is not null) filters |= UpdateFilters.After;
        if (!q.SeesEverything) filters |= UpdateFilters.OnlyVisible;
        var rows = await session.QueryAsync<UpdateRow>(_sql.List(filters, q.ReadableLevels), new
        {
            q.Participant, q.Commitment, q.Cycle,
            Status = q.Status is { } s ? Codes.Of(s) : null,
            State = q.State is { } st ? Codes.Of(st) : null,
            q.ChangedSince, q.After, q.Limit,
            ViewerParticipant = q.ViewerParticipant ?? "",
        }, ct);
        return rows.Select(r => r.ToStored()).ToList();
    }

    /// <summary>The cycle's updates as they stand now: their rows.</summary>
    public async Task<IReadOnlyList<ProgressUpdate>> OfCycleAsync(string cycleId, CancellationToken ct) =>
        (await session.QueryAsync<UpdateRow>(_sql.OfCycle, new { CycleId = cycleId }, ct)).Select(r => r.ToStored().Update).ToList();

    /// <summary>
    /// The cycle's updates as they stood at <paramref name="asOf"/>: the revisions recorded by then, replayed by the lifecycle
    /// (<see cref="UpdateLifecycle.Replay"/>); an update with no revision by then did not exist yet.
    /// </summary>
    public async Task<IReadOnlyList<ProgressUpdate>> OfCycleAsOfAsync(string cycleId, DateTime asOf, CycleDates cycle, CancellationToken ct)
    {
        var rows = await session.QueryAsync<CycleRevisionRow>(_sql.OfCycleRecordedBy, new { CycleId = cycleId, AsOf = asOf }, ct);
        return rows.GroupBy(r => r.UpdateId)
            .Select(g => UpdateLifecycle.Replay(new UpdateIdentity(g.Key, g.First().ParticipantId, g.First().CommitmentId, cycleId),
                g.Select(r => r.ToDomain()).ToList(), cycle))
            .ToList();
    }

    /// <summary>Writes a new update and its first revision, hashed, chained and logged; returns the revision's seal.</summary>
    public async Task<RevisionSeal> InsertAsync(ProgressUpdate update, UpdateRevision revision, CancellationToken ct)
    {
        await session.ExecuteAsync(_sql.InsertUpdate, UpdateArgs(update, 0), ct);
        return await RecordAsync(update, revision, ct);
    }

    /// <summary>
    /// Writes the next revision, hashed, chained and logged, and the update's row as of it; returns the revision's seal, or null
    /// when the update moved on since <paramref name="expectedRevision"/>.
    /// </summary>
    public async Task<RevisionSeal?> AdvanceAsync(ProgressUpdate update, int expectedRevision, UpdateRevision revision, CancellationToken ct)
    {
        if (await session.ExecuteAsync(_sql.AdvanceUpdate, UpdateArgs(update, expectedRevision), ct) != 1) return null;
        return await RecordAsync(update, revision, ct);
    }

    private async Task<RevisionSeal> RecordAsync(ProgressUpdate update, UpdateRevision revision, CancellationToken ct)
    {
        var seal = await _log.SealAsync(UpdateIdentity.Of(update), revision, ct);
        await session.ExecuteAsync(_sql.InsertRevision, RevisionArgs(revision, seal), ct);
        return seal;
    }

    public async Task<IReadOnlyList<UpdateRevision>> RevisionsAsync(string id, CancellationToken ct) =>
        (await session.QueryAsync<RevisionRow>(_sql.Revisions, new { Id = id }, ct)).Select(r => r.ToDomain()).ToList();

    public async Task<UpdateRevision?> RevisionAsync(string id, int number, CancellationToken ct) =>
        (await session.SingleOrDefaultAsync<RevisionRow>(_sql.Revision, new { Id = id, Number = number }, ct))?.ToDomain();

    /// <summary>The update row's values: the present, as of its current revision.</summary>
    private static object UpdateArgs(ProgressUpdate u, int expectedRevision) => new
    {
        u.Id, u.ParticipantId, u.CommitmentId, u.CycleId, State = Codes.Of(u.State), Status = Codes.Of(u.Content.Status),
        Confidentiality = Codes.Of(u.Content.Confidentiality), u.Revision, u.FirstSubmittedAt, u.CreatedAt, u.UpdatedAt,
        ExpectedRevision = expectedRevision, u.Content.MainMessage, Evidence = EvidenceJson(u.Content.Evidence), u.AmendedAfterDueAt,
        u.Content.Summary, u.Content.Details, u.Content.PlannedCompletion, AlsoAnswers = CitedJson(u.Content.Cited),
        ReviewRevision = u.LastReview?.Revision,
    };

    private static object RevisionArgs(UpdateRevision r, RevisionSeal seal) => new
    {
        seal.RevisionHash, seal.ChainHash, seal.LogIndex,
        r.UpdateId, r.Number, Action = Codes.Of(r.Action), State = Codes.Of(r.State), Status = Codes.Of(r.Content.Status),
        AssessedStatus = r.AssessedStatus is { } a ? Codes.Of(a) : null, r.Content.Summary, r.Content.Details, r.Content.MainMessage,
        Evidence = EvidenceJson(r.Content.Evidence),
        Confidentiality = Codes.Of(r.Content.Confidentiality), r.Content.PlannedCompletion, AlsoAnswers = CitedJson(r.Content.Cited), r.Comment, r.CommentInternal, r.ActorKeyId,
        ActorRole = Codes.Of(r.ActorRole), r.ActorParticipantId, r.RecordedAt,
    };

    private static string EvidenceJson(IReadOnlyList<EvidenceLink> evidence) =>
        JsonSerializer.Serialize(evidence.Select(e => new EvidenceJsonItem(e.Url, e.Title, e.Kind is { } k ? Codes.Of(k) : null)).ToList(),
            EvidenceJsonContext.Default.ListEvidenceJsonItem);

    /// <summary>The cited commitments as a JSON array, or null when there are none (every revision before citations existed).</summary>
    private static string? CitedJson(IReadOnlyList<string> cited) =>
        cited.Count == 0 ? null : JsonSerializer.Serialize(cited.ToList(), EvidenceJsonContext.Default.ListString);

    private static IReadOnlyList<string>? ReadCited(string? json) =>
        json is null ? null : JsonSerializer.Deserialize(json, EvidenceJsonContext.Default.ListString);

    private static IReadOnlyList<EvidenceLink> ReadEvidence(string json) =>
        (JsonSerializer.Deserialize(json, EvidenceJsonContext.Default.ListEvidenceJsonItem) ?? [])
        .Select(e => new EvidenceLink(e.Url, e.Title, e.Kind is null ? null : Codes.Parse<EvidenceKind>(e.Kind))).ToList();

    private static ImplementationStatus? OptionalStatus(string? code) => code is null ? null : Codes.Parse<ImplementationStatus>(code);

    /// <summary>A row of <see cref="UpdatesSql"/>'s update select: the update, its latest review's revision and its cycle.</summary>
    /// <summary>An update's content as a row holds it, the update's own or a revision's.</summary>
    internal abstract class ContentRow
    {
        public string Status { get; set; } = "";
        public string Summary { get; set; } = "";
        public string? Details { get; set; }
        public string? MainMessage { get; set; }
        public string Evidence { get; set; } = "[]";
        public string Confidentiality { get; set; } = "";
        public string? PlannedCompletion { get; set; }
        public string? AlsoAnswers { get; set; }

        public UpdateContent Content() => new(Codes.Parse<ImplementationStatus>(Status), Summary, Details, MainMessage, ReadEvidence(Evidence),
            Codes.Parse<Confidentiality>(Confidentiality), PlannedCompletion, ReadCited(AlsoAnswers));
    }

    private sealed class UpdateRow : ContentRow
    {
        public string Id { get; set; } = "";
        public string ParticipantId { get; set; } = "";
        public string CommitmentId { get; set; } = "";
        public string CycleId { get; set; } = "";
        public string State { get; set; } = "";
        public long Revision { get; set; }
        public DateTime? FirstSubmittedAt { get; set; }
        public DateTime CreatedAt { get; set; }
        public DateTime UpdatedAt { get; set; }
        public DateTime? AmendedAfterDueAt { get; set; }
        public long? ReviewRevision { get; set; }
        public string? ReviewState { get; set; }
        public string? ReviewConfidentiality { get; set; }
        public string? AssessedStatus { get; set; }
        public string? Comment { get; set; }
        public bool? CommentInternal { get; set; }
        public DateTime OpensAt { get; set; }
        public DateTime DueAt { get; set; }
        public DateTime GraceUntil { get; set; }
        public string CycleState { get; set; } = "";

        public StoredUpdate ToStored()
        {
            var review = ReviewRevision is { } number
                ? new Review((int)number, Codes.Parse<UpdateState>(ReviewState!), Codes.Parse<Confidentiality>(ReviewConfidentiality!),
                    OptionalStatus(AssessedStatus), Comment, CommentInternal ?? false)
                : null;
            var update = new ProgressUpdate(Id, ParticipantId, CommitmentId, CycleId, Codes.Parse<UpdateState>(State), (int)Revision,
                FirstSubmittedAt, CreatedAt, UpdatedAt, Content(), review,
                AmendedAfterDueAt);
            var cycleState = Codes.Parse<CycleState>(CycleState);
            return new StoredUpdate(update, new CycleDates(OpensAt, DueAt, GraceUntil, cycleState == Domain.CycleState.Closed), cycleState);
        }
    }

    internal class RevisionRow : ContentRow
    {
        public string UpdateId { get; set; } = "";
        public long Number { get; set; }
        public string Action { get; set; } = "";
        public string State { get; set; } = "";
        public string? AssessedStatus { get; set; }
        public string? Comment { get; set; }
        public bool CommentInternal { get; set; }
        public string? ActorKeyId { get; set; }
        public string ActorRole { get; set; } = "";
        public string? ActorParticipantId { get; set; }
        public DateTime RecordedAt { get; set; }

        public UpdateRevision ToDomain() => new(UpdateId, (int)Number, Codes.Parse<UpdateAction>(Action), Codes.Parse<UpdateState>(State),
            OptionalStatus(AssessedStatus), Content(), Comment, ActorKeyId, Codes.Parse<Role>(ActorRole), ActorParticipantId, RecordedAt, CommentInternal);
    }

    private sealed class CycleRevisionRow : RevisionRow
    {
        public string ParticipantId { get; set; } = "";
        public string CommitmentId { get; set; } = "";
    }
}

/// <summary>Evidence is stored as a small JSON array per revision; a generated serializer reads it on every report row.</summary>
internal sealed record EvidenceJsonItem(string Url, string Title, string? Kind);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[System.Text.Json.Serialization.JsonSerializable(typeof(List<EvidenceJsonItem>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(List<string>))]
internal sealed partial class EvidenceJsonContext : System.Text.Json.Serialization.JsonSerializerContext;

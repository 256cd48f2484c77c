using System.Data.Common;
using System.Text.Json;
using Commitments.Domain;
using Commitments.Infrastructure.Data;

namespace Commitments.Infrastructure.Updates;

public sealed record UpdateQuery(
    string? Participant, string? Commitment, string? Cycle, ImplementationStatus? Status, UpdateState? State, DateTime? ChangedSince,
    string? After, int Limit, bool SeesEverything, string? ViewerParticipant);

/// <summary>An update with the dates and state of its cycle, which its timeliness and changeability depend on.</summary>
public sealed record StoredUpdate(ProgressUpdate Update, CycleDates Cycle, CycleState CycleState);

/// <summary>What filing needs to know about a participant x commitment x cycle; null fields mean it does not exist.</summary>
public sealed class FilingContext
{
    public string? ParticipantKind { get; set; }
    public string? Instrument { get; set; }
    public string? AppliesTo { get; set; }
    public string? CycleState { get; set; }
    public DateTime? OpensAt { get; set; }
    public DateTime? DueAt { get; set; }
    public DateTime? GraceUntil { get; set; }
    public long Endorsed { get; set; }
    public long InScope { get; set; }
    public string? ExistingId { get; set; }
}

/// <summary>The first response to an idempotent create, kept to answer retries.</summary>
public sealed class IdempotencyRecord
{
    public string RequestHash { get; set; } = "";
    public int StatusCode { get; set; }
    public string ResourceId { get; set; } = "";
    public string ResponseBody { get; set; } = "";
    public string ETag { get; set; } = "";
}

/// <summary>Progress updates, their revisions and idempotency records.</summary>
public sealed class UpdateStore(DbSession session)
{
    private readonly UpdatesSql _sql = new(session.Dialect);

    public async Task<StoredUpdate?> GetAsync(string id, CancellationToken ct) =>
        (await session.SingleOrDefaultAsync<UpdateRow>(_sql.Update, new { Id = id }, ct))?.ToStored();

    public async Task<FilingContext> FilingContextAsync(string participantId, string commitmentId, string cycleId, CancellationToken ct) =>
        (await session.SingleOrDefaultAsync<FilingContext>(_sql.FilingContext,
            new { ParticipantId = participantId, CommitmentId = commitmentId, CycleId = cycleId }, ct))!;

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
        var rows = await session.QueryAsync<UpdateRow>(_sql.List(filters), new
        {
            q.Participant, q.Commitment, q.Cycle,
            Status = q.Status is { } s ? Codes.Of(s) : null,
            State = q.State is { } st ? Codes.Of(st) : null,
            q.ChangedSince, q.After, q.Limit,
            ViewerParticipant = q.ViewerParticipant ?? "",
        }, ct);
        return rows.Select(r => r.ToStored()).ToList();
    }

    public async Task InsertAsync(ProgressUpdate update, UpdateRevision revision, CancellationToken ct)
    {
        await session.ExecuteAsync(_sql.InsertUpdate, UpdateArgs(update, 0), ct);
        await session.ExecuteAsync(_sql.InsertRevision, RevisionArgs(revision), ct);
    }

    /// <summary>Writes the next revision; false when the update moved on since <paramref name="expectedRevision"/>.</summary>
    public async Task<bool> AdvanceAsync(ProgressUpdate update, int expectedRevision, UpdateRevision revision, CancellationToken ct)
    {
        if (await session.ExecuteAsync(_sql.AdvanceUpdate, UpdateArgs(update, expectedRevision), ct) != 1) return false;
        await session.ExecuteAsync(_sql.InsertRevision, RevisionArgs(revision), ct);
        return true;
    }

    public async Task<IReadOnlyList<UpdateRevision>> RevisionsAsync(string id, CancellationToken ct) =>
        (await session.QueryAsync<RevisionRow>(_sql.Revisions, new { Id = id }, ct)).Select(r => r.ToDomain()).ToList();

    public async Task<UpdateRevision?> RevisionAsync(string id, int number, CancellationToken ct) =>
        (await session.SingleOrDefaultAsync<RevisionRow>(_sql.Revision, new { Id = id, Number = number }, ct))?.ToDomain();

    public Task<IdempotencyRecord?> IdempotencyRecordAsync(string apiKeyId, string key, CancellationToken ct) =>
        session.SingleOrDefaultAsync<IdempotencyRecord>(_sql.IdempotencyRecord, new { ApiKeyId = apiKeyId, Key = key }, ct);

    /// <summary>Claims the key inside the transaction, before any other write; false when another request holds it.</summary>
    public async Task<bool> ClaimIdempotencyKeyAsync(string apiKeyId, string key, string requestHash, DateTime now, CancellationToken ct)
    {
        try
        {
            await session.ExecuteAsync(_sql.ClaimIdempotencyKey, new { ApiKeyId = apiKeyId, Key = key, RequestHash = requestHash, Now = now }, ct);
            return true;
        }
        catch (DbException e) when (session.Dialect.IsUniqueViolation(e))
        {
            return false;
        }
    }

    public Task CompleteIdempotencyRecordAsync(string apiKeyId, string key, int statusCode, string resourceId, string body, string etag, CancellationToken ct) =>
        session.ExecuteAsync(_sql.CompleteIdempotencyRecord,
            new { ApiKeyId = apiKeyId, Key = key, StatusCode = statusCode, ResourceId = resourceId, ResponseBody = body, ETag = etag }, ct);

    /// <summary>For callers without a session; the meaning of each provider's codes lives in <see cref="SqlDialect"/>.</summary>
    public static bool IsUniqueViolation(DbException e) => SqlDialect.Sqlite.IsUniqueViolation(e) || SqlDialect.SqlServer.IsUniqueViolation(e);

    private static object UpdateArgs(ProgressUpdate u, int expectedRevision) => new
    {
        u.Id, u.ParticipantId, u.CommitmentId, u.CycleId, State = Codes.Of(u.State), Status = Codes.Of(u.Content.Status),
        AssessedStatus = u.AssessedStatus is { } a ? Codes.Of(a) : null, Confidentiality = Codes.Of(u.Content.Confidentiality),
        u.Revision, u.FirstSubmittedAt, u.CreatedAt, u.UpdatedAt, ExpectedRevision = expectedRevision,
        u.Content.MainMessage, Evidence = EvidenceJson(u.Content.Evidence),
    };

    private static object RevisionArgs(UpdateRevision r) => new
    {
        r.UpdateId, r.Number, Action = Codes.Of(r.Action), State = Codes.Of(r.State), Status = Codes.Of(r.Content.Status),
        AssessedStatus = r.AssessedStatus is { } a ? Codes.Of(a) : null, r.Content.Summary, r.Content.Details, r.Content.MainMessage,
        Evidence = EvidenceJson(r.Content.Evidence),
        Confidentiality = Codes.Of(r.Content.Confidentiality), r.Content.PlannedCompletion, r.Comment, r.ActorKeyId,
        ActorRole = Codes.Of(r.ActorRole), r.ActorParticipantId, r.RecordedAt,
    };

    private static string EvidenceJson(IReadOnlyList<EvidenceLink> evidence) =>
        JsonSerializer.Serialize(evidence.Select(e => new EvidenceJsonItem(e.Url, e.Title, e.Kind is { } k ? Codes.Of(k) : null)).ToList(),
            EvidenceJsonContext.Default.ListEvidenceJsonItem);

    internal static IReadOnlyList<EvidenceLink> ReadEvidence(string json) =>
        json == "[]" ? [] :
        (JsonSerializer.Deserialize(json, EvidenceJsonContext.Default.ListEvidenceJsonItem) ?? [])
        .Select(e => new EvidenceLink(e.Url, e.Title, e.Kind is null ? null : Codes.Parse<EvidenceKind>(e.Kind))).ToList();

    private static UpdateContent ContentOf(string status, string summary, string? details, string? mainMessage, string evidence,
        string confidentiality, string? plannedCompletion) =>
        new(Codes.Parse<ImplementationStatus>(status), summary, details, mainMessage, ReadEvidence(evidence),
            Codes.Parse<Confidentiality>(confidentiality), plannedCompletion);

    private static ImplementationStatus? OptionalStatus(string? code) => code is null ? null : Codes.Parse<ImplementationStatus>(code);

    private sealed class UpdateRow
    {
        public string Id { get; set; } = "";
        public string ParticipantId { get; set; } = "";
        public string CommitmentId { get; set; } = "";
        public string CycleId { get; set; } = "";
        public string State { get; set; } = "";
        public string? AssessedStatus { get; set; }
        public long Revision { get; set; }
        public DateTime? FirstSubmittedAt { get; set; }
        public DateTime CreatedAt { get; set; }
        public DateTime UpdatedAt { get; set; }
        public string Status { get; set; } = "";
        public string Summary { get; set; } = "";
        public string? Details { get; set; }
        public string? MainMessage { get; set; }
        public string Evidence { get; set; } = "";
        public string Confidentiality { get; set; } = "";
        public string? PlannedCompletion { get; set; }
        public string? Comment { get; set; }
        public DateTime OpensAt { get; set; }
        public DateTime DueAt { get; set; }
        public DateTime GraceUntil { get; set; }
        public string CycleState { get; set; } = "";

        public StoredUpdate ToStored()
        {
            var state = Codes.Parse<CycleState>(CycleState);
            return new StoredUpdate(ToDomain(), new CycleDates(OpensAt, DueAt, GraceUntil, state == Domain.CycleState.Closed), state);
        }

        public ProgressUpdate ToDomain() => new(Id, ParticipantId, CommitmentId, CycleId, Codes.Parse<UpdateState>(State),
            OptionalStatus(AssessedStatus), (int)Revision, FirstSubmittedAt, CreatedAt, UpdatedAt,
            ContentOf(Status, Summary, Details, MainMessage, Evidence, Confidentiality, PlannedCompletion),
            Comment);
    }

    private sealed class RevisionRow
    {
        public string UpdateId { get; set; } = "";
        public long Number { get; set; }
        public string Action { get; set; } = "";
        public string State { get; set; } = "";
        public string Status { get; set; } = "";
        public string? AssessedStatus { get; set; }
        public string Summary { get; set; } = "";
        public string? Details { get; set; }
        public string? MainMessage { get; set; }
        public string Evidence { get; set; } = "";
        public string Confidentiality { get; set; } = "";
        public string? PlannedCompletion { get; set; }
        public string? Comment { get; set; }
        public string? ActorKeyId { get; set; }
        public string ActorRole { get; set; } = "";
        public string? ActorParticipantId { get; set; }
        public DateTime RecordedAt { get; set; }

        public UpdateRevision ToDomain() => new(UpdateId, (int)Number, Codes.Parse<UpdateAction>(Action), Codes.Parse<UpdateState>(State),
            OptionalStatus(AssessedStatus),
            ContentOf(Status, Summary, Details, MainMessage, Evidence, Confidentiality, PlannedCompletion),
            Comment, ActorKeyId, Codes.Parse<Role>(ActorRole), ActorParticipantId, RecordedAt);
    }
}

/// <summary>Evidence is stored as a small JSON array per revision; a generated serializer reads it on every report row.</summary>
internal sealed record EvidenceJsonItem(string Url, string Title, string? Kind);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[System.Text.Json.Serialization.JsonSerializable(typeof(List<EvidenceJsonItem>))]
internal sealed partial class EvidenceJsonContext : System.Text.Json.Serialization.JsonSerializerContext;

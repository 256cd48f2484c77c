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
    private readonly Reports.ReportVersions _reports = new(session);

    public async Task<StoredUpdate?> GetAsync(string id, CancellationToken ct) =>
        (await session.ReadRowsAsync(_sql.Update, new { Id = id }, StoredUpdates, ct)).SingleOrDefault();

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
        return await session.ReadRowsAsync(_sql.List(filters, q.ReadableLevels), new
        {
            q.Participant, q.Commitment, q.Cycle,
            Status = q.Status is { } s ? Codes.Of(s) : null,
            State = q.State is { } st ? Codes.Of(st) : null,
            q.ChangedSince, q.After, q.Limit,
            ViewerParticipant = q.ViewerParticipant ?? "",
        }, StoredUpdates, ct);
    }

    /// <summary>Writes a new update and its first revision, hashed, chained and logged; returns the revision's seal.</summary>
    public async Task<RevisionSeal> InsertAsync(ProgressUpdate update, UpdateRevision revision, CancellationToken ct)
    {
        var evidence = EvidenceJson(update.Content.Evidence);
        await session.ExecuteAsync(_sql.InsertUpdate, UpdateArgs(update, 0, evidence), ct);
        var seal = await _log.SealAsync(UpdateIdentity.Of(update), revision, ct);
        await session.ExecuteAsync(_sql.InsertRevision, RevisionArgs(revision, seal), ct);
        await WriteCellAsync(update, revision, evidence, _sql.InsertCell, ct);
        return seal;
    }

    /// <summary>
    /// Writes the next revision, hashed, chained and logged, and returns its seal; null when the update moved on since
    /// <paramref name="expectedRevision"/>.
    /// </summary>
    public async Task<RevisionSeal?> AdvanceAsync(ProgressUpdate update, int expectedRevision, UpdateRevision revision, CancellationToken ct)
    {
        var evidence = EvidenceJson(update.Content.Evidence);
        if (await session.ExecuteAsync(_sql.AdvanceUpdate, UpdateArgs(update, expectedRevision, evidence), ct) != 1) return null;
        var seal = await _log.SealAsync(UpdateIdentity.Of(update), revision, ct);
        await session.ExecuteAsync(_sql.InsertRevision, RevisionArgs(revision, seal), ct);
        await WriteCellAsync(update, revision, evidence, _sql.AdvanceCell, ct);
        return seal;
    }

    /// <summary>
    /// The update's cell in its cycle's coverage (what a report as of now reads), written beside its revision and in the same
    /// transaction; every way of changing an update comes through <see cref="InsertAsync"/> or <see cref="AdvanceAsync"/>.
    /// The comment is the latest review's: an action that is not a review keeps it. The cycle's reports change, so its counter rises.
    /// </summary>
    private async Task WriteCellAsync(ProgressUpdate u, UpdateRevision r, string evidence, string sql, CancellationToken ct)
    {
        var review = r.Action is UpdateAction.Accept or UpdateAction.Return;
        await session.ExecuteAsync(sql, new
        {
            u.CycleId, u.ParticipantId, u.CommitmentId, UpdateId = u.Id, u.Revision, State = Codes.Of(u.State), Status = Codes.Of(u.Content.Status),
            AssessedStatus = u.AssessedStatus is { } a ? Codes.Of(a) : null, u.Contested, Confidentiality = Codes.Of(u.Content.Confidentiality),
            u.FirstSubmittedAt, u.AmendedAfterDueAt, RecordedAt = u.UpdatedAt, EvidenceCount = u.Content.Evidence.Count,
            Evidence = evidence, u.Content.MainMessage, u.Content.Summary,
            Review = review, r.Comment, CommentInternal = review && r.CommentInternal,
        }, ct);
        await _reports.RaiseCycleAsync(u.CycleId, ct);
    }

    public async Task<IReadOnlyList<UpdateRevision>> RevisionsAsync(string id, CancellationToken ct) =>
        (await session.QueryAsync<RevisionRow>(_sql.Revisions, new { Id = id }, ct)).Select(r => r.ToDomain()).ToList();

    public async Task<UpdateRevision?> RevisionAsync(string id, int number, CancellationToken ct) =>
        (await session.SingleOrDefaultAsync<RevisionRow>(_sql.Revision, new { Id = id, Number = number }, ct))?.ToDomain();


    /// <summary>The update row's values, its current content included; <paramref name="evidence"/> is its evidence as stored.</summary>
    private static object UpdateArgs(ProgressUpdate u, int expectedRevision, string evidence) => new
    {
        u.Id, u.ParticipantId, u.CommitmentId, u.CycleId, State = Codes.Of(u.State), Status = Codes.Of(u.Content.Status),
        AssessedStatus = u.AssessedStatus is { } a ? Codes.Of(a) : null, Confidentiality = Codes.Of(u.Content.Confidentiality),
        u.Revision, u.FirstSubmittedAt, u.CreatedAt, u.UpdatedAt, ExpectedRevision = expectedRevision,
        u.Content.MainMessage, Evidence = evidence, u.AmendedAfterDueAt,
        u.Content.Summary, u.Content.Details, u.Content.PlannedCompletion, AlsoAnswers = CitedJson(u.Content.Cited), u.Comment, u.CommentInternal,
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

    internal static IReadOnlyList<EvidenceLink> ReadEvidence(string json) =>
        json == "[]" ? [] :
        (JsonSerializer.Deserialize(json, EvidenceJsonContext.Default.ListEvidenceJsonItem) ?? [])
        .Select(e => new EvidenceLink(e.Url, e.Title, e.Kind is null ? null : Codes.Parse<EvidenceKind>(e.Kind))).ToList();

    private static UpdateContent ContentOf(string status, string summary, string? details, string? mainMessage, string evidence,
        string confidentiality, string? plannedCompletion, string? alsoAnswers) =>
        new(Codes.Parse<ImplementationStatus>(status), summary, details, mainMessage, ReadEvidence(evidence),
            Codes.Parse<Confidentiality>(confidentiality), plannedCompletion, ReadCited(alsoAnswers));

    private static ImplementationStatus? OptionalStatus(string? code) => code is null ? null : Codes.Parse<ImplementationStatus>(code);

    /// <summary>
    /// Reads the rows of <see cref="UpdatesSql"/>'s update select (get one, list): its columns looked up once per read, each value
    /// read by its type (<see cref="IRows"/>), the ids that repeat from row to row shared.
    /// </summary>
    private static Func<StoredUpdate> StoredUpdates(IRows r)
    {
        int id = r.Ordinal("Id"), participant = r.Ordinal("ParticipantId"), commitment = r.Ordinal("CommitmentId"), cycle = r.Ordinal("CycleId"),
            state = r.Ordinal("State"), assessed = r.Ordinal("AssessedStatus"), revision = r.Ordinal("Revision"),
            firstSubmitted = r.Ordinal("FirstSubmittedAt"), created = r.Ordinal("CreatedAt"), updated = r.Ordinal("UpdatedAt"),
            amendedLate = r.Ordinal("AmendedAfterDueAt"), status = r.Ordinal("Status"), summary = r.Ordinal("Summary"), details = r.Ordinal("Details"),
            mainMessage = r.Ordinal("MainMessage"), evidence = r.Ordinal("Evidence"), confidentiality = r.Ordinal("Confidentiality"),
            planned = r.Ordinal("PlannedCompletion"), alsoAnswers = r.Ordinal("AlsoAnswers"), comment = r.Ordinal("Comment"),
            commentInternal = r.Ordinal("CommentInternal"), opens = r.Ordinal("OpensAt"), due = r.Ordinal("DueAt"), grace = r.Ordinal("GraceUntil"),
            cycleState = r.Ordinal("CycleState");
        string? Text(int column) => r.TextOrNull(column);
        DateTime? Time(int column) => r.TimeOrNull(column);
        return () =>
        {
            var content = new UpdateContent(r.Code<ImplementationStatus>(status), r.Text(summary), Text(details), Text(mainMessage),
                new StoredEvidence(r.Text(evidence)), r.Code<Confidentiality>(confidentiality), Text(planned), ReadCited(Text(alsoAnswers)));
            var update = new ProgressUpdate(r.Text(id), r.Shared(participant), r.Shared(commitment), r.Shared(cycle), r.Code<UpdateState>(state),
                r.IsNull(assessed) ? null : r.Code<ImplementationStatus>(assessed), r.Int32(revision), Time(firstSubmitted), r.Time(created),
                r.Time(updated), content, Text(comment), r.Boolean(commentInternal), Time(amendedLate));
            var cycleStateNow = r.Code<CycleState>(cycleState);
            return new StoredUpdate(update, new CycleDates(r.Time(opens), r.Time(due), r.Time(grace), cycleStateNow == CycleState.Closed), cycleStateNow);
        };
    }

    internal class RevisionRow
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
        public string? AlsoAnswers { get; set; }
        public string? Comment { get; set; }
        public bool CommentInternal { get; set; }
        public string? ActorKeyId { get; set; }
        public string ActorRole { get; set; } = "";
        public string? ActorParticipantId { get; set; }
        public DateTime RecordedAt { get; set; }

        public UpdateRevision ToDomain() => new(UpdateId, (int)Number, Codes.Parse<UpdateAction>(Action), Codes.Parse<UpdateState>(State),
            OptionalStatus(AssessedStatus),
            ContentOf(Status, Summary, Details, MainMessage, Evidence, Confidentiality, PlannedCompletion, AlsoAnswers),
            Comment, ActorKeyId, Codes.Parse<Role>(ActorRole), ActorParticipantId, RecordedAt, CommentInternal);
    }
}

/// <summary>
/// Evidence as stored, its JSON parsed on first use, not per row read: a report reads the count of every cell (kept beside
/// it) but the links of only the few it shows, and a single read or a page of the list writes the stored JSON as it is
/// (<see cref="Json"/>, in the form the API writes evidence).
/// </summary>
public sealed class StoredEvidence(string json, int? count = null) : IReadOnlyList<EvidenceLink>
{
    private IReadOnlyList<EvidenceLink>? _links;
    private IReadOnlyList<EvidenceLink> Links => _links ??= UpdateStore.ReadEvidence(json);

    /// <summary>The links as stored: a JSON array of objects with url, title and kind (a code or null).</summary>
    public string Json => json;
    public int Count => count ?? (json == "[]" ? 0 : Links.Count);
    public EvidenceLink this[int index] => Links[index];
    public IEnumerator<EvidenceLink> GetEnumerator() => count == 0 ? Enumerable.Empty<EvidenceLink>().GetEnumerator() : Links.GetEnumerator();
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Evidence is stored as a small JSON array per revision; a generated serializer reads it on every report row.</summary>
internal sealed record EvidenceJsonItem(string Url, string Title, string? Kind);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[System.Text.Json.Serialization.JsonSerializable(typeof(List<EvidenceJsonItem>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(List<string>))]
internal sealed partial class EvidenceJsonContext : System.Text.Json.Serialization.JsonSerializerContext;

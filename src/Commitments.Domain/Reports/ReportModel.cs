using System.ComponentModel.DataAnnotations;

namespace Commitments.Domain.Reports;

/// <summary>Who a report is made for: the secretariat sees restricted updates, the public does not, a participant sees its own.</summary>
public sealed record Audience(string Name, string? ParticipantId, bool SeesAllRestricted)
{
    public static readonly Audience Secretariat = new("secretariat", null, true);
    public static readonly Audience Public = new("public", null, false);
    public static Audience Participant(string id) => new($"participant:{id}", id, false);

    /// <summary>The reader the report is made for, as <see cref="Visibility"/> sees it.</summary>
    public Caller Viewer => SeesAllRestricted ? new Caller(Role.Secretariat, null, null)
        : ParticipantId is not null ? new Caller(Role.Liaison, ParticipantId, null)
        : Caller.Public;

    public bool MaySee(CountedUpdate update) => Visibility.CanSee(Viewer, update.ParticipantId, update.Confidentiality, update.State);

    /// <summary>What the pack may be shared with, printed on every page.</summary>
    public string Confidentiality => SeesAllRestricted
        ? "Contains restricted updates: for the secretariat only."
        : ParticipantId is not null
            ? $"Contains restricted updates of {ParticipantId}: for the secretariat and {ParticipantId} only."
            : "Public updates only.";
}

/// <summary>An update as it stood at the as-of time: its latest revision then, and its first submission before then.</summary>
public sealed record CountedUpdate(
    string UpdateId,
    string ParticipantId,
    string CommitmentId,
    int Revision,
    UpdateState State,
    ImplementationStatus Status,
    ImplementationStatus? AssessedStatus,
    Confidentiality Confidentiality,
    string? MainMessage,
    IReadOnlyList<EvidenceLink> Evidence,
    DateTime? FirstSubmittedAt,
    DateTime RecordedAt,
    DateTime? AmendedAfterDueAt = null);

/// <summary>The cells of an earlier frozen pack, to say what changed since.</summary>
public sealed record PreviousPack(string PackId, DateTime AsOf, IReadOnlyDictionary<(string Participant, string Commitment), ImplementationStatus?> Statuses,
    IReadOnlySet<(string Participant, string Instrument)> Endorsements);

/// <summary>Everything a pack is computed from; fetched in a fixed number of queries.</summary>
public sealed record ReportInputs(
    Cycle Cycle,
    IReadOnlyList<Participant> Participants,
    IReadOnlyList<Commitment> Commitments,
    IReadOnlyList<CountedUpdate> Updates,
    IReadOnlySet<(string Participant, string Commitment)> Exemptions,
    DateTime AsOf,
    Audience Audience,
    PreviousPack? Previous);

public sealed record Cell(
    string CommitmentId,
    bool Obligated,
    string Mark,
    ImplementationStatus? Status,
    ImplementationStatus? AssessedStatus,
    UpdateState? State,
    Timeliness? Timeliness,
    int EvidenceCount,
    bool Contested,
    [property: DataType("uuid")] string? UpdateId,
    bool AmendedAfterDue = false);

public sealed record MatrixRow(
    string ParticipantId, string ParticipantName, ParticipantKind Kind, IReadOnlyList<Cell> Cells, int Obligations, int Reported, double? ReportedShare);

public sealed record StatusCount(ImplementationStatus Status, int Count);

public sealed record CommitmentSummary(
    string CommitmentId, string Instrument, string Title, int Obligated, int Reported, IReadOnlyList<StatusCount> StatusCounts,
    double? HighCompletionShare, IReadOnlyList<EvidenceLink> LatestEvidence);

public sealed record LateEntry(string ParticipantId, string ParticipantName, string CommitmentId, Timeliness Timeliness, int DaysOverdue, UpdateState? State);

public sealed record DigestItem(string CommitmentId, UpdateState? State, ImplementationStatus? Status, ImplementationStatus? AssessedStatus,
    bool Contested, Timeliness? Timeliness, string? MainMessage, IReadOnlyList<EvidenceLink> Evidence);

public sealed record StatusChange(string ParticipantId, string CommitmentId, ImplementationStatus? From, ImplementationStatus? To);

public sealed record NewEndorsement(string ParticipantId, string Instrument, [property: DataType(DataType.Date)] string? EndorsedOn);

public sealed record ParticipantDigest(
    string ParticipantId, string Name, ParticipantKind Kind, IReadOnlyList<Endorsement> Endorsements, int Obligations, int Reported,
    double? ReportedShare, IReadOnlyList<DigestItem> Items, IReadOnlyList<StatusChange> Changes);

public sealed record PackChanges([property: DataType("uuid")] string? PreviousPackId, DateTime? PreviousAsOf, IReadOnlyList<StatusChange> StatusMoves, IReadOnlyList<NewEndorsement> NewEndorsements);

/// <summary>The Leaders' Session briefing pack for one cycle, as of one time, for one audience.</summary>
public sealed record BriefingPack(
    string CycleId,
    string CycleTitle,
    [property: DataType(DataType.Date)] string? SessionOn,
    DateTime AsOf,
    string Audience,
    string Confidentiality,
    IReadOnlyList<string> Instruments,
    IReadOnlyList<string> CommitmentIds,
    IReadOnlyList<MatrixRow> Matrix,
    IReadOnlyList<CommitmentSummary> Commitments,
    IReadOnlyList<LateEntry> Late,
    IReadOnlyList<ParticipantDigest> Digests,
    PackChanges Changes,
    IReadOnlyList<string>? CommitmentsWithoutObligations = null);

using System.ComponentModel.DataAnnotations;

namespace Commitments.Domain.Reports;

/// <summary>
/// Who a report is made for, as the reader <see cref="Visibility"/> judges: the secretariat (everything, each restricted and
/// governments-level item marked), governments (public and governments-level content), the public (public content), or one
/// participant (its own updates). Reports made at a level the audience may not read are shown as reported, without content.
/// </summary>
public sealed record Audience(string Name, string? ParticipantId, Caller Reader, string Classification, string Confidentiality)
{
    public static readonly Audience Secretariat = new("secretariat", null, new Caller(Role.Secretariat, null, null),
        "RESTRICTED: SECRETARIAT ONLY",
        "Contains restricted and governments-level updates, each marked: for the secretariat only. Do not copy a marked item into a public brief.");

    /// <summary>A reader for whom governments-level content of others is published and restricted content is not: a government's liaison that acts for nobody here.</summary>
    public static readonly Audience Governments = new("governments", null, new Caller(Role.Liaison, null, null, ParticipantKind.Government),
        "GOVERNMENTS ONLY",
        "Public and governments-level updates: for the secretariat and the liaisons of governments and international organisations. "
        + "Restricted reports are shown as reported, without their content.");

    public static readonly Audience Public = new("public", null, Caller.Public, "PUBLIC",
        "Public updates only. Reports made at a restricted or governments level are shown as reported, without their content.");

    public static Audience Participant(string id) => new($"participant:{id}", id, new Caller(Role.Liaison, id, null),
        $"RESTRICTED: SECRETARIAT AND {id} ONLY", $"Contains restricted updates of {id}: for the secretariat and {id} only.");

    /// <summary>What this audience may know of an update: the one rule, asked for the audience's reader.</summary>
    public Sight SightOf(ProgressUpdate update) => Visibility.InReport(Reader, update.ParticipantId, update.Content.Confidentiality, update.State);

    /// <summary>The review this audience sees on an update (<see cref="Visibility.ReviewSeenBy"/>).</summary>
    public Review? ReviewOf(ProgressUpdate update) => Visibility.ReviewSeenBy(Reader, update.ParticipantId, update.LastReview);
}

/// <summary>The cells of an earlier frozen pack, to say what changed since and why.</summary>
public sealed record PreviousPack(string PackId, DateTime AsOf, IReadOnlyDictionary<(string Participant, string Commitment), ImplementationStatus?> Statuses,
    IReadOnlySet<(string Participant, string Instrument)> Endorsements,
    IReadOnlyDictionary<(string Participant, string Commitment), Cell>? Cells = null);

/// <summary>Everything a pack is computed from; fetched in a fixed number of queries.</summary>
public sealed record ReportInputs(
    Cycle Cycle,
    IReadOnlyList<Participant> Participants,
    IReadOnlyList<Commitment> Commitments,
    IReadOnlyList<ProgressUpdate> Updates,
    IReadOnlySet<(string Participant, string Commitment)> Exemptions,
    DateTime AsOf,
    Audience Audience,
    PreviousPack? Previous,
    IReadOnlyList<string>? Speakers = null,
    IReadOnlyList<Instrument>? Instruments = null);

/// <summary>
/// One participant x commitment. <see cref="Withheld"/>: reported (submitted or accepted) at a level this audience may not
/// read, so it counts as reported with its timeliness and shows nothing else. <see cref="Confidentiality"/>: the level of the
/// content shown, so a pack marks every item that is not public.
/// </summary>
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
    bool AmendedAfterDue = false,
    Confidentiality? Confidentiality = null,
    bool Withheld = false)
{
    /// <summary>The mark of a report this audience may not read.</summary>
    public const string WithheldMark = "reported_restricted";

    /// <summary>Reported: submitted or accepted at the as-of time, whether or not this audience reads its content.</summary>
    public bool Reported => IsReported(State, Withheld);

    /// <summary>A cell or digest item is reported when its update counts as reported, or was reported at a level the audience may not read.</summary>
    public static bool IsReported(UpdateState? state, bool withheld) => withheld || (state is { } s && UpdateWorkflow.CountsAsReported(s));
}

public sealed record MatrixRow(
    string ParticipantId, string ParticipantName, ParticipantKind Kind, IReadOnlyList<Cell> Cells, int Obligations, int Reported, double? ReportedShare);

public sealed record StatusCount(ImplementationStatus Status, int Count);

/// <summary>
/// Per commitment: obligations (net of exemptions), reports, and statuses counted twice: as self-assessed
/// (<see cref="StatusCounts"/>) and as the secretariat assessed them (<see cref="AssessedCounts"/>, <see cref="NotAssessed"/> where it
/// recorded no assessment). Withheld reports count as reported and in neither distribution. <see cref="FromChairsStatement"/>
/// marks obligations from a chair's statement of a session participants took part in (nobody signed it).
/// </summary>
public sealed record CommitmentSummary(
    string CommitmentId, string Instrument, string Title, int Obligated, int Reported, IReadOnlyList<StatusCount> StatusCounts,
    double? HighCompletionShare, IReadOnlyList<EvidenceLink> LatestEvidence,
    IReadOnlyList<StatusCount>? AssessedCounts = null, int NotAssessed = 0, double? HighByAssessmentShare = null,
    int OnTime = 0, int Late = 0, int Outstanding = 0, int Contested = 0, int Withheld = 0,
    bool FromChairsStatement = false, [property: DataType(DataType.Url)] string? SourceUrl = null);

/// <summary>An instrument in the pack's scope: what kind of text it is and where it is published.</summary>
public sealed record PackInstrument(string Code, string Title, InstrumentKind Kind, [property: DataType(DataType.Url)] string? SourceUrl,
    SourceEdition? Edition = null);

/// <summary>A participant counted through its parent (Google DeepMind through Google): the parent's updates cover both.</summary>
public sealed record ReportedThroughParent(string ParticipantId, string Name, string ParentId, string ParentName);

public sealed record LateEntry(string ParticipantId, string ParticipantName, string CommitmentId, Timeliness Timeliness, int DaysOverdue, UpdateState? State,
    bool Withheld = false);

/// <summary>One obligation in a digest. Content (statuses, messages, evidence, comment) only where the audience reads it and the update counts.</summary>
public sealed record DigestItem(string CommitmentId, UpdateState? State, ImplementationStatus? Status, ImplementationStatus? AssessedStatus,
    bool Contested, Timeliness? Timeliness, string? MainMessage, IReadOnlyList<EvidenceLink> Evidence,
    string? Title = null, string? Summary = null, string? Comment = null, Confidentiality? Confidentiality = null, bool Withheld = false,
    int DaysOverdue = 0)
{
    /// <summary>Reported (<see cref="Cell.IsReported"/>).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Reported => Cell.IsReported(State, Withheld);
}

/// <summary>Why a cell changed since the previous frozen pack.</summary>
public enum ChangeReason { Submitted, Accepted, Returned, Withdrawn, Reopened, Reassessed, Amended, Exempted, NoLongerReported }

/// <summary>
/// A change since the previous frozen pack: the self-assessed status before and after (<see cref="From"/>, <see cref="To"/>), and
/// the reason, with the states and assessed statuses that show it.
/// </summary>
public sealed record StatusChange(string ParticipantId, string CommitmentId, ImplementationStatus? From, ImplementationStatus? To,
    ChangeReason? Reason = null, UpdateState? FromState = null, UpdateState? ToState = null,
    ImplementationStatus? FromAssessed = null, ImplementationStatus? ToAssessed = null);

public sealed record NewEndorsement(string ParticipantId, string Instrument, [property: DataType(DataType.Date)] string? EndorsedOn);

public sealed record ParticipantDigest(
    string ParticipantId, string Name, ParticipantKind Kind, IReadOnlyList<Endorsement> Endorsements, int Obligations, int Reported,
    double? ReportedShare, IReadOnlyList<DigestItem> Items, IReadOnlyList<StatusChange> Changes, bool Speaker = false);

public sealed record PackChanges([property: DataType("uuid")] string? PreviousPackId, DateTime? PreviousAsOf, IReadOnlyList<StatusChange> StatusMoves, IReadOnlyList<NewEndorsement> NewEndorsements);

/// <summary>
/// The figures a head of government reads first. Shares divide by <see cref="Obligations"/> (net of exemptions).
/// High completion is substantial + complete: by self-assessment, and by the secretariat's view (its assessed status where it
/// recorded one, the self-assessment otherwise). Withheld reports count as reported and on time or late, never as high.
/// </summary>
public sealed record Headline(
    int Participants, int Obligations, int Reported, int OnTime, int Late, int Overdue, int Missing, int Exempt, int Withheld,
    int HighBySelf, int HighByAssessment, int Assessed, int Contested,
    double? ReportedShare, double? OnTimeShare, double? HighBySelfShare, double? HighByAssessmentShare);

/// <summary>How one session speaker stands: its obligations, reports, timeliness, completion and contested items.</summary>
public sealed record SpeakerStanding(
    string ParticipantId, string Name, ParticipantKind Kind, int Obligations, int Reported, int OnTime, int Late, int Outstanding,
    int HighBySelf, int HighByAssessment, int Contested, int Withheld, double? ReportedShare);

/// <summary>One participant's late, overdue and missing obligations, aggregated; the brief lists the worst first.</summary>
public sealed record ParticipantLateness(string ParticipantId, string Name, int Late, int Overdue, int Missing, int WorstDaysOverdue, int Obligations);

/// <summary>An update whose assessed status differs from its self-assessment; the comment only where the audience reads it.</summary>
public sealed record ContestedItem(string ParticipantId, string Name, string CommitmentId, ImplementationStatus Status, ImplementationStatus AssessedStatus,
    UpdateState State, string? Comment, Confidentiality Confidentiality);

/// <summary>Page one: headline figures, the speakers' standing, who is late (worst first) and what is contested.</summary>
public sealed record PackBrief(
    Headline Headline, IReadOnlyList<SpeakerStanding> Speakers, IReadOnlyList<ParticipantLateness> LateByParticipant,
    IReadOnlyList<ContestedItem> Contested);

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
    IReadOnlyList<string>? CommitmentsWithoutObligations = null,
    string? Classification = null,
    IReadOnlyList<string>? Speakers = null,
    PackBrief? Brief = null,
    IReadOnlyList<PackInstrument>? InstrumentSources = null,
    IReadOnlyList<ReportedThroughParent>? ReportedThroughParents = null);

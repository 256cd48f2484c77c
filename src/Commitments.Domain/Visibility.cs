namespace Commitments.Domain;

/// <summary>
/// Who is acting or reading: a role (none when anonymous), the participant a liaison acts for, the key used, and the kind of
/// that participant (a government's or international organisation's liaison reads governments-level content).
/// </summary>
public sealed record Caller(Role? Role, string? ParticipantId, string? KeyId, ParticipantKind? ParticipantKind = null)
{
    public static readonly Caller Anonymous = new(null, null, null);
    public static readonly Caller Public = Anonymous;
    public static readonly Caller Secretariat = new(Domain.Role.Secretariat, null, null);

    public bool IsSecretariat => Role == Domain.Role.Secretariat;

    /// <summary>A liaison acting for this participant.</summary>
    public bool ActsFor(string participantId) => Role == Domain.Role.Liaison && ParticipantId == participantId;

    /// <summary>A liaison of a government or an international organisation (the EU signs within its competences).</summary>
    public bool IsGovernmentLiaison =>
        Role == Domain.Role.Liaison && ParticipantKind is Domain.ParticipantKind.Government or Domain.ParticipantKind.InternationalOrganisation;
}

/// <summary>What a reader may know of one update in a report: nothing, only that it was reported (and when), or its content.</summary>
public enum Sight { Nothing, ThatItWasReported, Content }

/// <summary>
/// Who may see an update, a revision of it, or its cell in a report: the one rule every read, list, history and report applies.
/// The secretariat sees everything; a participant's own liaisons see all of its updates; everyone else sees only what was
/// published (submitted or accepted) at a confidentiality level that reaches them: public content reaches everyone,
/// governments-level content the liaisons of governments and international organisations, restricted content nobody else.
/// Drafts, returned and withdrawn updates, and content above the reader's level, do not exist for them.
/// </summary>
public static class Visibility
{
    /// <summary>Whether content at <paramref name="level"/> reaches a reader who is neither the secretariat nor the participant.</summary>
    public static bool Reaches(Confidentiality level, Caller reader) => level switch
    {
        Confidentiality.Public => true,
        Confidentiality.Governments => reader.IsSecretariat || reader.IsGovernmentLiaison,
        _ => reader.IsSecretariat,
    };

    /// <summary>The levels of other participants' published content that reach <paramref name="reader"/>; the list's SQL is generated from it.</summary>
    public static IReadOnlyList<Confidentiality> LevelsReaching(Caller reader) =>
        Enum.GetValues<Confidentiality>().Where(level => Reaches(level, reader)).ToArray();

    /// <summary>Published content at a level everyone may read: what a public report counts.</summary>
    public static bool IsPublished(Confidentiality confidentiality, UpdateState state) =>
        confidentiality == Confidentiality.Public && UpdateWorkflow.CountsAsReported(state);

    public static bool CanSee(Caller viewer, string participantId, Confidentiality confidentiality, UpdateState state) =>
        viewer.IsSecretariat || viewer.ActsFor(participantId) || (UpdateWorkflow.CountsAsReported(state) && Reaches(confidentiality, viewer));

    /// <summary>An update as of its current revision.</summary>
    public static bool CanSee(Caller viewer, ProgressUpdate update) =>
        CanSee(viewer, update.ParticipantId, update.Content.Confidentiality, update.State);

    /// <summary>A revision is judged by its own content and state when it was recorded, not by the update's current ones.</summary>
    public static bool CanSee(Caller viewer, string participantId, UpdateRevision revision) =>
        CanSee(viewer, participantId, revision.Content.Confidentiality, revision.State);

    /// <summary>
    /// What a report for <paramref name="reader"/> may show of an update. A report that was submitted or accepted at a level
    /// the reader may not read is still a report: the reader may know that it was made, and its timeliness, so it is never
    /// shown as missing; its content (statuses, main message, summary, evidence, review) stays out. Lists and single reads
    /// do not use this: for them such an update does not exist (<see cref="CanSee(Caller, string, Confidentiality, UpdateState)"/>).
    /// </summary>
    public static Sight InReport(Caller reader, string participantId, Confidentiality confidentiality, UpdateState state) =>
        CanSee(reader, participantId, confidentiality, state) ? Sight.Content
        : UpdateWorkflow.CountsAsReported(state) ? Sight.ThatItWasReported
        : Sight.Nothing;

    /// <summary>A review comment the secretariat marked internal is its own; any other is read with the update it is on.</summary>
    public static bool MayReadComment(Caller reader, bool commentInternal) => reader.IsSecretariat || !commentInternal;

    /// <summary>Which key made a revision is the secretariat's to know: a key id is an operational detail of access, not of the record.</summary>
    public static bool MaySeeActingKey(Caller reader) => reader.IsSecretariat;

    /// <summary>A participant's digest holds all of its updates, drafts included: its own liaisons and the secretariat read it.</summary>
    public static bool MayReadDigestOf(Caller reader, string participantId) => reader.IsSecretariat || reader.ActsFor(participantId);

    /// <summary>
    /// The review <paramref name="reader"/> sees on an update, in a single read, a revision, a list and every report: an
    /// assessment and a comment belong to the revision the review recorded, so a reader who may not see that revision (a
    /// returned or restricted one) sees neither, whatever the update became since; an internal comment is the secretariat's.
    /// </summary>
    public static Review? ReviewSeenBy(Caller reader, string participantId, Review? review) =>
        review is null || !CanSee(reader, participantId, review.Confidentiality, review.State) ? null
        : MayReadComment(reader, review.CommentInternal) ? review
        : review with { Comment = null, CommentInternal = false };
}

namespace Commitments.Domain;

/// <summary>Who is acting or reading: a role (none when anonymous), the participant a liaison acts for, and the key used.</summary>
public sealed record Caller(Role? Role, string? ParticipantId, string? KeyId)
{
    public static readonly Caller Anonymous = new(null, null, null);
    public static readonly Caller Public = Anonymous;

    public bool IsSecretariat => Role == Domain.Role.Secretariat;

    /// <summary>A liaison acting for this participant.</summary>
    public bool ActsFor(string participantId) => Role == Domain.Role.Liaison && ParticipantId == participantId;
}

/// <summary>
/// Who may see an update, a revision of it, or its cell in a report: the one rule every read, list, history and report applies.
/// The secretariat sees everything; a participant's own liaisons see all of its updates; everyone else sees only what was
/// published: public content that is submitted or accepted. Drafts, returned and withdrawn updates, and restricted content,
/// do not exist for them.
/// </summary>
public static class Visibility
{
    /// <summary>The states in which public content is published; the SQL of the lists is generated from this set.</summary>
    public static readonly IReadOnlyList<UpdateState> PublishedStates = [UpdateState.Submitted, UpdateState.Accepted];

    public static bool IsPublished(Confidentiality confidentiality, UpdateState state) =>
        confidentiality == Confidentiality.Public && PublishedStates.Contains(state);

    public static bool CanSee(Caller viewer, string participantId, Confidentiality confidentiality, UpdateState state) =>
        viewer.IsSecretariat || viewer.ActsFor(participantId) || IsPublished(confidentiality, state);

    /// <summary>An update as of its current revision.</summary>
    public static bool CanSee(Caller viewer, ProgressUpdate update) =>
        CanSee(viewer, update.ParticipantId, update.Content.Confidentiality, update.State);

    /// <summary>A revision is judged by its own content and state when it was recorded, not by the update's current ones.</summary>
    public static bool CanSee(Caller viewer, string participantId, UpdateRevision revision) =>
        CanSee(viewer, participantId, revision.Content.Confidentiality, revision.State);
}

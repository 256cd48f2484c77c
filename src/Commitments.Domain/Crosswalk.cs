namespace Commitments.Domain;

/// <summary>
/// One entry of the secretariat's crosswalk: <paramref name="CommitmentId"/> asks the same as <paramref name="LinkedCommitmentId"/>
/// (read either way round), or succeeds it. <paramref name="Note"/> says why, citing the texts.
/// </summary>
public sealed record CommitmentLink(
    string Id, string CommitmentId, string LinkedCommitmentId, LinkRelation Relation, string? Note, DateTime CreatedAt, string? CreatedBy)
{
    /// <summary>The other end of the link seen from <paramref name="commitmentId"/>, or null when the link does not touch it.</summary>
    public string? Other(string commitmentId) =>
        CommitmentId == commitmentId ? LinkedCommitmentId : LinkedCommitmentId == commitmentId ? CommitmentId : null;

    /// <summary>Whether the link joins the two commitments, in either order.</summary>
    public bool Joins(string a, string b) => Other(a) == b;
}

/// <summary>
/// The crosswalk's rules, written once: which commitments are linked to one, and which of them a participant can answer with the
/// same words in a cycle. A link is a catalogue fact; whether the linked commitment binds the participant is
/// <see cref="Obligations"/>'s question, asked here and nowhere else. Either relation lets one answer serve both ends.
/// </summary>
public static class Crosswalk
{
    /// <summary>Why two commitments cannot be linked (a commitment is not linked to itself), or null.</summary>
    public static string? WhyNotLink(string commitmentId, string linkedCommitmentId) =>
        string.Equals(commitmentId, linkedCommitmentId, StringComparison.OrdinalIgnoreCase)
            ? $"A commitment is not linked to itself ({commitmentId})."
            : null;

    /// <summary>The commitments linked to <paramref name="commitmentId"/>, each once, in the order of the links.</summary>
    public static IReadOnlyList<string> LinkedTo(string commitmentId, IEnumerable<CommitmentLink> links) =>
        links.Select(l => l.Other(commitmentId)).OfType<string>().Where(id => id != commitmentId).Distinct().ToList();

    /// <summary>
    /// The participant's obligations in the cycle (<paramref name="obligations"/>, from <see cref="Obligations.Of"/>) that are
    /// linked to <paramref name="commitmentId"/>: the ones an answer on it may cite or be copied to.
    /// </summary>
    public static IReadOnlyList<Obligation> LinkedObligations(string commitmentId, IEnumerable<CommitmentLink> links, IEnumerable<Obligation> obligations)
    {
        var linked = LinkedTo(commitmentId, links).ToHashSet();
        return obligations.Where(o => linked.Contains(o.Commitment.Id)).ToList();
    }

    /// <summary>
    /// Why an answer on <paramref name="commitmentId"/> cannot also answer <paramref name="target"/> for this participant in this
    /// cycle, or null when it can: the target must be another commitment, linked to it, and one of the participant's obligations.
    /// </summary>
    public static string? WhyNotAnswer(string commitmentId, string target, IEnumerable<CommitmentLink> links, IEnumerable<Obligation> obligations)
    {
        if (target == commitmentId) return $"{target} is the update's own commitment.";
        if (!LinkedTo(commitmentId, links).Contains(target))
            return $"{target} is not linked to {commitmentId} in the crosswalk (GET /v1/commitments/{commitmentId}/links).";
        if (obligations.All(o => o.Commitment.Id != target))
            return $"{target} is linked to {commitmentId} but is not one of this participant's obligations in this cycle.";
        return null;
    }
}

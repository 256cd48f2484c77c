using System.Globalization;

namespace Commitments.Domain;

/// <summary>One commitment a participant must report on in a cycle; an exempt one stays an obligation but leaves every denominator.</summary>
public sealed record Obligation(string ParticipantId, Commitment Commitment, bool Exempt);

/// <summary>
/// The one rule that says whether a participant must report on a commitment in a cycle. Filing, the obligations list,
/// exemptions, coverage, packs, digests and late lists all ask it; nothing else decides.
/// An obligation exists where the participant endorsed the commitment's instrument, the instrument is in the cycle's scope,
/// the endorsement is in force by the cycle's due date and binds the participant to that commitment (an endorsement may cover
/// only some of its instrument's commitments), the commitment applies to the participant's kind and is not retired. A participant
/// that reports through its parent (Google DeepMind through Google) has none: its parent's updates cover both, so one
/// corporate group is counted once.
/// </summary>
public static class Obligations
{
    /// <summary>
    /// International organisations (the EU, the UN) sign as governments do, within their competences,
    /// so commitments for governments bind them too.
    /// </summary>
    public static bool AppliesToKind(AppliesTo appliesTo, ParticipantKind kind) => appliesTo switch
    {
        AppliesTo.All => true,
        AppliesTo.Governments => kind is ParticipantKind.Government or ParticipantKind.InternationalOrganisation,
        AppliesTo.Companies => kind is ParticipantKind.Company,
        _ => false,
    };

    /// <summary>
    /// When an endorsement takes effect: the start (UTC) of its date (for a date "by", the latest day it can have been), or, when its date is unknown, the moment it was
    /// recorded, never before. Null when neither is known (an endorsement not yet stored is in force from now on).
    /// </summary>
    public static DateTime? InForceFrom(Endorsement endorsement) =>
        endorsement.EndorsedOn is { } day
        && DateTime.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
            ? date
            : endorsement.RecordedAt;

    /// <summary>The participant's endorsement of the instrument in force by the cycle's due date, if any.</summary>
    public static Endorsement? InForceFor(Participant participant, Cycle cycle, string instrument) =>
        participant.Endorsements.FirstOrDefault(e => e.InstrumentCode == instrument && InForceFrom(e) is { } from && from <= cycle.DueAt);

    /// <summary>The endorsement in force by the cycle's due date that binds the participant to the commitment, if any.</summary>
    private static Endorsement? BindingFor(Participant participant, Cycle cycle, Commitment commitment) =>
        participant.Endorsements.FirstOrDefault(e => e.InstrumentCode == commitment.InstrumentCode && e.Binds(commitment.Id)
            && InForceFrom(e) is { } from && from <= cycle.DueAt);

    /// <summary>Why the commitment is not an obligation of the participant in the cycle, or null when it is.</summary>
    public static string? WhyNot(Participant participant, Cycle cycle, Commitment commitment)
    {
        if (commitment.Retired)
            return $"{commitment.Id} is retired: it is kept for the record but is nobody's obligation.";
        if (!cycle.Instruments.Contains(commitment.InstrumentCode))
            return $"{commitment.Id} comes from {commitment.InstrumentCode}, which is not in the scope of cycle '{cycle.Id}'.";
        if (participant.Endorsements.All(e => e.InstrumentCode != commitment.InstrumentCode))
            return $"{participant.Id} has not endorsed {commitment.InstrumentCode}, so {commitment.Id} is not one of its obligations.";
        if (participant.Endorsements.All(e => e.InstrumentCode != commitment.InstrumentCode || !e.Binds(commitment.Id)))
            return $"{participant.Id}'s endorsement of {commitment.InstrumentCode} covers only "
                + $"{string.Join(", ", participant.Endorsements.Where(e => e.InstrumentCode == commitment.InstrumentCode).SelectMany(e => e.Covers ?? []))}, "
                + $"so {commitment.Id} is not one of its obligations.";
        if (BindingFor(participant, cycle, commitment) is null)
            return $"{participant.Id}'s endorsement of {commitment.InstrumentCode} took effect after cycle '{cycle.Id}' was due, "
                + $"so {commitment.Id} is not one of its obligations in that cycle.";
        if (!AppliesToKind(commitment.AppliesTo, participant.Kind))
            return $"{commitment.Id} applies to {Codes.Of(commitment.AppliesTo)}; {participant.Id} is a {Codes.Of(participant.Kind).Replace('_', ' ')}.";
        if (ReportsThrough(participant) is { } parent)
            return $"{participant.Id} reports through its parent {parent}, whose updates cover both, so {commitment.Id} is counted once, as {parent}'s.";
        return null;
    }

    /// <summary>The parent whose updates cover this participant's obligations, or null when it reports for itself.</summary>
    public static string? ReportsThrough(Participant participant) =>
        participant.ReportsThroughParent && participant.ParentId is { } parent ? parent : null;

    public static bool Exists(Participant participant, Cycle cycle, Commitment commitment) => WhyNot(participant, cycle, commitment) is null;

    /// <summary>
    /// <see cref="Exists"/> for one participant over many commitments, with its endorsements in force read once instead of once
    /// per commitment (a report asks it for every cell). The conditions of <see cref="WhyNot"/>; a test holds the two together.
    /// </summary>
    public static Func<Commitment, bool> ExistsFor(Participant participant, Cycle cycle)
    {
        if (ReportsThrough(participant) is not null) return static _ => false;
        var inForce = participant.Endorsements.Where(e => InForceFrom(e) is { } from && from <= cycle.DueAt)
            .ToLookup(e => e.InstrumentCode, StringComparer.Ordinal);
        return c => !c.Retired && cycle.Instruments.Contains(c.InstrumentCode) && inForce[c.InstrumentCode].Any(e => e.Binds(c.Id))
            && AppliesToKind(c.AppliesTo, participant.Kind);
    }

    /// <summary>The participant's obligations in the cycle, in the order of <paramref name="commitments"/>.</summary>
    public static IReadOnlyList<Obligation> Of(Participant participant, Cycle cycle, IEnumerable<Commitment> commitments,
        IReadOnlySet<(string Participant, string Commitment)> exemptions) =>
        commitments.Where(c => Exists(participant, cycle, c))
            .Select(c => new Obligation(participant.Id, c, exemptions.Contains((participant.Id, c.Id))))
            .ToList();
}

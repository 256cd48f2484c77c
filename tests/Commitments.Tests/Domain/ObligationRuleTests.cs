using Commitments.Domain;
using Commitments.Infrastructure.Seed;

namespace Commitments.Tests.Domain;

public sealed class ObligationRuleTests
{
    private static readonly Cycle Open = new("c", "C", new(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc), new(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc),
        new(2026, 5, 8, 0, 0, 0, DateTimeKind.Utc), CycleState.Open, null, ["BD", "FAISC"]);

    private static readonly Commitment[] Commitments =
    [
        new("BD-1", "BD", "p", AppliesTo.Governments, "one"), new("BD-4", "BD", "p", AppliesTo.Companies, "four"),
        new("FAISC-I", "FAISC", "p", AppliesTo.All, "i"), new("ST-1", "ST", "p", AppliesTo.All, "out of scope"),
        new("BD-2", "BD", "p", AppliesTo.Governments, "two"), new("BD-0", "BD", "p", AppliesTo.All, "retired", Retired: true),
    ];

    private static readonly Participant[] Participants =
    [
        new("GB", "GB", ParticipantKind.Government, null, null, [], [new("BD", "2023-11-01", EndorsementBasis.Original)]),
        new("EU", "EU", ParticipantKind.InternationalOrganisation, null, null, [], [new("BD", "2023-11-01", EndorsementBasis.Original)]),
        new("LATE", "Late", ParticipantKind.Government, null, null, [], [new("BD", "2026-05-02", EndorsementBasis.Original)]),
        new("UNDATED", "Undated", ParticipantKind.Government, null, null, [],
            [new("BD", null, EndorsementBasis.Original, new DateTime(2026, 4, 30, 0, 0, 0, DateTimeKind.Utc)),
             new("FAISC", null, EndorsementBasis.Original, new DateTime(2026, 5, 1, 0, 0, 1, DateTimeKind.Utc))]),
        new("NEVER", "Never", ParticipantKind.Government, null, null, [], [new("BD", null, EndorsementBasis.Original)]),
        new("ACME", "Acme", ParticipantKind.Company, null, null, [], [new("BD", "2023-11-01", EndorsementBasis.Original), new("FAISC", "2024-05-21", EndorsementBasis.Original)]),
        new("ACME-LAB", "Acme Lab", ParticipantKind.Company, "ACME", null, [], [new("FAISC", "2024-05-21", EndorsementBasis.Original)], ReportsThroughParent: true),
        new("PART", "Part", ParticipantKind.Government, null, null, [], [new("BD", "2023-11-01", EndorsementBasis.TookPart, Covers: ["BD-2"])]),
        new("BYDUE", "By due", ParticipantKind.Government, null, null, [], [new("BD", "2026-05-01", EndorsementBasis.JoinedLater, Precision: DatePrecision.By)]),
    ];

    private static string? WhyNot(string participant, string commitment) =>
        Obligations.WhyNot(Participants.Single(p => p.Id == participant), Open, Commitments.Single(c => c.Id == commitment));

    [Fact]
    public void AnEndorsementThatCoversSomeCommitmentsBindsOnlyThose()
    {
        Assert.Null(WhyNot("PART", "BD-2"));
        Assert.Contains("covers only BD-2", WhyNot("PART", "BD-1"));
        Assert.Null(WhyNot("GB", "BD-1")); // no list: every commitment of the instrument
    }

    [Fact]
    public void ARetiredCommitmentIsNobodysObligation()
    {
        Assert.Contains("retired", WhyNot("GB", "BD-0"));
        Assert.Contains("retired", WhyNot("ACME", "BD-0"));
    }

    [Fact]
    public void AnEndorsementDatedByTheDueDateIsInForceForTheCycle()
    {
        Assert.Null(WhyNot("BYDUE", "BD-1"));
        Assert.Contains("after cycle", WhyNot("LATE", "BD-1"));
    }

    /// <summary>A fresh install's obligations, counted by hand from the texts (see each line) and asked of the one rule.</summary>
    [Fact]
    public void AFreshInstallOwesTheObligationsCountedFromTheTexts()
    {
        int Count(string cycle) => BletchleyCatalogue.Participants.Sum(p =>
            BletchleyCatalogue.Commitments.Count(c => Obligations.Exists(p, BletchleyCatalogue.Cycles.Single(y => y.Id == cycle), c)));
        // seoul-2024: 29 Bletchley signatories x 12 BD commitments for governments or all; the 11 safety testing governments x
        // 9 ST and x CS-2 and CS-3; the 18 other countries attending x CS-3; the 9 companies reporting for themselves x ST-1,
        // ST-2, ST-10 and CS-1.
        Assert.Equal(29 * 12 + 11 * 9 + 11 * 2 + 18 + 9 * 4, Count("seoul-2024"));
        // paris-2025: 20 Frontier signatories x 11 FAISC; the 11 governments x 2 SD and 4 SOI; 28 Ministerial Statement signatories x SMS-1.
        Assert.Equal(20 * 11 + 11 * 6 + 28, Count("paris-2025"));
        Assert.Equal(
            [("BD", 14), ("ST", 10), ("CS", 3), ("SD", 2), ("SOI", 4), ("FAISC", 11), ("SMS", 1)],
            BletchleyCatalogue.Instruments.Select(i => (i.Code, BletchleyCatalogue.Commitments.Count(c => c.InstrumentCode == i.Code))));
    }

    /// <summary>A report asks the per-participant form for every cell; it must answer as the rule that explains a refusal does.</summary>
    [Fact]
    public void ObligationsOfOneParticipantAnswerAsTheRuleThatExplainsThem()
    {
        var cases = Participants.SelectMany(p => Commitments.Select(c => (p, Open, c)))
            .Concat(BletchleyCatalogue.Participants.SelectMany(p => BletchleyCatalogue.Cycles.SelectMany(y => BletchleyCatalogue.Commitments.Select(c => (p, y, c)))))
            .ToList();
        foreach (var (participant, cycle, commitment) in cases)
            Assert.True(Obligations.ExistsFor(participant, cycle)(commitment) == (Obligations.WhyNot(participant, cycle, commitment) is null),
                $"{participant.Id} x {commitment.Id} in {cycle.Id}");
        // Both answers occur, so the comparison is not vacuous.
        Assert.Contains(cases, x => Obligations.ExistsFor(x.p, x.Item2)(x.c));
        Assert.Contains(cases, x => !Obligations.ExistsFor(x.p, x.Item2)(x.c));
    }
}

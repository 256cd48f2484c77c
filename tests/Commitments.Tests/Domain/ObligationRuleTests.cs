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
    ];

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

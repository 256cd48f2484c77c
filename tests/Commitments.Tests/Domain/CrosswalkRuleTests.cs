using Commitments.Domain;

namespace Commitments.Tests.Domain;

/// <summary>The crosswalk's rule: which linked commitments an answer may also answer, for one participant in one cycle.</summary>
public sealed class CrosswalkRuleTests
{
    private static readonly DateTime Due = new(2024, 5, 7, 0, 0, 0, DateTimeKind.Utc);
    private static readonly Cycle Seoul = new("seoul-2024", "t", Due.AddDays(-60), Due, Due.AddDays(7), CycleState.Open, null, ["BD", "ST"]);
    private static readonly Participant Gb = new("GB", "United Kingdom", ParticipantKind.Government, null, null, [],
        [new("BD", "2023-11-01", EndorsementBasis.Original), new("ST", "2023-11-02", EndorsementBasis.TookPart)]);
    private static readonly Commitment Bd7d = new("BD-7d", "BD", "p", AppliesTo.Governments, "t");
    private static readonly Commitment St4 = new("ST-4", "ST", "p", AppliesTo.Governments, "t");
    private static readonly Commitment Bd5 = new("BD-5", "BD", "p", AppliesTo.All, "t");
    private static readonly Commitment Faisc7 = new("FAISC-VII", "FAISC", "p", AppliesTo.Companies, "t");
    private static readonly Commitment Bd1 = new("BD-1", "BD", "p", AppliesTo.Governments, "t");

    private static readonly CommitmentLink[] Links =
    [
        new("l1", "ST-4", "BD-7d", LinkRelation.AsksSame, null, Due, null),
        new("l2", "FAISC-VII", "BD-5", LinkRelation.AsksSame, null, Due, null),
    ];

    private static IReadOnlyList<Obligation> GbObligations =>
        Obligations.Of(Gb, Seoul, [Bd1, Bd5, Bd7d, St4, Faisc7], new HashSet<(string, string)>());

    [Fact]
    public void ALinkReadsFromEitherEnd()
    {
        Assert.Equal(["BD-7d"], Crosswalk.LinkedTo("ST-4", Links));
        Assert.Equal(["ST-4"], Crosswalk.LinkedTo("BD-7d", Links));
        Assert.Empty(Crosswalk.LinkedTo("BD-1", Links));
        Assert.True(Links[0].Joins("BD-7d", "ST-4") && Links[0].Joins("ST-4", "BD-7d"));
        Assert.NotNull(Crosswalk.WhyNotLink("BD-5", "bd-5"));
        Assert.Null(Crosswalk.WhyNotLink("BD-5", "BD-6"));
    }

    [Fact]
    public void OnlyLinkedCommitmentsThatAreTheParticipantsObligationsInTheCycleCount()
    {
        Assert.Equal(["ST-4"], Crosswalk.LinkedObligations("BD-7d", Links, GbObligations).Select(o => o.Commitment.Id));
        // FAISC-VII is linked to BD-5, but GB did not sign it and the cycle does not include it.
        Assert.Empty(Crosswalk.LinkedObligations("BD-5", Links, GbObligations));
    }

    [Theory]
    [InlineData("BD-7d", "ST-4", null)]
    [InlineData("ST-4", "BD-7d", null)]
    [InlineData("BD-7d", "BD-7d", "own commitment")]
    [InlineData("BD-7d", "BD-1", "not linked")]
    [InlineData("BD-5", "FAISC-VII", "not one of this participant's obligations")]
    public void WhetherAnAnswerMayAlsoAnswer(string commitment, string target, string? because)
    {
        var why = Crosswalk.WhyNotAnswer(commitment, target, Links, GbObligations);
        if (because is null) Assert.Null(why);
        else Assert.Contains(because, why);
    }
}

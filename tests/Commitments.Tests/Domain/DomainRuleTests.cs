using Commitments.Domain;
using Commitments.Domain.Reports;

namespace Commitments.Tests.Domain;

public sealed class DomainRuleTests
{
    private static readonly DateTime Due = new(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly CycleDates Dates = new(Due.AddDays(-30), Due, Due.AddDays(7), Closed: false);

    [Theory]
    [InlineData(-1, 3, "on_time")]
    [InlineData(0, 3, "on_time")]
    [InlineData(2, 3, "late")]
    [InlineData(20, 30, "late")]
    public void TimelinessOfASubmission(int submittedDaysAfterDue, int asOfDaysAfterDue, string expected) =>
        Assert.Equal(expected, Codes.Of(TimelinessRule.Of(Dates, Due.AddDays(submittedDaysAfterDue), Due.AddDays(asOfDaysAfterDue))!.Value));

    [Fact]
    public void TimelinessWithNothingSubmitted()
    {
        Assert.Null(TimelinessRule.Of(Dates, null, Due.AddDays(-1)));
        Assert.Equal(Timeliness.Overdue, TimelinessRule.Of(Dates, null, Due.AddDays(3)));
        Assert.Equal(Timeliness.Missing, TimelinessRule.Of(Dates, null, Due.AddDays(8)));
        Assert.Equal(Timeliness.Missing, TimelinessRule.Of(Dates with { Closed = true }, null, Due.AddDays(1)));
        Assert.Equal(Timeliness.Exempt, TimelinessRule.Of(Dates, null, Due.AddDays(8), exempt: true));
        // A submission after the as-of time did not exist then.
        Assert.Equal(Timeliness.Overdue, TimelinessRule.Of(Dates, Due.AddDays(5), Due.AddDays(3)));
    }

    [Fact]
    public void DaysOverdueCountWholeStartedDays()
    {
        Assert.Equal(0, TimelinessRule.DaysOverdue(Dates, Due.AddHours(-1), Due.AddDays(9)));
        Assert.Equal(1, TimelinessRule.DaysOverdue(Dates, Due.AddHours(1), Due.AddDays(9)));
        Assert.Equal(9, TimelinessRule.DaysOverdue(Dates, null, Due.AddDays(9)));
    }

    [Theory]
    [InlineData(UpdateState.Draft, UpdateAction.Submit, UpdateState.Submitted)]
    [InlineData(UpdateState.Returned, UpdateAction.Submit, UpdateState.Submitted)]
    [InlineData(UpdateState.Submitted, UpdateAction.Accept, UpdateState.Accepted)]
    [InlineData(UpdateState.Submitted, UpdateAction.Return, UpdateState.Returned)]
    [InlineData(UpdateState.Submitted, UpdateAction.Withdraw, UpdateState.Withdrawn)]
    [InlineData(UpdateState.Draft, UpdateAction.Amend, UpdateState.Draft)]
    public void AllowedTransitions(UpdateState from, UpdateAction action, UpdateState to) => Assert.Equal(to, UpdateWorkflow.Next(from, action));

    [Theory]
    [InlineData(UpdateState.Draft, UpdateAction.Accept)]
    [InlineData(UpdateState.Accepted, UpdateAction.Amend)]
    [InlineData(UpdateState.Accepted, UpdateAction.Withdraw)]
    [InlineData(UpdateState.Withdrawn, UpdateAction.Submit)]
    [InlineData(UpdateState.Submitted, UpdateAction.Submit)]
    [InlineData(UpdateState.Returned, UpdateAction.Return)]
    public void RefusedTransitions(UpdateState from, UpdateAction action) => Assert.Null(UpdateWorkflow.Next(from, action));

    [Theory]
    [InlineData(AppliesTo.Governments, ParticipantKind.Government, true)]
    [InlineData(AppliesTo.Governments, ParticipantKind.InternationalOrganisation, true)]
    [InlineData(AppliesTo.Governments, ParticipantKind.Company, false)]
    [InlineData(AppliesTo.Companies, ParticipantKind.Government, false)]
    [InlineData(AppliesTo.All, ParticipantKind.Company, true)]
    public void WhomACommitmentBinds(AppliesTo appliesTo, ParticipantKind kind, bool expected) =>
        Assert.Equal(expected, Obligations.AppliesToKind(appliesTo, kind));

    [Fact]
    public void VocabularyCodesAreSnakeCase()
    {
        Assert.Equal("no_evidence_available", Codes.Of(ImplementationStatus.NoEvidenceAvailable));
        Assert.Equal(ParticipantKind.InternationalOrganisation, Codes.Parse<ParticipantKind>("international_organisation"));
        Assert.False(Codes.TryParse<Role>("Secretariat", out _));
    }

    [Fact]
    public void SharesAreRoundedAndUndefinedWithoutADenominator()
    {
        Assert.Equal(0.3333, BriefingPackBuilder.Share(1, 3));
        Assert.Null(BriefingPackBuilder.Share(0, 0));
    }

    [Fact]
    public void APackCountsOnlySubmittedAndAcceptedUpdatesAndLeavesExemptionsOutOfTheDenominator()
    {
        var cycle = new Cycle("c", "C", Due.AddDays(-30), Due, Due.AddDays(7), CycleState.Open, null, ["BD"]);
        Participant Gov(string id) => new(id, id, ParticipantKind.Government, null, null, [], [new Endorsement("BD", "2023-11-01", EndorsementBasis.Original)]);
        Commitment[] commitments = [new("BD-1", "BD", "p", AppliesTo.Governments, "one"), new("BD-4", "BD", "p", AppliesTo.Companies, "four")];
        ProgressUpdate Update(string p, UpdateState state, ImplementationStatus status) =>
            new($"{p}-u", p, "BD-1", "c", state, 2, state == UpdateState.Draft ? null : Due.AddDays(-1), Due.AddDays(-2), Due.AddDays(-1),
                new UpdateContent(status, "s", null, null, [], Confidentiality.Public, null));
        var pack = BriefingPackBuilder.Build(new ReportInputs(cycle, [Gov("AA"), Gov("BB"), Gov("CC"), Gov("DD")], commitments,
            [Update("AA", UpdateState.Accepted, ImplementationStatus.Complete), Update("BB", UpdateState.Draft, ImplementationStatus.Complete),
             Update("CC", UpdateState.Submitted, ImplementationStatus.Limited)],
            new HashSet<(string, string)> { ("DD", "BD-1") }, Due.AddDays(10), Audience.Secretariat, null));

        var bd1 = pack.Commitments.Single(c => c.CommitmentId == "BD-1");
        Assert.Equal(3, bd1.Obligated);      // DD is exempt
        Assert.Equal(2, bd1.Reported);       // BB's draft does not count
        Assert.Equal(0.3333, bd1.HighCompletionShare);
        Assert.Equal("exempt", Codes.Of(pack.Matrix.Single(r => r.ParticipantId == "DD").Cells[0].Timeliness!.Value));
        Assert.Equal(["BD-1"], pack.CommitmentIds); // no participant is bound by BD-4: it is listed once, not as an empty column
        Assert.Equal(["BD-4"], pack.CommitmentsWithoutObligations!);
        Assert.Single(pack.Matrix[0].Cells);
        Assert.Equal(["BB"], pack.Late.Select(l => l.ParticipantId)); // the draft's obligation is missing after grace
    }
}

using Commitments.Api.Http;
using Commitments.Domain;
using Commitments.Domain.Receipts;
using Commitments.Domain.Reports;

namespace Commitments.Tests.Domain;

/// <summary>
/// The rules that used to be restated in SQL, handlers, DTOs and templates, each pinned here with the answer it must give: the
/// present replayed from the revisions, which review a reader sees, timeliness of a withdrawn or reopened update, which states
/// may be submitted or count as reported, and how a CSV cell is kept from being read as a formula.
/// </summary>
public sealed class OneHomeRuleTests
{
    private static readonly DateTime T0 = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);
    private static readonly CycleDates Dates = new(T0.AddDays(-10), T0.AddDays(5), T0.AddDays(10), Closed: false);
    private static readonly UpdateContent Restricted = new(ImplementationStatus.Complete, "Done.", null, null, [], Confidentiality.Restricted, null);
    private static readonly Caller Secretariat = new(Role.Secretariat, null, "k-sec");
    private static readonly Caller Gb = new(Role.Liaison, "GB", "k-gb", ParticipantKind.Government);
    private static readonly Caller Fr = new(Role.Liaison, "FR", "k-fr", ParticipantKind.Government);
    private static readonly Caller Company = new(Role.Liaison, "openai", "k-ai", ParticipantKind.Company);

    private static (ProgressUpdate Update, List<UpdateRevision> Revisions) Run(params (UpdateChange Change, Caller Caller, DateTime At)[] steps)
    {
        var (update, first) = UpdateLifecycle.File(new NewUpdate("u-1", "GB", "BD-1", "c-1", Restricted, Submit: true), Gb, CycleState.Open, T0)
            .Transition!;
        List<UpdateRevision> revisions = [first];
        foreach (var (change, caller, at) in steps)
        {
            var decision = UpdateLifecycle.Apply(update, Dates, CycleState.Open, change, caller, at);
            Assert.Null(decision.Refusal);
            (update, var revision) = decision.Transition!;
            revisions.Add(revision);
        }
        return (update, revisions);
    }

    private static UpdateIdentity Identity => new("u-1", "GB", "BD-1", "c-1");

    [Fact]
    public void TheRevisionsReplayedAreTheUpdateTheLifecycleMadeStepByStep()
    {
        var (update, revisions) = Run(
            (new UpdateChange(UpdateAction.Return, AssessedStatus: ImplementationStatus.Limited, Comment: "Evidence missing."), Secretariat, T0.AddDays(1)),
            (new UpdateChange(UpdateAction.Amend, Content: Restricted with { Confidentiality = Confidentiality.Public }), Gb, T0.AddDays(2)),
            (new UpdateChange(UpdateAction.Submit), Gb, T0.AddDays(3)),
            (new UpdateChange(UpdateAction.Amend, Content: Restricted with { Summary = "Done, and more.", Confidentiality = Confidentiality.Public }), Gb,
                T0.AddDays(6)),
            (new UpdateChange(UpdateAction.Accept), Secretariat, T0.AddDays(7)));

        Assert.Equal(update, UpdateLifecycle.Replay(Identity, revisions, Dates));
        // The first submission stands through a return; an amendment of submitted content after the due date is recorded as late.
        Assert.Equal(T0, update.FirstSubmittedAt);
        Assert.Equal(T0.AddDays(6), update.AmendedAfterDueAt);
        Assert.Null(UpdateLifecycle.Replay(Identity, revisions[..4], Dates).AmendedAfterDueAt); // the amendment while returned was not late
        Assert.Equal(T0.AddDays(6), UpdateLifecycle.Replay(Identity, revisions[..5], Dates).AmendedAfterDueAt);
        // The accept carries the return's assessment as its own; the return's comment stays with the return.
        Assert.Equal(new Review(6, UpdateState.Accepted, Confidentiality.Public, ImplementationStatus.Limited, null, false), update.LastReview);
        Assert.Equal([null, new Review(2, UpdateState.Returned, Confidentiality.Restricted, ImplementationStatus.Limited, "Evidence missing.", false)],
            UpdateLifecycle.ReviewsThrough(revisions).Take(2));
    }

    [Fact]
    public void AWithdrawnUpdateCountsAsNothingSubmittedAndItsNextSubmissionAfterReopeningIsItsFirst()
    {
        var (withdrawn, _) = Run((new UpdateChange(UpdateAction.Withdraw), Gb, T0.AddDays(1)));
        Assert.Equal(T0, withdrawn.FirstSubmittedAt); // the record keeps when it was submitted
        Assert.Null(TimelinessRule.SubmittedAt(withdrawn));
        Assert.Equal(Timeliness.Overdue, TimelinessRule.Of(Dates, TimelinessRule.SubmittedAt(withdrawn), T0.AddDays(6)));

        var (resubmitted, revisions) = Run((new UpdateChange(UpdateAction.Withdraw), Gb, T0.AddDays(1)),
            (new UpdateChange(UpdateAction.Reopen), Gb, T0.AddDays(6)), (new UpdateChange(UpdateAction.Submit), Gb, T0.AddDays(7)));
        Assert.Equal(T0.AddDays(7), resubmitted.FirstSubmittedAt);
        Assert.Equal(Timeliness.Late, TimelinessRule.Of(Dates, TimelinessRule.SubmittedAt(resubmitted), T0.AddDays(8)));
        Assert.Equal(T0.AddDays(7), UpdateLifecycle.Replay(Identity, revisions, Dates).FirstSubmittedAt);
        Assert.Null(UpdateLifecycle.Replay(Identity, revisions[..3], Dates).FirstSubmittedAt); // reopened: nothing submitted yet
    }

    [Fact]
    public void AReviewIsSeenOnlyByAReaderWhoMaySeeTheRevisionItRecorded()
    {
        var returned = new Review(2, UpdateState.Returned, Confidentiality.Public, ImplementationStatus.Limited, "Why.", false);
        var acceptedGovernments = returned with { State = UpdateState.Accepted, Confidentiality = Confidentiality.Governments };
        var acceptedInternal = returned with { State = UpdateState.Accepted, CommentInternal = true };
        var readers = new Dictionary<string, Caller> { ["secretariat"] = Secretariat, ["own"] = Gb, ["government"] = Fr, ["company"] = Company,
            ["public"] = Caller.Public };
        var expected = new Dictionary<string, (bool Returned, bool Governments, string? InternalComment)>
        {
            ["secretariat"] = (true, true, "Why."), ["own"] = (true, true, null), ["government"] = (false, true, null),
            ["company"] = (false, false, null), ["public"] = (false, false, null),
        };
        foreach (var (name, reader) in readers)
        {
            Assert.Equal(expected[name].Returned, Visibility.ReviewSeenBy(reader, "GB", returned) is not null);
            Assert.Equal(expected[name].Governments, Visibility.ReviewSeenBy(reader, "GB", acceptedGovernments) is not null);
            var seen = Visibility.ReviewSeenBy(reader, "GB", acceptedInternal)!;
            Assert.Equal(ImplementationStatus.Limited, seen.AssessedStatus); // an internal comment hides the comment, not the assessment
            Assert.Equal(expected[name].InternalComment, seen.Comment);
        }
        Assert.Null(Visibility.ReviewSeenBy(Secretariat, "GB", null));
        Assert.True(Visibility.MaySeeActingKey(Secretariat));
        Assert.All(readers.Values.Where(r => r != Secretariat), r => Assert.False(Visibility.MaySeeActingKey(r)));
        Assert.True(Visibility.MayReadDigestOf(Gb, "GB"));
        Assert.False(Visibility.MayReadDigestOf(Fr, "GB"));
    }

    [Fact]
    public void OnlyADraftOrAReturnedUpdateMayBeSubmittedAndOnlySubmittedOrAcceptedOnesCountAsReported()
    {
        Assert.Equal([UpdateState.Draft, UpdateState.Returned], Enum.GetValues<UpdateState>().Where(UpdateWorkflow.MaySubmit));
        Assert.Equal([UpdateState.Submitted, UpdateState.Accepted], Enum.GetValues<UpdateState>().Where(UpdateWorkflow.CountsAsReported));
        Assert.Equal(UpdateWorkflow.ReportedStates, Enum.GetValues<UpdateState>().Where(UpdateWorkflow.CountsAsReported));
        Assert.True(Cell.IsReported(UpdateState.Draft, withheld: true)); // reported at a level the reader may not read
        Assert.False(Cell.IsReported(null, withheld: false));
        Assert.False(new DigestItem("BD-1", UpdateState.Returned, null, null, false, null, null, []).Reported);
        Assert.True(new DigestItem("BD-1", UpdateState.Accepted, null, null, false, null, null, []).Reported);
    }

    [Theory]
    [InlineData("plain", "plain", "plain")]
    [InlineData("=1+1", "'=1+1", "'=1+1")]
    [InlineData("-2", "'-2", "'-2")]
    [InlineData("a;b", "a;b", "\"a;b\"")]
    [InlineData("x; =HYPERLINK(1)", "'x; =HYPERLINK(1)", "\"'x; =HYPERLINK(1)\"")]
    [InlineData("x\t@SUM(1)", "'x\t@SUM(1)", "\"'x\t@SUM(1)\"")]
    [InlineData("a, b", "a, b", "\"a, b\"")]
    [InlineData("'quoted", "'quoted", "'quoted")]
    public void EveryCsvCellThatASpreadsheetCouldComputeOrSplitIsNeutralisedAndQuoted(string cell, string neutralised, string written)
    {
        Assert.Equal(neutralised, CsvCells.Neutralise(cell));
        Assert.Equal(cell, CsvCells.Original(CsvCells.Neutralise(cell)));
        using var text = new StringWriter();
        using (var csv = CsvHelper.CsvWriter.Create(text, CsvCells.Options, true)) csv.WriteRecord([CsvCells.Neutralise(cell)]);
        Assert.Equal(written, text.ToString().TrimEnd('\r', '\n'));
    }
}

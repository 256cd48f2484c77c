using Commitments.Domain;

namespace Commitments.Tests.Domain;

/// <summary>The update lifecycle over every state x action x role, against a table written out here by hand.</summary>
public sealed class UpdateLifecycleTests
{
    private static readonly DateTime Filed = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Now = Filed.AddDays(2);
    private static readonly UpdateContent Content = new(ImplementationStatus.Limited, "Started.", null, null, [], Confidentiality.Public, null);
    private static readonly CycleDates Dates = new(Filed.AddDays(-10), Filed.AddDays(30), Filed.AddDays(37), Closed: false);
    private static readonly UpdateContent Amended = Content with { Status = ImplementationStatus.Complete, Summary = "Done." };

    private static readonly Dictionary<string, Caller> Callers = new()
    {
        ["secretariat"] = new(Role.Secretariat, null, "k-sec"),
        ["own liaison"] = new(Role.Liaison, "GB", "k-gb"),
        ["other liaison"] = new(Role.Liaison, "FR", "k-fr"),
        ["observer"] = new(Role.Observer, null, "k-obs"),
        ["anonymous"] = Caller.Anonymous,
    };

    /// <summary>The workflow as the README states it: draft -> submitted -> (returned -> submitted)* -> accepted; withdrawn from any state but accepted.</summary>
    private static readonly Dictionary<(UpdateState, UpdateAction), UpdateState> Allowed = new()
    {
        [(UpdateState.Draft, UpdateAction.Amend)] = UpdateState.Draft,
        [(UpdateState.Draft, UpdateAction.Submit)] = UpdateState.Submitted,
        [(UpdateState.Draft, UpdateAction.Withdraw)] = UpdateState.Withdrawn,
        [(UpdateState.Submitted, UpdateAction.Amend)] = UpdateState.Submitted,
        [(UpdateState.Submitted, UpdateAction.Withdraw)] = UpdateState.Withdrawn,
        [(UpdateState.Submitted, UpdateAction.Accept)] = UpdateState.Accepted,
        [(UpdateState.Submitted, UpdateAction.Return)] = UpdateState.Returned,
        [(UpdateState.Returned, UpdateAction.Amend)] = UpdateState.Returned,
        [(UpdateState.Returned, UpdateAction.Submit)] = UpdateState.Submitted,
        [(UpdateState.Returned, UpdateAction.Withdraw)] = UpdateState.Withdrawn,
    };

    public static TheoryData<UpdateState, UpdateAction, string> EveryCase()
    {
        var data = new TheoryData<UpdateState, UpdateAction, string>();
        foreach (var state in Enum.GetValues<UpdateState>())
        foreach (var action in new[] { UpdateAction.Amend, UpdateAction.Submit, UpdateAction.Withdraw, UpdateAction.Accept, UpdateAction.Return })
        foreach (var caller in Callers.Keys)
            data.Add(state, action, caller);
        return data;
    }

    private static ProgressUpdate At(UpdateState state, DateTime? firstSubmitted = null) =>
        new("u-1", "GB", "BD-1", "c-1", state, 3, firstSubmitted ?? (state == UpdateState.Draft ? null : Filed), Filed, Filed, Content);

    [Theory]
    [MemberData(nameof(EveryCase))]
    public void EveryStateActionAndRoleIsDecidedByTheTable(UpdateState state, UpdateAction action, string who)
    {
        var caller = Callers[who];
        var decision = UpdateLifecycle.Apply(At(state), Dates, CycleState.Open, new UpdateChange(action, Content: Amended,
            AssessedStatus: ImplementationStatus.Substantial, Comment: "Reviewed."), caller, Now);

        var reviewing = action is UpdateAction.Accept or UpdateAction.Return;
        var entitled = reviewing ? who == "secretariat" : who is "secretariat" or "own liaison";
        if (!entitled)
        {
            Assert.Equal(RefusalKind.Forbidden, decision.Refusal?.Kind);
            return;
        }
        if (!Allowed.TryGetValue((state, action), out var next))
        {
            Assert.Equal(RefusalKind.Conflict, decision.Refusal?.Kind);
            Assert.Equal(state, decision.Refusal!.CurrentState);
            return;
        }

        Assert.Null(decision.Refusal);
        var (update, revision) = decision.Transition!;
        Assert.Equal(next, update.State);
        Assert.Equal(4, update.Revision);
        Assert.Equal(Now, update.UpdatedAt);
        Assert.Equal(action == UpdateAction.Amend ? Amended : Content, update.Content);
        Assert.Equal(reviewing ? ImplementationStatus.Substantial : null, update.AssessedStatus);
        Assert.Equal(reviewing ? new Review(4, next, Content.Confidentiality, ImplementationStatus.Substantial, "Reviewed.", false) : null,
            update.LastReview);
        // The revision records exactly the update after the action, and who did it when.
        Assert.Equal(new UpdateRevision("u-1", 4, action, next, update.AssessedStatus, update.Content, reviewing ? "Reviewed." : null,
            caller.KeyId, caller.Role!.Value, caller.ParticipantId, Now), revision);
    }

    [Fact]
    public void TheFirstSubmissionTimeIsSetOnceAndKept()
    {
        var submitted = UpdateLifecycle.Apply(At(UpdateState.Draft), Dates, CycleState.Open, new UpdateChange(UpdateAction.Submit), Callers["own liaison"], Now);
        Assert.Equal(Now, submitted.Transition!.Update.FirstSubmittedAt);
        var resubmitted = UpdateLifecycle.Apply(At(UpdateState.Returned, firstSubmitted: Filed), Dates, CycleState.Open,
            new UpdateChange(UpdateAction.Submit), Callers["own liaison"], Now);
        Assert.Equal(Filed, resubmitted.Transition!.Update.FirstSubmittedAt);
    }

    [Theory]
    [InlineData(CycleState.Planned)]
    [InlineData(CycleState.Closed)]
    public void OnlyTheSecretariatChangesUpdatesOfACycleThatIsNotOpen(CycleState cycle)
    {
        var change = new UpdateChange(UpdateAction.Amend, Content: Amended);
        Assert.Equal(RefusalKind.Conflict, UpdateLifecycle.Apply(At(UpdateState.Draft), Dates, cycle, change, Callers["own liaison"], Now).Refusal?.Kind);
        Assert.NotNull(UpdateLifecycle.Apply(At(UpdateState.Draft), Dates, cycle, change, Callers["secretariat"], Now).Transition);
    }

    [Fact]
    public void AChangeBasedOnAnOlderRevisionIsRefused()
    {
        var stale = UpdateLifecycle.Apply(At(UpdateState.Draft), Dates, CycleState.Open, new UpdateChange(UpdateAction.Amend, BasedOnRevision: 2, Content: Amended),
            Callers["own liaison"], Now);
        Assert.Equal(RefusalKind.PreconditionFailed, stale.Refusal?.Kind);
        var current = UpdateLifecycle.Apply(At(UpdateState.Draft), Dates, CycleState.Open, new UpdateChange(UpdateAction.Amend, BasedOnRevision: 3, Content: Amended),
            Callers["own liaison"], Now);
        Assert.NotNull(current.Transition);
    }

    [Theory]
    [InlineData("secretariat", CycleState.Closed, true, null)]
    [InlineData("own liaison", CycleState.Open, true, null)]
    [InlineData("own liaison", CycleState.Open, false, null)]
    [InlineData("own liaison", CycleState.Closed, true, RefusalKind.Conflict)]
    [InlineData("other liaison", CycleState.Open, true, RefusalKind.Forbidden)]
    [InlineData("observer", CycleState.Open, true, RefusalKind.Forbidden)]
    [InlineData("anonymous", CycleState.Open, false, RefusalKind.Forbidden)]
    public void FilingMakesTheFirstRevision(string who, CycleState cycle, bool submit, RefusalKind? refused)
    {
        var caller = Callers[who];
        var decision = UpdateLifecycle.File(new NewUpdate("u-9", "GB", "BD-1", "c-1", Content, submit), caller, cycle, Now);
        Assert.Equal(refused, decision.Refusal?.Kind);
        if (refused is not null) return;
        var (update, revision) = decision.Transition!;
        Assert.Equal(submit ? UpdateState.Submitted : UpdateState.Draft, update.State);
        Assert.Equal(submit ? Now : null, update.FirstSubmittedAt);
        Assert.Equal(1, update.Revision);
        Assert.Equal(new UpdateRevision("u-9", 1, UpdateAction.Create, update.State, null, Content, null, caller.KeyId, caller.Role!.Value,
            caller.ParticipantId, Now), revision);
    }
}

namespace Commitments.Domain;

public enum UpdateAction { Create, Amend, Submit, Withdraw, Accept, Return, Reopen }

/// <summary>draft -> submitted -> (returned -> submitted)* -> accepted; withdrawn from any state but accepted; a withdrawn update reopens as a draft.</summary>
public static class UpdateWorkflow
{
    /// <summary>The state after <paramref name="action"/>, or null when the action is not allowed from <paramref name="from"/>.</summary>
    public static UpdateState? Next(UpdateState from, UpdateAction action) => (from, action) switch
    {
        (UpdateState.Draft or UpdateState.Returned or UpdateState.Submitted, UpdateAction.Amend) => from,
        (UpdateState.Draft or UpdateState.Returned, UpdateAction.Submit) => UpdateState.Submitted,
        (UpdateState.Draft or UpdateState.Submitted or UpdateState.Returned, UpdateAction.Withdraw) => UpdateState.Withdrawn,
        (UpdateState.Submitted, UpdateAction.Accept) => UpdateState.Accepted,
        (UpdateState.Submitted, UpdateAction.Return) => UpdateState.Returned,
        (UpdateState.Withdrawn, UpdateAction.Reopen) => UpdateState.Draft,
        _ => null,
    };

    /// <summary>Whether an update in <paramref name="state"/> may be submitted (a draft, or one the secretariat returned).</summary>
    public static bool MaySubmit(UpdateState state) => Next(state, UpdateAction.Submit) is not null;

    public static bool IsReview(UpdateAction action) => action is UpdateAction.Accept or UpdateAction.Return;

    /// <summary>
    /// The states in which an update is reported: it counts in coverage figures, and its content is published to the readers
    /// its confidentiality reaches. The lists' SQL is generated from this set.
    /// </summary>
    public static readonly IReadOnlyList<UpdateState> ReportedStates = [UpdateState.Submitted, UpdateState.Accepted];

    public static bool CountsAsReported(UpdateState state) => ReportedStates.Contains(state);
}

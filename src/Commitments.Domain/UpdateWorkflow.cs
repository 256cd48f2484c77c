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

    /// <summary>States in which an update counts as reported in coverage figures.</summary>
    public static bool CountsAsReported(UpdateState state) =>
        state is UpdateState.Submitted or UpdateState.Accepted;
}

namespace Commitments.Domain;

public enum RefusalKind { Forbidden, Conflict, PreconditionFailed }

/// <summary>Why the lifecycle refuses an action; <see cref="CurrentState"/> is set when the workflow is what refuses.</summary>
public sealed record Refusal(RefusalKind Kind, string Reason, UpdateState? CurrentState = null);

/// <summary>The update after an action, and the revision that records it.</summary>
public sealed record Transition(ProgressUpdate Update, UpdateRevision Revision);

/// <summary>Either a transition or a refusal.</summary>
public readonly record struct Decision(Transition? Transition, Refusal? Refusal)
{
    public static implicit operator Decision(Transition transition) => new(transition, null);
    public static implicit operator Decision(Refusal refusal) => new(null, refusal);
}

/// <summary>A new update as the filer asked for it.</summary>
public sealed record NewUpdate(string Id, string ParticipantId, string CommitmentId, string CycleId, UpdateContent Content, bool Submit);

/// <summary>
/// One action on an existing update: the revision the caller based it on (null: whichever is current), new content when
/// amending, and the secretariat's assessment and comment when reviewing.
/// </summary>
public sealed record UpdateChange(
    UpdateAction Action, int? BasedOnRevision = null, UpdateContent? Content = null, ImplementationStatus? AssessedStatus = null, string? Comment = null,
    bool CommentInternal = false);

/// <summary>
/// The update lifecycle, written once: filing, amending, submitting, withdrawing and reviewing are pure transitions from
/// (current update, caller, time, input) to the next update and its revision, or a refusal with its reason. Revisions are
/// built here and nowhere else. Whether the commitment is an obligation at all is <see cref="Obligations"/>'s question.
/// </summary>
public static class UpdateLifecycle
{
    public static Decision File(NewUpdate input, Caller caller, CycleState cycleState, DateTime now)
    {
        if (Lane(caller, input.ParticipantId) is { } forbidden) return forbidden;
        if (!caller.IsSecretariat && cycleState != CycleState.Open)
            return new Refusal(RefusalKind.Conflict, $"Cycle '{input.CycleId}' is {Codes.Of(cycleState)}: liaisons can only file in an open cycle.");
        var state = input.Submit ? UpdateState.Submitted : UpdateState.Draft;
        var update = new ProgressUpdate(input.Id, input.ParticipantId, input.CommitmentId, input.CycleId, state, null, 1,
            input.Submit ? now : null, now, now, input.Content, null);
        return Record(update, UpdateAction.Create, caller, now);
    }

    public static Decision Apply(ProgressUpdate current, CycleDates cycle, CycleState cycleState, UpdateChange change, Caller caller, DateTime now)
    {
        var action = change.Action;
        var reviewing = action is UpdateAction.Accept or UpdateAction.Return;
        if (reviewing && !caller.IsSecretariat) return new Refusal(RefusalKind.Forbidden, "Only the secretariat reviews updates.");
        if (!reviewing && Lane(caller, current.ParticipantId) is { } forbidden) return forbidden;
        if (!caller.IsSecretariat && cycleState != CycleState.Open)
            return new Refusal(RefusalKind.Conflict, $"Cycle '{current.CycleId}' is {Codes.Of(cycleState)}: its updates can no longer be changed by liaisons.");
        if (change.BasedOnRevision is { } basedOn && basedOn != current.Revision)
            return new Refusal(RefusalKind.PreconditionFailed,
                $"The update is at revision {current.Revision} (ETag \"{current.Revision}\"); fetch it again and reapply your change.");
        if (UpdateWorkflow.Next(current.State, action) is not { } state)
            return new Refusal(RefusalKind.Conflict, $"An update that is {Codes.Of(current.State)} cannot be {Verb(action)}.", current.State);

        var next = current with
        {
            State = state,
            Content = action == UpdateAction.Amend ? change.Content ?? current.Content : current.Content,
            AssessedStatus = reviewing ? change.AssessedStatus ?? current.AssessedStatus : current.AssessedStatus,
            Comment = reviewing ? change.Comment : null,
            CommentInternal = reviewing && change.Comment is not null && change.CommentInternal,
            Revision = current.Revision + 1,
            // A withdrawn update counted as nothing submitted: once reopened, its next submission is its first.
            FirstSubmittedAt = action == UpdateAction.Reopen ? null : current.FirstSubmittedAt ?? (state == UpdateState.Submitted ? now : null),
            UpdatedAt = now,
            AmendedAfterDueAt = current.AmendedAfterDueAt
                ?? (TimelinessRule.IsLateAmendment(action, current.State, now, cycle) ? now : null),
        };
        return Record(next, action, caller, now);
    }

    /// <summary>The secretariat acts for every participant; a liaison only for its own.</summary>
    public static Refusal? Lane(Caller caller, string participantId) =>
        caller.IsSecretariat || caller.ActsFor(participantId)
            ? null
            : new Refusal(RefusalKind.Forbidden, caller.ParticipantId is { } own
                ? $"This key files for '{own}', not for '{participantId}'."
                : "Only the secretariat and the participant's liaisons change its updates.");

    /// <summary>The revision that records <paramref name="update"/> as it is after <paramref name="action"/>.</summary>
    private static Transition Record(ProgressUpdate update, UpdateAction action, Caller caller, DateTime now) =>
        new(update, new UpdateRevision(update.Id, update.Revision, action, update.State, update.AssessedStatus, update.Content,
            update.Comment, caller.KeyId, caller.Role ?? Role.Observer, caller.ParticipantId, now, update.CommentInternal));

    private static string Verb(UpdateAction action) => action switch
    {
        UpdateAction.Amend => "amended",
        UpdateAction.Submit => "submitted",
        UpdateAction.Withdraw => "withdrawn",
        UpdateAction.Accept => "accepted",
        UpdateAction.Return => "returned",
        UpdateAction.Reopen => "reopened",
        _ => Codes.Of(action),
    };
}

namespace Commitments.Domain;

/// <summary>The dates of a reporting cycle that timeliness is measured against (all UTC).</summary>
public sealed record CycleDates(DateTime OpensAt, DateTime DueAt, DateTime GraceUntil, bool Closed);

public static class TimelinessRule
{
    /// <summary>
    /// on_time: first submitted by the due date; late: submitted after it; overdue: nothing submitted, due date passed,
    /// cycle still open; missing: nothing submitted and the cycle closed (explicitly, or its grace period over);
    /// exempt: the secretariat exempted the obligation. Null while nothing is due yet.
    /// </summary>
    public static Timeliness? Of(CycleDates cycle, DateTime? firstSubmittedAt, DateTime asOf, bool exempt = false)
    {
        if (exempt) return Timeliness.Exempt;
        if (firstSubmittedAt is { } submitted && submitted <= asOf)
            return submitted <= cycle.DueAt ? Timeliness.OnTime : Timeliness.Late;
        if (asOf <= cycle.DueAt) return null;
        return cycle.Closed || asOf > cycle.GraceUntil ? Timeliness.Missing : Timeliness.Overdue;
    }

    /// <summary>When an update was submitted, for its timeliness: a withdrawn update counts as nothing submitted.</summary>
    public static DateTime? SubmittedAt(ProgressUpdate? update) =>
        update is null || update.State == UpdateState.Withdrawn ? null : update.FirstSubmittedAt;

    /// <summary>
    /// An amendment of submitted content after the due date: the update keeps its first submission's timeliness (a
    /// correction is not a late report), but the change is recorded as late, so a placeholder submitted on time and
    /// replaced afterwards shows as such.
    /// </summary>
    public static bool IsLateAmendment(UpdateAction action, UpdateState stateBefore, DateTime at, CycleDates cycle) =>
        action == UpdateAction.Amend && stateBefore == UpdateState.Submitted && at > cycle.DueAt;

    /// <summary>Whole days past the due date: of the submission when there is one, else of the as-of time.</summary>
    public static int DaysOverdue(CycleDates cycle, DateTime? firstSubmittedAt, DateTime asOf)
    {
        var end = firstSubmittedAt is { } s && s <= asOf ? s : asOf;
        return end <= cycle.DueAt ? 0 : (int)Math.Ceiling((end - cycle.DueAt).TotalDays);
    }
}

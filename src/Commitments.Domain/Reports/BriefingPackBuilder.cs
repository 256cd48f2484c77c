namespace Commitments.Domain.Reports;

/// <summary>
/// The counting rules, written once. Which cells are obligations is <see cref="Obligations"/>'s answer, over the catalogue as
/// the record held it at the as-of time; what the audience may know of each update is <see cref="Visibility"/>'s. Exempt
/// obligations leave the denominators. An obligation is reported when its update, as of the as-of time, is submitted or
/// accepted, whether or not the audience may read it. High completion is substantial + complete.
/// </summary>
public static class BriefingPackBuilder
{
    private static readonly StringComparer Names = StringComparer.OrdinalIgnoreCase;

    /// <summary>Builds the pack; <paramref name="withDigests"/> false leaves the per-participant digests out (coverage, late list).</summary>
    public static BriefingPack Build(ReportInputs input, bool withDigests = true)
    {
        var cycle = input.Cycle;
        var asOf = input.AsOf;
        var audience = input.Audience;
        var inScope = input.Commitments.Where(c => cycle.Instruments.Contains(c.InstrumentCode)).ToList();
        // A commitment no participant is bound to in this cycle (BD-4 and BD-7a bind companies, none of which endorsed the
        // Bletchley Declaration) would be an empty row in every table: it is listed once instead.
        var bound = input.Participants.ToDictionary<Participant, Participant, Func<Commitment, bool>>(p => p, p => Obligations.ExistsFor(p, cycle),
            ReferenceEqualityComparer.Instance);
        var commitments = inScope.Where(c => bound.Values.Any(exists => exists(c))).ToList();
        var titles = commitments.ToDictionary(c => c.Id, c => c.Title);
        var unbound = inScope.Except(commitments).Select(c => c.Id).ToList();
        // What the audience may know of each update: its content, only that it was reported, or nothing.
        var updates = input.Updates.Select(u => (Update: u, Sight: audience.SightOf(u))).Where(x => x.Sight != Sight.Nothing)
            .ToDictionary(x => (x.Update.ParticipantId, x.Update.CommitmentId));
        var speakers = (input.Speakers ?? []).Distinct().ToList();

        List<MatrixRow> matrix = [];
        List<LateEntry> late = [];
        List<ParticipantDigest> digests = [];
        var newEndorsements = NewEndorsements(input);

        // Grouped by kind (governments, international organisations, companies), each sorted by name: the order a reader looks names up in.
        var ordered = input.Participants.OrderBy(p => p.Kind).ThenBy(p => p.Name, Names).ThenBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Id, StringComparer.Ordinal).ToList();
        foreach (var participant in ordered)
        {
            var obligated = bound[participant];
            var cells = commitments.Select(c => CellFor(participant, c, obligated(c), input, updates)).ToList();
            if (cells.All(c => !c.Obligated)) continue;
            var obligations = cells.Count(c => c.Obligated && c.Timeliness != Timeliness.Exempt);
            var reported = cells.Count(c => c.Obligated && c.Reported && c.Timeliness != Timeliness.Exempt);
            matrix.Add(new MatrixRow(participant.Id, participant.Name, participant.Kind, cells, obligations, reported, Share(reported, obligations)));

            foreach (var cell in cells.Where(c => c.Timeliness is Timeliness.Late or Timeliness.Overdue or Timeliness.Missing))
            {
                var update = updates.TryGetValue((participant.Id, cell.CommitmentId), out var seen) ? seen.Update : null;
                late.Add(new LateEntry(participant.Id, participant.Name, cell.CommitmentId, cell.Timeliness!.Value,
                    TimelinessRule.DaysOverdue(cycle.Dates, TimelinessRule.SubmittedAt(update), asOf), cell.State, cell.Withheld));
            }
        }

        var changes = Changes(input, matrix);
        if (withDigests)
        {
            var rows = matrix.ToDictionary(r => r.ParticipantId);
            foreach (var participant in ordered.Where(p => rows.ContainsKey(p.Id)))
                digests.Add(Digest(participant, rows[participant.Id], input, updates, titles, changes, speakers.Contains(participant.Id)));
        }

        var instruments = (input.Instruments ?? []).Where(i => cycle.Instruments.Contains(i.Code))
            .Select(i => new PackInstrument(i.Code, i.Title, i.Kind, i.SourceUrl, i.Edition)).ToList();
        var chairs = instruments.Where(i => i.Kind == InstrumentKind.ChairsStatement).Select(i => i.Code).ToHashSet();
        var summaries = commitments.Select((c, i) => Summary(c, i, matrix, updates) with
        {
            FromChairsStatement = chairs.Contains(c.InstrumentCode), SourceUrl = c.SourceUrl,
        }).ToList();
        var position = commitments.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var lateSorted = late.OrderByDescending(l => l.DaysOverdue).ThenBy(l => l.ParticipantId, StringComparer.Ordinal)
            .ThenBy(l => position[l.CommitmentId]).ToList();

        var brief = new PackBrief(Headline(matrix), Standing(speakers, matrix), LateByParticipant(matrix, lateSorted),
            Contested(matrix, updates, audience));
        return new BriefingPack(cycle.Id, cycle.Title, cycle.SessionOn, asOf, audience.Name, audience.Confidentiality,
            cycle.Instruments, commitments.Select(c => c.Id).ToList(), matrix, summaries, lateSorted, digests,
            new PackChanges(input.Previous?.PackId, input.Previous?.AsOf, changes, newEndorsements), unbound,
            audience.Classification, speakers, brief, instruments, ThroughParents(input));
    }

    /// <summary>Participants with an instrument in scope that are counted through their parent, so the pack can say so.</summary>
    private static List<ReportedThroughParent> ThroughParents(ReportInputs input)
    {
        var names = input.Participants.ToDictionary(p => p.Id, p => p.Name);
        return input.Participants
            .Where(p => Obligations.ReportsThrough(p) is { } parent && names.ContainsKey(parent)
                && p.Endorsements.Any(e => input.Cycle.Instruments.Contains(e.InstrumentCode)))
            .OrderBy(p => p.Id, StringComparer.Ordinal)
            .Select(p => new ReportedThroughParent(p.Id, p.Name, p.ParentId!, names[p.ParentId!]))
            .ToList();
    }

    /// <summary>Endorsements in force at the as-of time (an undated one from when it was recorded).</summary>
    private static HashSet<string> EndorsedBy(Participant participant, DateTime asOf) =>
        participant.Endorsements.Where(e => Obligations.InForceFrom(e) is { } from && from <= asOf).Select(e => e.InstrumentCode).ToHashSet();

    private static Cell CellFor(Participant participant, Commitment commitment, bool obligated, ReportInputs input,
        Dictionary<(string, string), (ProgressUpdate Update, Sight Sight)> updates)
    {
        if (!obligated)
            return new Cell(commitment.Id, false, "n/a", null, null, null, null, 0, false, null);
        var exempt = input.Exemptions.Contains((participant.Id, commitment.Id));
        if (!updates.TryGetValue((participant.Id, commitment.Id), out var seen))
        {
            var nothing = TimelinessRule.Of(input.Cycle.Dates, null, input.AsOf, exempt);
            return new Cell(commitment.Id, true, nothing is { } t ? Codes.Of(t) : "pending", null, null, null, nothing, 0, false, null);
        }
        var update = seen.Update;
        var timeliness = TimelinessRule.Of(input.Cycle.Dates, TimelinessRule.SubmittedAt(update), input.AsOf, exempt);
        // Reported at a level this audience may not read: that it was reported, and when, is all it learns.
        if (seen.Sight == Sight.ThatItWasReported)
            return new Cell(commitment.Id, true, Cell.WithheldMark, null, null, null, timeliness, 0, false, null, Withheld: true);
        var counted = UpdateWorkflow.CountsAsReported(update.State);
        var status = counted ? update.Content.Status : (ImplementationStatus?)null;
        var assessed = counted ? input.Audience.ReviewOf(update)?.AssessedStatus : null;
        var contested = assessed is { } a && a != update.Content.Status;
        var mark = counted ? Codes.Of(update.Content.Status) : Codes.Of(update.State);
        return new Cell(commitment.Id, true, mark, status, assessed, update.State, timeliness,
            counted ? update.Content.Evidence.Count : 0, contested, update.Id,
            counted && update.AmendedAfterDueAt is { } amended && amended <= input.AsOf, update.Content.Confidentiality);
    }

    private static ParticipantDigest Digest(Participant participant, MatrixRow row, ReportInputs input,
        Dictionary<(string, string), (ProgressUpdate Update, Sight Sight)> updates, Dictionary<string, string> titles,
        List<StatusChange> changes, bool speaker)
    {
        var endorsed = EndorsedBy(participant, input.AsOf);
        var items = row.Cells.Where(c => c.Obligated).Select(c =>
        {
            var update = updates.TryGetValue((participant.Id, c.CommitmentId), out var seen) && seen.Sight == Sight.Content ? seen.Update : null;
            var shown = update is not null && UpdateWorkflow.CountsAsReported(update.State);
            var comment = shown ? input.Audience.ReviewOf(update!)?.Comment : null;
            var days = c.Timeliness is Timeliness.Late or Timeliness.Overdue or Timeliness.Missing
                ? TimelinessRule.DaysOverdue(input.Cycle.Dates, TimelinessRule.SubmittedAt(seen.Update), input.AsOf) : 0;
            return new DigestItem(c.CommitmentId, c.State, c.Status, c.AssessedStatus, c.Contested, c.Timeliness,
                shown ? update!.Content.MainMessage : null, shown ? update!.Content.Evidence : [], titles[c.CommitmentId],
                shown ? update!.Content.Summary : null, comment, c.Confidentiality, c.Withheld, days);
        }).ToList();
        return new ParticipantDigest(participant.Id, participant.Name, participant.Kind,
            participant.Endorsements.Where(e => endorsed.Contains(e.InstrumentCode)).OrderBy(e => e.InstrumentCode, StringComparer.Ordinal).ToList(),
            row.Obligations, row.Reported, row.ReportedShare, items, changes.Where(m => m.ParticipantId == participant.Id).ToList(), speaker);
    }

    private static bool High(ImplementationStatus? status) => status is ImplementationStatus.Substantial or ImplementationStatus.Complete;

    /// <summary>The secretariat's view of a reported cell: its assessed status where it recorded one, the self-assessment otherwise.</summary>
    private static ImplementationStatus? Assessed(Cell cell) => cell.AssessedStatus ?? cell.Status;

    private static IEnumerable<Cell> Counted(IEnumerable<Cell> cells) => cells.Where(c => c.Obligated && c.Timeliness != Timeliness.Exempt);

    private static CommitmentSummary Summary(Commitment commitment, int column, List<MatrixRow> matrix,
        Dictionary<(string, string), (ProgressUpdate Update, Sight Sight)> updates)
    {
        var cells = matrix.Select(r => (r.ParticipantId, Cell: r.Cells[column]))
            .Where(x => x.Cell.Obligated && x.Cell.Timeliness != Timeliness.Exempt).ToList();
        var reported = cells.Where(x => x.Cell.Reported).ToList();
        var shown = reported.Where(x => x.Cell.Status is not null).ToList();
        var counts = Enum.GetValues<ImplementationStatus>()
            .Select(s => new StatusCount(s, shown.Count(x => x.Cell.Status == s))).ToList();
        var assessed = Enum.GetValues<ImplementationStatus>()
            .Select(s => new StatusCount(s, shown.Count(x => x.Cell.AssessedStatus == s))).ToList();
        // The latest three links: only the three latest updates with any evidence can hold them, so only those are ordered.
        var evidence = shown.Select(x => updates[(x.ParticipantId, commitment.Id)].Update).Where(u => u.Content.Evidence.Count > 0)
            .OrderByDescending(u => u.UpdatedAt).ThenBy(u => u.ParticipantId, StringComparer.Ordinal).Take(3)
            .SelectMany(u => u.Content.Evidence).Take(3).ToList();
        return new CommitmentSummary(commitment.Id, commitment.InstrumentCode, commitment.Title, cells.Count, reported.Count, counts,
            Share(shown.Count(x => High(x.Cell.Status)), cells.Count), evidence, assessed,
            shown.Count(x => x.Cell.AssessedStatus is null), Share(shown.Count(x => High(Assessed(x.Cell))), cells.Count),
            cells.Count(x => x.Cell.Timeliness == Timeliness.OnTime), cells.Count(x => x.Cell.Timeliness == Timeliness.Late),
            cells.Count(x => x.Cell.Timeliness is Timeliness.Overdue or Timeliness.Missing), shown.Count(x => x.Cell.Contested),
            reported.Count(x => x.Cell.Withheld));
    }

    private static Headline Headline(List<MatrixRow> matrix)
    {
        var all = matrix.SelectMany(r => r.Cells).Where(c => c.Obligated).ToList();
        var counted = Counted(all).ToList();
        var shown = counted.Where(c => c.Status is not null).ToList();
        var obligations = counted.Count;
        var reported = counted.Count(c => c.Reported);
        var onTime = counted.Count(c => c.Timeliness == Timeliness.OnTime);
        var highSelf = shown.Count(c => High(c.Status));
        var highAssessed = shown.Count(c => High(Assessed(c)));
        return new Headline(matrix.Count, obligations, reported, onTime, counted.Count(c => c.Timeliness == Timeliness.Late),
            counted.Count(c => c.Timeliness == Timeliness.Overdue), counted.Count(c => c.Timeliness == Timeliness.Missing),
            all.Count(c => c.Timeliness == Timeliness.Exempt), counted.Count(c => c.Withheld), highSelf, highAssessed,
            shown.Count(c => c.AssessedStatus is not null), shown.Count(c => c.Contested),
            Share(reported, obligations), Share(onTime, obligations), Share(highSelf, obligations), Share(highAssessed, obligations));
    }

    private static List<SpeakerStanding> Standing(List<string> speakers, List<MatrixRow> matrix)
    {
        var rows = matrix.ToDictionary(r => r.ParticipantId);
        return speakers.Where(rows.ContainsKey).Select(id =>
        {
            var row = rows[id];
            var cells = Counted(row.Cells).ToList();
            return new SpeakerStanding(row.ParticipantId, row.ParticipantName, row.Kind, row.Obligations, row.Reported,
                cells.Count(c => c.Timeliness == Timeliness.OnTime), cells.Count(c => c.Timeliness == Timeliness.Late),
                cells.Count(c => !c.Reported), cells.Count(c => c.Status is not null && High(c.Status)),
                cells.Count(c => c.Status is not null && High(Assessed(c))), cells.Count(c => c.Contested), cells.Count(c => c.Withheld),
                row.ReportedShare);
        }).ToList();
    }

    /// <summary>Worst first: most obligations overdue or missing, then the longest wait, then most late.</summary>
    private static List<ParticipantLateness> LateByParticipant(List<MatrixRow> matrix, List<LateEntry> late)
    {
        var names = matrix.ToDictionary(r => r.ParticipantId);
        return late.GroupBy(l => l.ParticipantId).Select(g => new ParticipantLateness(g.Key, names[g.Key].ParticipantName,
                g.Count(l => l.Timeliness == Timeliness.Late), g.Count(l => l.Timeliness == Timeliness.Overdue),
                g.Count(l => l.Timeliness == Timeliness.Missing), g.Max(l => l.DaysOverdue), names[g.Key].Obligations))
            .OrderByDescending(p => p.Overdue + p.Missing).ThenByDescending(p => p.WorstDaysOverdue).ThenByDescending(p => p.Late)
            .ThenBy(p => p.Name, Names).ThenBy(p => p.ParticipantId, StringComparer.Ordinal).ToList();
    }

    private static List<ContestedItem> Contested(List<MatrixRow> matrix, Dictionary<(string, string), (ProgressUpdate Update, Sight Sight)> updates,
        Audience audience) =>
        matrix.SelectMany(r => r.Cells.Where(c => c.Contested).Select(c =>
        {
            var update = updates[(r.ParticipantId, c.CommitmentId)].Update;
            return new ContestedItem(r.ParticipantId, r.ParticipantName, c.CommitmentId, c.Status!.Value, c.AssessedStatus!.Value, c.State!.Value,
                audience.ReviewOf(update)?.Comment, update.Content.Confidentiality);
        })).ToList();

    /// <summary>Every obligation whose cell changed since the previous frozen pack, with the reason.</summary>
    private static List<StatusChange> Changes(ReportInputs input, List<MatrixRow> matrix)
    {
        if (input.Previous is null) return [];
        var now = matrix.SelectMany(r => r.Cells.Where(c => c.Obligated).Select(c => ((r.ParticipantId, c.CommitmentId), c)))
            .ToDictionary(x => x.Item1, x => x.c);
        var before = input.Previous.Cells ?? input.Previous.Statuses.ToDictionary(kv => kv.Key,
            kv => new Cell(kv.Key.Commitment, true, "", kv.Value, null, kv.Value is null ? null : UpdateState.Submitted, null, 0, false, null));
        List<StatusChange> changes = [];
        var keys = before.Keys.Where(k => before[k].Obligated).Concat(now.Keys).Distinct()
            .OrderBy(k => k.Item1, StringComparer.Ordinal).ThenBy(k => k.Item2, StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var was = before.GetValueOrDefault(key);
            var cell = now.GetValueOrDefault(key);
            if (ReasonFor(was, cell) is not { } reason) continue;
            changes.Add(new StatusChange(key.Item1, key.Item2, was?.Status, cell?.Status, reason, was?.State, cell?.State,
                was?.AssessedStatus, cell?.AssessedStatus));
        }
        return changes;
    }

    /// <summary>Why a cell moved between two packs of one audience, or null when nothing the audience sees changed.</summary>
    public static ChangeReason? ReasonFor(Cell? before, Cell? now)
    {
        var wasReported = before?.Reported ?? false;
        var isReported = now?.Reported ?? false;
        if (now?.Timeliness == Timeliness.Exempt && before?.Timeliness != Timeliness.Exempt) return ChangeReason.Exempted;
        if (isReported && !wasReported) return ChangeReason.Submitted;
        if (wasReported && !isReported)
            return now?.State switch
            {
                UpdateState.Returned => ChangeReason.Returned,
                UpdateState.Withdrawn => ChangeReason.Withdrawn,
                _ => ChangeReason.NoLongerReported, // the audience does not see where it went
            };
        if (isReported)
        {
            if (before!.State == UpdateState.Submitted && now!.State == UpdateState.Accepted) return ChangeReason.Accepted;
            if (before.AssessedStatus != now!.AssessedStatus) return ChangeReason.Reassessed;
            if (before.Status != now.Status) return ChangeReason.Amended;
            return null;
        }
        if (now?.State == UpdateState.Withdrawn && before?.State is { } s && s != UpdateState.Withdrawn) return ChangeReason.Withdrawn;
        if (now?.State == UpdateState.Returned && before?.State != UpdateState.Returned) return ChangeReason.Returned;
        if (now?.State == UpdateState.Draft && before?.State == UpdateState.Withdrawn) return ChangeReason.Reopened;
        return null;
    }

    /// <summary>
    /// Endorsements of an instrument in the cycle's scope in force now but not in the previous pack. An endorsement whose date
    /// is unknown is in force only from when it was recorded, so it is never a change in a pack dated before then.
    /// </summary>
    private static List<NewEndorsement> NewEndorsements(ReportInputs input)
    {
        if (input.Previous is null) return [];
        return input.Participants
            .SelectMany(p => p.Endorsements
                .Where(e => input.Cycle.Instruments.Contains(e.InstrumentCode) && EndorsedBy(p, input.AsOf).Contains(e.InstrumentCode))
                .Select(e => (p.Id, e)))
            .Where(x => !input.Previous.Endorsements.Contains((x.Id, x.e.InstrumentCode)))
            .Select(x => new NewEndorsement(x.Id, x.e.InstrumentCode, x.e.EndorsedOn))
            .OrderBy(n => n.ParticipantId, StringComparer.Ordinal).ThenBy(n => n.Instrument, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// What the passing of time alone changes in a pack as of now while the record stays as it is: the UTC day (a dated
    /// endorsement takes effect at the start of its day; everything else counts from when it was recorded, which is a write),
    /// the whole days past the due date (every unsubmitted cell's days overdue) and the timeliness of a cell with nothing
    /// submitted (not yet due, overdue, missing). Two times with the same key give the same pack but for its as-of time.
    /// </summary>
    public static string TimeKey(CycleDates cycle, DateTime asOf) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{asOf:yyyy-MM-dd}/{TimelinessRule.DaysOverdue(cycle, null, asOf)}/{(TimelinessRule.Of(cycle, null, asOf) is { } t ? Codes.Of(t) : "not_due")}");

    /// <summary>A share rounded to four places, or null when there is nothing to divide by.</summary>
    public static double? Share(int part, int whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);
}

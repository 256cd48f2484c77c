namespace Commitments.Domain.Reports;

/// <summary>
/// The counting rules, written once. Which cells are obligations is <see cref="Obligations"/>'s answer, over the catalogue as
/// the record held it at the as-of time; which updates the audience sees is <see cref="Visibility"/>'s. Exempt obligations
/// leave the denominators. An obligation is reported when its update, as of the
/// as-of time, is submitted or accepted. High completion is substantial + complete.
/// </summary>
public static class BriefingPackBuilder
{
    /// <summary>Builds the pack; <paramref name="withDigests"/> false leaves the per-participant digests out (coverage, late list).</summary>
    public static BriefingPack Build(ReportInputs input, bool withDigests = true)
    {
        var cycle = input.Cycle;
        var asOf = input.AsOf;
        var inScope = input.Commitments.Where(c => cycle.Instruments.Contains(c.InstrumentCode)).ToList();
        // A commitment no participant is bound to in this cycle (BD-4 and BD-7a bind companies, none of which endorsed the
        // Bletchley Declaration) would be an empty row in every table: it is listed once instead.
        var commitments = inScope.Where(c => input.Participants.Any(p => Obligations.Exists(p, cycle, c))).ToList();
        var unbound = inScope.Except(commitments).Select(c => c.Id).ToList();
        var updates = input.Updates.Where(input.Audience.MaySee)
            .ToDictionary(u => (u.ParticipantId, u.CommitmentId));

        List<MatrixRow> matrix = [];
        List<LateEntry> late = [];
        List<ParticipantDigest> digests = [];
        var statusMoves = StatusMoves(input, updates);
        var newEndorsements = NewEndorsements(input);

        foreach (var participant in input.Participants.OrderBy(p => p.Kind).ThenBy(p => p.Id, StringComparer.Ordinal))
        {
            var endorsed = EndorsedBy(participant, asOf);
            var cells = commitments.Select(c => CellFor(participant, c, input, updates)).ToList();
            var obligated = cells.Count(c => c.Obligated && c.Timeliness != Timeliness.Exempt);
            if (cells.All(c => !c.Obligated)) continue;
            var reported = cells.Count(c => c.Obligated && c.State is { } s && UpdateWorkflow.CountsAsReported(s) && c.Timeliness != Timeliness.Exempt);
            matrix.Add(new MatrixRow(participant.Id, participant.Name, participant.Kind, cells, obligated, reported, Share(reported, obligated)));

            foreach (var cell in cells.Where(c => c.Timeliness is Timeliness.Late or Timeliness.Overdue or Timeliness.Missing))
            {
                var update = updates.GetValueOrDefault((participant.Id, cell.CommitmentId));
                late.Add(new LateEntry(participant.Id, participant.Name, cell.CommitmentId, cell.Timeliness!.Value,
                    TimelinessRule.DaysOverdue(cycle.Dates, Submitted(update), asOf), cell.State));
            }

            if (!withDigests) continue;
            var items = cells.Where(c => c.Obligated).Select(c =>
            {
                var update = updates.GetValueOrDefault((participant.Id, c.CommitmentId));
                var counted = update is not null && UpdateWorkflow.CountsAsReported(update.State);
                return new DigestItem(c.CommitmentId, c.State, c.Status, c.AssessedStatus, c.Contested, c.Timeliness,
                    counted ? update!.MainMessage : null, counted ? update!.Evidence : []);
            }).ToList();
            digests.Add(new ParticipantDigest(participant.Id, participant.Name, participant.Kind,
                participant.Endorsements.Where(e => endorsed.Contains(e.InstrumentCode)).OrderBy(e => e.InstrumentCode, StringComparer.Ordinal).ToList(),
                obligated, reported, Share(reported, obligated), items,
                statusMoves.Where(m => m.ParticipantId == participant.Id).ToList()));
        }

        var instruments = (input.Instruments ?? []).Where(i => cycle.Instruments.Contains(i.Code))
            .Select(i => new PackInstrument(i.Code, i.Title, i.Kind, i.SourceUrl)).ToList();
        var chairs = instruments.Where(i => i.Kind == InstrumentKind.ChairsStatement).Select(i => i.Code).ToHashSet();
        var summaries = commitments.Select((c, i) => Summary(c, i, matrix, updates) with
        {
            FromChairsStatement = chairs.Contains(c.InstrumentCode), SourceUrl = c.SourceUrl,
        }).ToList();
        var position = commitments.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var lateSorted = late.OrderByDescending(l => l.DaysOverdue).ThenBy(l => l.ParticipantId, StringComparer.Ordinal)
            .ThenBy(l => position[l.CommitmentId]).ToList();

        return new BriefingPack(cycle.Id, cycle.Title, cycle.SessionOn, asOf, input.Audience.Name, input.Audience.Confidentiality,
            cycle.Instruments, commitments.Select(c => c.Id).ToList(), matrix, summaries, lateSorted, digests,
            new PackChanges(input.Previous?.PackId, input.Previous?.AsOf, statusMoves, newEndorsements), unbound,
            instruments, ThroughParents(input));
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

    private static DateTime? Submitted(CountedUpdate? update) =>
        update is null || update.State == UpdateState.Withdrawn ? null : update.FirstSubmittedAt;

    private static Cell CellFor(Participant participant, Commitment commitment, ReportInputs input, Dictionary<(string, string), CountedUpdate> updates)
    {
        if (!Obligations.Exists(participant, input.Cycle, commitment))
            return new Cell(commitment.Id, false, "n/a", null, null, null, null, 0, false, null);
        var exempt = input.Exemptions.Contains((participant.Id, commitment.Id));
        var update = updates.GetValueOrDefault((participant.Id, commitment.Id));
        var timeliness = TimelinessRule.Of(input.Cycle.Dates, Submitted(update), input.AsOf, exempt);
        if (update is null)
            return new Cell(commitment.Id, true, timeliness is { } t ? Codes.Of(t) : "pending", null, null, null, timeliness, 0, false, null);
        var counted = UpdateWorkflow.CountsAsReported(update.State);
        var status = counted ? update.Status : (ImplementationStatus?)null;
        var contested = counted && update.AssessedStatus is { } a && a != update.Status;
        var mark = counted ? Codes.Of(update.Status) : Codes.Of(update.State);
        return new Cell(commitment.Id, true, mark, status, counted ? update.AssessedStatus : null, update.State, timeliness,
            counted ? update.Evidence.Count : 0, contested, update.UpdateId,
            counted && update.AmendedAfterDueAt is { } amended && amended <= input.AsOf);
    }

    private static CommitmentSummary Summary(Commitment commitment, int column, List<MatrixRow> matrix, Dictionary<(string, string), CountedUpdate> updates)
    {
        var cells = matrix.Select(r => (r.ParticipantId, Cell: r.Cells[column]))
            .Where(x => x.Cell.Obligated && x.Cell.Timeliness != Timeliness.Exempt).ToList();
        var reported = cells.Where(x => x.Cell.Status is not null).ToList();
        var counts = Enum.GetValues<ImplementationStatus>()
            .Select(s => new StatusCount(s, reported.Count(x => x.Cell.Status == s))).ToList();
        var high = reported.Count(x => x.Cell.Status is ImplementationStatus.Substantial or ImplementationStatus.Complete);
        var evidence = reported.Select(x => updates[(x.ParticipantId, commitment.Id)])
            .OrderByDescending(u => u.RecordedAt).ThenBy(u => u.ParticipantId, StringComparer.Ordinal)
            .SelectMany(u => u.Evidence).Take(3).ToList();
        return new CommitmentSummary(commitment.Id, commitment.InstrumentCode, commitment.Title, cells.Count, reported.Count, counts,
            Share(high, cells.Count), evidence);
    }

    private static List<StatusChange> StatusMoves(ReportInputs input, Dictionary<(string, string), CountedUpdate> updates)
    {
        if (input.Previous is null) return [];
        List<StatusChange> moves = [];
        var keys = input.Previous.Statuses.Keys.Concat(updates.Keys).Distinct()
            .OrderBy(k => k.Item1, StringComparer.Ordinal).ThenBy(k => k.Item2, StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var before = input.Previous.Statuses.GetValueOrDefault(key);
            var now = updates.TryGetValue(key, out var u) && UpdateWorkflow.CountsAsReported(u.State) ? u.Status : (ImplementationStatus?)null;
            if (before != now) moves.Add(new StatusChange(key.Item1, key.Item2, before, now));
        }
        return moves;
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

    /// <summary>A share rounded to four places, or null when there is nothing to divide by.</summary>
    public static double? Share(int part, int whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);
}

using Commitments.Api.Http;
using System.Globalization;
using CsvHelper;
using Commitments.Domain.Reports;

namespace Commitments.Api.Features.Reports;

/// <summary>
/// The pack as one RFC 4180 table, the same content as the JSON: a row per headline figure, speaker, late participant,
/// contested item, change, matrix cell (with the digest's content), per-commitment figure and status count, participant, and
/// every late or missing obligation (column 'section' says which). A cell a spreadsheet could read as a formula in any
/// separator locale gets a leading quote.
/// </summary>
public static class PackCsv
{
    /// <summary>One line; the header is these property names in snake_case, in this order.</summary>
    public sealed record Row
    {
        public string Section { get; init; } = "";
        public string AsOf { get; init; } = "";
        public string Audience { get; init; } = "";
        public string ParticipantId { get; init; } = "";
        public string ParticipantName { get; init; } = "";
        public string CommitmentId { get; init; } = "";
        public string Obligated { get; init; } = "";
        public string Reported { get; init; } = "";
        public string Status { get; init; } = "";
        public string AssessedStatus { get; init; } = "";
        public string State { get; init; } = "";
        public string Timeliness { get; init; } = "";
        public string DaysOverdue { get; init; } = "";
        public string EvidenceCount { get; init; } = "";
        public string Contested { get; init; } = "";
        public string HighCompletionShare { get; init; } = "";
        public string ReportedShare { get; init; } = "";
        public string MainMessage { get; init; } = "";
        public string Mark { get; init; } = "";
        public string Confidentiality { get; init; } = "";
        public string Withheld { get; init; } = "";
        public string HighByAssessmentShare { get; init; } = "";
        public string Figure { get; init; } = "";
        public string Value { get; init; } = "";
        public string Reason { get; init; } = "";
        public string PreviousStatus { get; init; } = "";
        public string PreviousState { get; init; } = "";
        public string PreviousAssessedStatus { get; init; } = "";
        public string Comment { get; init; } = "";
        public string Summary { get; init; } = "";
        /// <summary>Commitment rows: 'chairs_statement' when the obligation comes from a chair's statement, else 'agreed_text'.</summary>
        public string InstrumentKind { get; init; } = "";
        public string SourceUrl { get; init; } = "";
    }

    private static readonly System.Reflection.PropertyInfo[] Columns = typeof(Row).GetProperties();

    /// <summary>Writes the pack's table to <paramref name="body"/> a row at a time (UTF-8, no byte order mark).</summary>
    public static async Task WriteAsync(BriefingPack pack, Stream body, CancellationToken ct)
    {
        await using var csv = CsvWriter.Create(body, CsvCells.Options, true);
        await csv.WriteRecordAsync(Header, ct);
        foreach (var row in Rows(pack))
            await csv.WriteRecordAsync(Array.ConvertAll(Columns, p => CsvCells.Neutralise((string)p.GetValue(row)!)), ct);
        await csv.FlushAsync(ct);
    }

    private static readonly string[] Header = Columns.Select(p => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name)).ToArray();

    /// <summary>The rows in order, produced as they are written.</summary>
    private static IEnumerable<Row> Rows(BriefingPack pack)
    {
        var at = new Row { AsOf = pack.AsOf.ToString("O", CultureInfo.InvariantCulture), Audience = pack.Audience };
        var names = pack.Matrix.ToDictionary(r => r.ParticipantId, r => r.ParticipantName);
        var late = pack.Late.ToDictionary(l => (l.ParticipantId, l.CommitmentId), l => l.DaysOverdue);
        var items = pack.Digests.SelectMany(d => d.Items.Select(i => ((d.ParticipantId, i.CommitmentId), i))).ToDictionary(x => x.Item1, x => x.i);

        if (pack.Brief is { } brief)
        {
            var h = brief.Headline;
            foreach (var (figure, value) in new (string, object?)[]
            {
                ("participants", h.Participants), ("obligations", h.Obligations), ("reported", h.Reported), ("on_time", h.OnTime), ("late", h.Late),
                ("overdue", h.Overdue), ("missing", h.Missing), ("exempt", h.Exempt), ("withheld", h.Withheld), ("high_by_self", h.HighBySelf),
                ("high_by_assessment", h.HighByAssessment), ("assessed", h.Assessed), ("contested", h.Contested), ("reported_share", h.ReportedShare),
                ("on_time_share", h.OnTimeShare), ("high_by_self_share", h.HighBySelfShare), ("high_by_assessment_share", h.HighByAssessmentShare),
            })
                yield return at with { Section = "headline", Figure = figure, Value = value switch { int i => Number(i), double d => Share(d), _ => "" } };
            foreach (var (s, position) in brief.Speakers.Select((s, i) => (s, i + 1)))
                yield return at with
                {
                    Section = "speaker", ParticipantId = s.ParticipantId, ParticipantName = s.Name, Obligated = Number(s.Obligations),
                    Reported = Number(s.Reported), ReportedShare = Share(s.ReportedShare), Figure = "position", Value = Number(position),
                    Contested = Number(s.Contested), Withheld = Number(s.Withheld),
                };
            foreach (var l in brief.LateByParticipant)
                foreach (var (figure, value) in new[] { ("late", l.Late), ("overdue", l.Overdue), ("missing", l.Missing), ("worst_days_overdue", l.WorstDaysOverdue) })
                    yield return at with
                    {
                        Section = "late_participant", ParticipantId = l.ParticipantId, ParticipantName = l.Name, Obligated = Number(l.Obligations),
                        Figure = figure, Value = Number(value),
                    };
            foreach (var c in brief.Contested)
                yield return at with
                {
                    Section = "contested", ParticipantId = c.ParticipantId, ParticipantName = c.Name, CommitmentId = c.CommitmentId,
                    Status = Codes.Of(c.Status), AssessedStatus = Codes.Of(c.AssessedStatus), State = Codes.Of(c.State),
                    Confidentiality = Codes.Of(c.Confidentiality), Comment = c.Comment ?? "",
                };
        }
        foreach (var m in pack.Changes.StatusMoves)
            yield return at with
            {
                Section = "change", ParticipantId = m.ParticipantId, ParticipantName = names.GetValueOrDefault(m.ParticipantId) ?? "",
                CommitmentId = m.CommitmentId, Reason = Code(m.Reason), Status = Code(m.To), State = Code(m.ToState), AssessedStatus = Code(m.ToAssessed),
                PreviousStatus = Code(m.From), PreviousState = Code(m.FromState), PreviousAssessedStatus = Code(m.FromAssessed),
                Figure = "previous_pack", Value = pack.Changes.PreviousPackId ?? "",
            };
        foreach (var n in pack.Changes.NewEndorsements)
            yield return at with
            {
                Section = "change", ParticipantId = n.ParticipantId, ParticipantName = names.GetValueOrDefault(n.ParticipantId) ?? "",
                Reason = "new_endorsement", Figure = n.Instrument, Value = n.EndorsedOn ?? "",
            };
        foreach (var row in pack.Matrix)
        {
            foreach (var cell in row.Cells)
            {
                var key = (row.ParticipantId, cell.CommitmentId);
                var item = items.GetValueOrDefault(key);
                yield return at with
                {
                    Section = "cell", ParticipantId = row.ParticipantId, ParticipantName = row.ParticipantName, CommitmentId = cell.CommitmentId,
                    Obligated = cell.Obligated ? "1" : "0", Reported = cell.Reported ? "1" : "0", Status = cell.Obligated ? Code(cell.Status) : "n/a",
                    AssessedStatus = Code(cell.AssessedStatus), State = Code(cell.State), Timeliness = Code(cell.Timeliness),
                    DaysOverdue = late.TryGetValue(key, out var days) ? Number(days) : "", EvidenceCount = Number(cell.EvidenceCount),
                    Contested = cell.Contested ? "true" : "false", MainMessage = item?.MainMessage ?? "", Mark = cell.Mark,
                    Confidentiality = Code(cell.Confidentiality), Withheld = cell.Withheld ? "true" : "false", Comment = item?.Comment ?? "",
                    Summary = item?.Summary ?? "",
                };
            }
        }
        foreach (var c in pack.Commitments)
        {
            yield return at with
            {
                Section = "commitment", CommitmentId = c.CommitmentId, Obligated = Number(c.Obligated), Reported = Number(c.Reported),
                HighCompletionShare = Share(c.HighCompletionShare), HighByAssessmentShare = Share(c.HighByAssessmentShare),
                Contested = Number(c.Contested), Withheld = Number(c.Withheld),
                InstrumentKind = c.FromChairsStatement ? "chairs_statement" : "agreed_text", SourceUrl = c.SourceUrl ?? "",
            };
            foreach (var s in c.StatusCounts)
                yield return at with { Section = "commitment_status", CommitmentId = c.CommitmentId, Status = Codes.Of(s.Status), Figure = "self", Value = Number(s.Count) };
            foreach (var s in c.AssessedCounts ?? [])
                yield return at with { Section = "commitment_status", CommitmentId = c.CommitmentId, Status = Codes.Of(s.Status), Figure = "assessed", Value = Number(s.Count) };
            yield return at with { Section = "commitment_status", CommitmentId = c.CommitmentId, Figure = "not_assessed", Value = Number(c.NotAssessed) };
        }
        foreach (var id in pack.CommitmentsWithoutObligations ?? [])
            yield return at with { Section = "commitment_without_obligations", CommitmentId = id, Obligated = "0", Reported = "0" };
        // Counted through the parent: no obligations of its own, named once so a reader does not count it missing.
        foreach (var t in pack.ReportedThroughParents ?? [])
            yield return at with { Section = "reported_through_parent", ParticipantId = t.ParticipantId, ParticipantName = t.Name, Value = t.ParentId };
        foreach (var r in pack.Matrix)
            yield return at with
            {
                Section = "participant", ParticipantId = r.ParticipantId, ParticipantName = r.ParticipantName, Obligated = Number(r.Obligations),
                Reported = Number(r.Reported), ReportedShare = Share(r.ReportedShare),
            };
        // The full late list, one row per obligation, most days overdue first (the printed pack has it in its annex).
        foreach (var l in pack.Late)
            yield return at with
            {
                Section = "late", ParticipantId = l.ParticipantId, ParticipantName = l.ParticipantName, CommitmentId = l.CommitmentId,
                Timeliness = Codes.Of(l.Timeliness), DaysOverdue = Number(l.DaysOverdue), State = Code(l.State), Withheld = l.Withheld ? "true" : "false",
            };
    }

    private static string Code<T>(T? value) where T : struct, Enum => value is { } v ? Codes.Of(v) : "";
    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
    private static string Share(double? value) => value is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "";
}

using System.Globalization;
using CsvHelper;
using Commitments.Domain.Reports;

namespace Commitments.Api.Features.Reports;

/// <summary>
/// The pack as one RFC 4180 table: a row per matrix cell, per commitment summary and per participant summary (column
/// 'section' says which). A cell a spreadsheet could read as a formula in any separator locale gets a leading quote.
/// </summary>
public static class PackCsv
{
    public sealed record Row(
        string Section, string AsOf, string Audience, string ParticipantId, string ParticipantName, string CommitmentId,
        int Obligated, int Reported, string Status, string AssessedStatus, string State, string Timeliness, string DaysOverdue,
        int EvidenceCount, string Contested, string HighCompletionShare, string ReportedShare, string MainMessage);

    public static string Render(BriefingPack pack)
    {
        var asOf = pack.AsOf.ToString("O", CultureInfo.InvariantCulture);
        var late = pack.Late.ToDictionary(l => (l.ParticipantId, l.CommitmentId), l => l.DaysOverdue);
        var messages = pack.Digests.SelectMany(d => d.Items.Select(i => ((d.ParticipantId, i.CommitmentId), i.MainMessage)))
            .ToDictionary(x => x.Item1, x => x.MainMessage);
        List<Row> rows = [];
        foreach (var row in pack.Matrix)
        {
            foreach (var cell in row.Cells)
            {
                var key = (row.ParticipantId, cell.CommitmentId);
                rows.Add(new Row("cell", asOf, pack.Audience, row.ParticipantId, row.ParticipantName, cell.CommitmentId,
                    cell.Obligated ? 1 : 0, cell.Status is null ? 0 : 1, cell.Obligated ? Code(cell.Status) : "n/a", Code(cell.AssessedStatus),
                    Code(cell.State), Code(cell.Timeliness), late.TryGetValue(key, out var days) ? Number(days) : "",
                    cell.EvidenceCount, cell.Contested ? "true" : "false", "", "", messages.GetValueOrDefault(key) ?? ""));
            }
        }
        foreach (var c in pack.Commitments)
            rows.Add(new Row("commitment", asOf, pack.Audience, "", "", c.CommitmentId, c.Obligated, c.Reported, "", "", "", "", "", 0, "",
                Share(c.HighCompletionShare), "", ""));
        foreach (var id in pack.CommitmentsWithoutObligations ?? [])
            rows.Add(new Row("commitment_without_obligations", asOf, pack.Audience, "", "", id, 0, 0, "", "", "", "", "", 0, "", "", "", ""));
        foreach (var r in pack.Matrix)
            rows.Add(new Row("participant", asOf, pack.Audience, r.ParticipantId, r.ParticipantName, "", r.Obligations, r.Reported, "", "", "", "",
                "", 0, "", "", Share(r.ReportedShare), ""));

        var header = typeof(Row).GetProperties().Select(p => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name)).ToArray();
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(writer, new CsvWriterOptions { Injection = CsvInjection.Escape, FormatProvider = CultureInfo.InvariantCulture }, true))
        {
            csv.WriteRecord(header);
            foreach (var row in rows)
            {
                csv.WriteRecord(Array.ConvertAll<string, string>([
                    row.Section, row.AsOf, row.Audience, row.ParticipantId, row.ParticipantName, row.CommitmentId, Number(row.Obligated),
                    Number(row.Reported), row.Status, row.AssessedStatus, row.State, row.Timeliness, row.DaysOverdue, Number(row.EvidenceCount),
                    row.Contested, row.HighCompletionShare, row.ReportedShare, row.MainMessage,
                ], Neutralise));
            }
        }
        return writer.ToString();
    }

    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];
    private static readonly char[] Separators = [',', ';', '\t', '\r', '\n'];

    /// <summary>
    /// A spreadsheet reads a cell as a formula when it starts with = + - @ tab or CR, and, in locales whose list separator
    /// is ; or tab, when any part after a separator does ("x;=1+2"). Such a cell gets a leading quote, so it stays text.
    /// </summary>
    public static string Neutralise(string field)
    {
        if (field.Length == 0) return field;
        if (Array.IndexOf(FormulaStarts, field[0]) >= 0) return "'" + field;
        foreach (var segment in field.Split(Separators))
        {
            var text = segment.TrimStart(' ');
            if (text.Length > 0 && Array.IndexOf(FormulaStarts, text[0]) >= 0) return "'" + field;
        }
        return field;
    }

    private static string Code<T>(T? value) where T : struct, Enum => value is { } v ? Codes.Of(v) : "";
    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
    private static string Share(double? value) => value is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "";

}

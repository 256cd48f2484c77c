using System.Globalization;
using System.Text;
using Commitments.Api.Http;
using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Commitments.Api.Features.Updates;

/// <summary>
/// A participant's obligations in a cycle as a sheet a ministry can circulate and fill in: one row per obligation, pre-filled
/// with the current content of its update, and read back the same way for bulk filing. Columns (the header row names them):
/// <list type="bullet">
/// <item>participantId, cycleId, commitmentId, commitmentTitle: which obligation (commitmentTitle is for the reader; ignored on upload);</item>
/// <item>updateId, basedOnRevision, state: the update the row amends and the revision it was read at (blank for a new filing);
/// an upload amends only if that is still the current revision, so a stale row is refused, never overwrites;</item>
/// <item>status, summary, details, mainMessage, confidentiality, plannedCompletion: the content, as in the API;</item>
/// <item>evidence: one link per line, "title | url" or "title | url | kind";</item>
/// <item>submit: yes to submit the update after filing or amending it;</item>
/// <item>linkedCommitments: the participant's other obligations in the cycle that the crosswalk links to this one, "BD-7d; CS-2"
/// (for the reader: where the same answer may serve; ignored on upload);</item>
/// <item>alsoAnswers: which of those this answer also answers, the same way ("BD-7d; CS-2"), as alsoAnswers in the API.</item>
/// </list>
/// CSV is RFC 4180 (CsvHelper); XLSX is written and read with the Open XML SDK, with the allowed values as drop-down lists.
/// </summary>
public static class ObligationSheet
{
    public const string XlsxMediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string CsvMediaType = "text/csv";

    public static readonly IReadOnlyList<string> Columns =
    [
        "participantId", "cycleId", "commitmentId", "commitmentTitle", "updateId", "basedOnRevision", "state",
        "status", "summary", "details", "mainMessage", "evidence", "confidentiality", "plannedCompletion", "submit",
        "linkedCommitments", "alsoAnswers",
    ];

    /// <summary>What each column holds, for the document's description of the sheet bodies (one entry per column).</summary>
    public static readonly IReadOnlyDictionary<string, string> ColumnDescriptions = new Dictionary<string, string>
    {
        ["participantId"] = "the participant (for the reader; the URL names it)",
        ["cycleId"] = "the reporting cycle (for the reader; the cycle query parameter names it)",
        ["commitmentId"] = "the obligation's commitment, e.g. BD-2 (required on a filled-in row)",
        ["commitmentTitle"] = "the commitment's title (for the reader; ignored on upload)",
        ["updateId"] = "the update the row amends; blank to file a new one",
        ["basedOnRevision"] = "the revision the row was read at; an amendment of a later revision is refused",
        ["state"] = "the update's state when the template was made (for the reader; ignored on upload)",
        ["status"] = "the self-assessed status: " + string.Join(", ", Codes.All<ImplementationStatus>()),
        ["summary"] = "what has been done",
        ["details"] = "optional longer account",
        ["mainMessage"] = "optional main message for the Leaders' Session",
        ["evidence"] = "one link per line: 'title | url' or 'title | url | kind' (kind: " + string.Join(", ", Codes.All<EvidenceKind>()) + ")",
        ["confidentiality"] = string.Join(", ", Codes.All<Confidentiality>()),
        ["plannedCompletion"] = "optional planned completion date, yyyy-MM-dd",
        ["submit"] = "yes to submit the update after filing or amending it; no or blank to leave it a draft",
        ["linkedCommitments"] = "obligations the crosswalk links to this one, 'BD-7d; CS-2' (for the reader; ignored on upload)",
        ["alsoAnswers"] = "which of the linked obligations this answer also answers, 'BD-7d; CS-2'",
    };

    /// <summary>How a cell lists commitments: "BD-7d; CS-2".</summary>
    public static string CommitmentsCell(IEnumerable<string> ids) => string.Join("; ", ids);

    /// <summary>A cell's commitments, split on ';', ',' or line breaks.</summary>
    public static IReadOnlyList<string> ReadCommitmentsCell(string cell) =>
        cell.Split([';', ',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>One row: every cell as text, keyed by column name; missing columns read as empty.</summary>
    public sealed record Row(int Number, IReadOnlyDictionary<string, string> Cells)
    {
        public string this[string column] => Cells.TryGetValue(column, out var value) ? value.Trim() : "";
    }

    /// <summary>
    /// The template: one row per obligation, pre-filled with the current content of its update where the reader may see it
    /// (<see cref="Visibility"/>: a liaison its own updates, the secretariat all, anyone else what was published), and the
    /// obligations the crosswalk links to each (<paramref name="linked"/>, by commitment: catalogue facts, shown to every reader).
    /// </summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Template(string participantId, string cycleId,
        IEnumerable<Obligation> obligations, IEnumerable<ProgressUpdate> updates, Caller reader,
        IReadOnlyDictionary<string, IReadOnlyList<string>> linked)
    {
        var byCommitment = updates.Where(u => Visibility.CanSee(reader, u)).ToDictionary(u => u.CommitmentId);
        return obligations.Select(o =>
        {
            var row = new Dictionary<string, string>
            {
                ["participantId"] = participantId, ["cycleId"] = cycleId, ["commitmentId"] = o.Commitment.Id,
                ["commitmentTitle"] = o.Commitment.Title, ["state"] = o.Exempt ? "exempt" : "", ["submit"] = "no",
                ["linkedCommitments"] = CommitmentsCell(linked.GetValueOrDefault(o.Commitment.Id) ?? []),
            };
            if (byCommitment.TryGetValue(o.Commitment.Id, out var u))
            {
                row["updateId"] = u.Id;
                row["basedOnRevision"] = u.Revision.ToString(CultureInfo.InvariantCulture);
                row["state"] = Codes.Of(u.State);
                row["status"] = Codes.Of(u.Content.Status);
                row["summary"] = u.Content.Summary;
                row["details"] = u.Content.Details ?? "";
                row["mainMessage"] = u.Content.MainMessage ?? "";
                row["evidence"] = EvidenceCell(u.Content.Evidence);
                row["confidentiality"] = Codes.Of(u.Content.Confidentiality);
                row["plannedCompletion"] = u.Content.PlannedCompletion ?? "";
                row["alsoAnswers"] = CommitmentsCell(u.Content.Cited);
            }
            return (IReadOnlyDictionary<string, string>)row;
        }).ToList();
    }

    public static string EvidenceCell(IEnumerable<EvidenceLink> evidence) =>
        string.Join("\n", evidence.Select(e => e.Kind is { } kind ? $"{e.Title} | {e.Url} | {Codes.Of(kind)}" : $"{e.Title} | {e.Url}"));

    /// <summary>Allowed values per column, offered as drop-down lists in the XLSX.</summary>
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Allowed = new Dictionary<string, IReadOnlyList<string>>
    {
        ["status"] = Codes.All<ImplementationStatus>(),
        ["confidentiality"] = Codes.All<Confidentiality>(),
        ["submit"] = ["yes", "no"],
    };

    /// <summary>A cell as written: text stored before the rule on what text may hold (<see cref="CarriableText"/>) is carried with U+FFFD in place of what XML and CSV cannot carry.</summary>
    private static string Cell(IReadOnlyDictionary<string, string> row, string column) => CarriableText.Replace(row.GetValueOrDefault(column) ?? "");

    public static byte[] Csv(IEnumerable<IReadOnlyDictionary<string, string>> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, CsvCells.Options, true))
        {
            csv.WriteRecord(Columns.ToArray());
            foreach (var row in rows) csv.WriteRecord(Columns.Select(c => CsvCells.Neutralise(Cell(row, c))).ToArray());
        }
        return System.Text.Encoding.UTF8.GetBytes(text.ToString());
    }

    public static byte[] Xlsx(IEnumerable<IReadOnlyDictionary<string, string>> rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            uint number = 1;
            data.Append(RowOf(number++, Columns));
            foreach (var row in rows) data.Append(RowOf(number++, Columns.Select(c => Cell(row, c))));
            var worksheet = new Worksheet(data);
            var lastRow = Math.Max(number - 1, 2) + 200; // room for rows a ministry adds
            var validations = new DataValidations();
            foreach (var (column, values) in Allowed)
            {
                var letter = ColumnLetter(Columns.ToList().IndexOf(column));
                validations.Append(new DataValidation
                {
                    Type = DataValidationValues.List,
                    AllowBlank = true,
                    ShowErrorMessage = true,
                    ErrorTitle = $"Not a {column} value",
                    Error = $"Use one of: {string.Join(", ", values)}",
                    SequenceOfReferences = new ListValue<StringValue> { InnerText = $"{letter}2:{letter}{lastRow}" },
                    Formula1 = new Formula1($"\"{string.Join(",", values)}\""),
                });
            }
            validations.Count = (uint)Allowed.Count;
            worksheet.Append(validations);
            sheetPart.Worksheet = worksheet;
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "Obligations" }));
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static DocumentFormat.OpenXml.Spreadsheet.Row RowOf(uint number, IEnumerable<string> values)
    {
        var row = new DocumentFormat.OpenXml.Spreadsheet.Row { RowIndex = number };
        var i = 0;
        foreach (var value in values)
            row.Append(new Cell
            {
                CellReference = $"{ColumnLetter(i++)}{number}",
                DataType = CellValues.InlineString,
                InlineString = new InlineString(new Text(value) { Space = SpaceProcessingModeValues.Preserve }),
            });
        return row;
    }

    private static string ColumnLetter(int index)
    {
        var letters = "";
        for (index++; index > 0; index = (index - 1) / 26) letters = (char)('A' + (index - 1) % 26) + letters;
        return letters;
    }
}

using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Commitments.Api.Http;
using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Commitments.Api.Features.Updates;

/// <summary>
/// What one bulk upload may hold. Each limit is checked while the body is read, so reading stops at the first excess:
/// an upload costs the server at most about these sizes, whatever it claims to hold.
/// </summary>
public static class UploadLimits
{
    public const int MaxRows = 500;
    public const long MaxBytes = 4 * 1024 * 1024;

    /// <summary>The longest cell: room for 20 evidence links of the longest url and title.</summary>
    public const int MaxCellChars = 50_000;

    /// <summary>All cells' text together, a shared string counted each time a cell uses it: no more than the body limit allows as CSV.</summary>
    public const int MaxTextChars = 4 * 1024 * 1024;

    /// <summary>An XLSX's parts unzipped, together.</summary>
    public const long MaxUnzippedBytes = 16 * 1024 * 1024;

    public const int MaxZipEntries = 100;

    /// <summary>Rows and cells in the sheet, blank or not: a spreadsheet keeps some blank ones, not millions.</summary>
    public const int MaxSheetRows = 10_000;
    public const int MaxSheetCells = 50_000;
    public const int MaxSharedStrings = 20_000;

    /// <summary>A CSV record in UTF-8 bytes: every column at its longest.</summary>
    public const int MaxCsvRecordBytes = 1024 * 1024;

    /// <summary>Errors listed in one problem document; the rest are counted.</summary>
    public const int MaxErrors = 100;

    /// <summary>How much of a cell an error quotes.</summary>
    public const int EchoChars = 40;

    /// <summary>A cell as an error quotes it: its first <see cref="EchoChars"/> characters, each that no format carries replaced.</summary>
    public static string Echo(string cell) =>
        "'" + CarriableText.Replace(cell.Length <= EchoChars ? cell : cell[..EchoChars]) + (cell.Length > EchoChars ? "…'" : "'");
}

/// <summary>Errors named rows[i].column, at most <see cref="UploadLimits.MaxErrors"/> of them listed; the rest counted.</summary>
public sealed class RowErrors
{
    private readonly Dictionary<string, List<string>> _listed = [];
    private readonly HashSet<int> _rows = [];
    private int _listedCount;

    public int Count { get; private set; }
    public int Rows => _rows.Count;

    public void Add(int row, string? column, string message) =>
        Add(row, column is null ? $"rows[{row}]" : $"rows[{row}].{column}", message, true);

    /// <summary>An error of the whole body, not of a row (the key is the field: body).</summary>
    public void AddBody(string message) => Add(-1, "body", message, false);

    private void Add(int row, string key, string message, bool isRow)
    {
        Count++;
        if (isRow) _rows.Add(row);
        if (_listedCount >= UploadLimits.MaxErrors) return;
        _listedCount++;
        if (_listed.TryGetValue(key, out var messages)) messages.Add(message);
        else _listed[key] = [message];
    }

    public Dictionary<string, string[]> ToDictionary() => _listed.ToDictionary(e => e.Key, e => e.Value.ToArray());

    /// <summary>"… and 340 more." when not all are listed.</summary>
    public string More => Count > _listedCount ? $" The first {_listedCount} errors are listed, and {Count - _listedCount} more." : "";
}

/// <summary>An upload refused while it was read: the status, and what to tell the sender.</summary>
public sealed class UploadRefusedException(int status, string title, string detail, RowErrors? errors = null) : Exception(detail)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
    public RowErrors? Errors { get; } = errors;

    public static UploadRefusedException TooLarge(string detail) => new(StatusCodes.Status413PayloadTooLarge, "Upload too large", detail);
    /// <summary>A body that is not what its media type says: 400 naming the field body, as a single filing's unreadable JSON is.</summary>
    public static UploadRefusedException Unreadable(string detail)
    {
        var errors = new RowErrors();
        errors.AddBody(detail);
        return new(StatusCodes.Status400BadRequest, "Unreadable upload", detail, errors);
    }

    public static UploadRefusedException TooManyRows() =>
        TooLarge($"An upload holds at most {UploadLimits.MaxRows} rows (the row limit); nothing was read past row {UploadLimits.MaxRows}.");

    public static UploadRefusedException CellTooLong(int row, string column) => InCell(row, column,
        $"The cell is longer than {UploadLimits.MaxCellChars:N0} characters (the cell limit); the upload was read no further.");

    public static UploadRefusedException InCell(int row, string column, string message)
    {
        var errors = new RowErrors();
        errors.Add(row, column, message);
        return new(StatusCodes.Status422UnprocessableEntity, "Request cannot be processed", $"{message} Nothing was written.", errors);
    }

    public IResult ToProblem() => TypedResults.Problem(Message, statusCode: Status, title: Title,
        extensions: Errors is { } e ? new Dictionary<string, object?> { ["errors"] = e.ToDictionary() } : null);
}

/// <summary>
/// Reads the body of a bulk upload, as a stream and within <see cref="UploadLimits"/>: JSON rows as the API's JSON, sheets
/// (CSV, XLSX) as text cells under the header row's column names.
/// </summary>
public static class UploadReader
{
    /// <summary>A JSON array of rows, one element at a time; an element of the wrong shape is an error naming its row and field.</summary>
    public static async Task<List<BulkFileUpdates.Row>> ReadJsonAsync(Stream body, JsonSerializerOptions options, CancellationToken ct)
    {
        List<BulkFileUpdates.Row> rows = [];
        var errors = new RowErrors();
        var index = 0;
        try
        {
            await foreach (var element in JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(body, options, ct))
            {
                if (index == UploadLimits.MaxRows) throw UploadRefusedException.TooManyRows();
                var i = index++;
                if (element.ValueKind != JsonValueKind.Object)
                {
                    errors.Add(i, null, $"A row is a JSON object of fields (see the schema in openapi.yaml), not {element.ValueKind.ToString().ToLowerInvariant()}.");
                    continue;
                }
                try
                {
                    if (element.Deserialize<BulkFileUpdates.Row>(options) is { } row) rows.Add(row);
                }
                catch (JsonException e)
                {
                    errors.Add(i, ProblemExceptionHandler.JsonField(e.Path) is var field && field == "body" ? null : field, ProblemExceptionHandler.JsonMessage(e));
                }
            }
        }
        catch (JsonException e)
        {
            throw UploadRefusedException.Unreadable(
                $"Send a JSON array of rows, e.g. [{{\"commitmentId\": \"BD-1\", ...}}]: {ProblemExceptionHandler.JsonMessage(e)}");
        }
        if (errors.Count > 0) throw Invalid(errors, index);
        return rows;
    }

    private static UploadRefusedException Invalid(RowErrors errors, int rows) => new(StatusCodes.Status422UnprocessableEntity,
        "Request cannot be processed", $"{errors.Rows} of {rows} rows cannot be read; nothing was written.{errors.More}", errors);

    /// <summary>
    /// A CSV sheet (RFC 4180), record by record from the body; the first record names the columns. A value written with a
    /// leading quote so that a spreadsheet does not read it as a formula is read back without it.
    /// </summary>
    public static async Task<List<ObligationSheet.Row>> ReadCsvAsync(Stream body, CancellationToken ct)
    {
        List<ObligationSheet.Row> rows = [];
        try
        {
            await using var csv = CsvReader.Create(body, new CsvReaderOptions
            {
                HasHeader = false, MaxRecordSize = UploadLimits.MaxCsvRecordBytes, IncludeValuesInExceptions = false,
            }, true);
            if (!await csv.ReadAsync(ct)) throw UploadRefusedException.Unreadable("The CSV has no header row naming its columns.");
            var header = Header(Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i)));
            while (await csv.ReadAsync(ct))
            {
                var cells = new Dictionary<string, string>();
                for (var i = 0; i < Math.Min(header.Count, csv.FieldCount); i++)
                {
                    if (header[i] is not { } column || cells.ContainsKey(column)) continue;
                    var text = csv.GetString(i);
                    if (text.Length > UploadLimits.MaxCellChars) throw UploadRefusedException.CellTooLong(rows.Count, column);
                    cells[column] = CsvCells.Original(text);
                }
                if (cells.Values.All(string.IsNullOrWhiteSpace)) continue;
                if (rows.Count == UploadLimits.MaxRows) throw UploadRefusedException.TooManyRows();
                rows.Add(new ObligationSheet.Row(rows.Count, cells));
            }
        }
        // A broken CSV is the sender's, whatever the reader throws; the body's own limits (413) and rate (408) are the server's answers.
        catch (Exception e) when (e is not (UploadRefusedException or OperationCanceledException or BadHttpRequestException or OutOfMemoryException))
        {
            throw UploadRefusedException.Unreadable($"The CSV could not be read: {e.Message.Split('\n')[0]}");
        }
        return rows;
    }

    /// <summary>The header's column names by position; a column the template does not have, or a repeated one, reads as null.</summary>
    private static List<string?> Header(IEnumerable<string> names)
    {
        HashSet<string> seen = [];
        return names.Select(n => n.Trim()).Select(n => ObligationSheet.Columns.Contains(n) && seen.Add(n) ? n : null).ToList();
    }

    /// <summary>
    /// The first worksheet of an XLSX workbook, read with the Open XML SDK's streaming reader; its first row names the
    /// columns. The zip is checked before it is opened (entries, declared unzipped sizes), and the text read is counted as
    /// it is read, each use of a shared string counted again, so a small file that unzips or expands to much is refused early.
    /// </summary>
    public static async Task<List<ObligationSheet.Row>> ReadXlsxAsync(Stream body, CancellationToken ct)
    {
        // A zip's directory is at its end: the body (at most MaxBytes) is buffered, and only it.
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        for (int n; (n = await body.ReadAsync(chunk, ct)) > 0;)
        {
            if (buffer.Length + n > UploadLimits.MaxBytes)
                throw UploadRefusedException.TooLarge($"An upload is at most {UploadLimits.MaxBytes / 1024 / 1024} MiB (the body limit).");
            buffer.Write(chunk, 0, n);
        }
        buffer.Position = 0;
        // The SDK reads synchronously and a workbook is the costliest body to read: a few at a time (half the cores), so
        // that uploads can neither starve the thread pool nor take every core from other requests.
        await Parsing.WaitAsync(ct);
        try
        {
            return ReadXlsx(buffer);
        }
        finally
        {
            Parsing.Release();
        }
    }

    private static readonly SemaphoreSlim Parsing = new(Math.Max(1, Environment.ProcessorCount / 2));

    private static List<ObligationSheet.Row> ReadXlsx(MemoryStream buffer)
    {
        try
        {
            CheckZip(buffer);
            buffer.Position = 0;
            using var document = SpreadsheetDocument.Open(buffer, false, new OpenSettings { MaxCharactersInPart = UploadLimits.MaxUnzippedBytes });
            var workbook = document.WorkbookPart ?? throw UploadRefusedException.Unreadable("The workbook has no sheets.");
            var sheetId = FirstSheetRelation(workbook) ?? throw UploadRefusedException.Unreadable("The workbook has no sheets.");
            if (!workbook.TryGetPartById(sheetId, out var part) || part is not WorksheetPart worksheet)
                throw UploadRefusedException.Unreadable("The workbook's first sheet is not a worksheet part.");
            var budget = new TextBudget();
            var shared = workbook.SharedStringTablePart is { } table ? SharedStrings(table, budget) : [];
            return SheetRows(worksheet, shared, budget);
        }
        // The package and XML readers throw many kinds of exception for a broken file (not a zip, a missing part, bad XML):
        // each is the sender's broken workbook.
        catch (Exception e) when (e is not (UploadRefusedException or OperationCanceledException or OutOfMemoryException))
        {
            throw UploadRefusedException.Unreadable("The body is not a readable XLSX workbook.");
        }
    }

    /// <summary>Refuses a zip with too many entries or whose entries declare more than the unzipped limit (which the reader holds them to).</summary>
    private static void CheckZip(Stream zip)
    {
        using var archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
        if (archive.Entries.Count > UploadLimits.MaxZipEntries)
            throw UploadRefusedException.TooLarge($"An XLSX upload holds at most {UploadLimits.MaxZipEntries} parts.");
        if (archive.Entries.Sum(e => e.Length) > UploadLimits.MaxUnzippedBytes)
            throw UploadRefusedException.TooLarge($"An XLSX upload unzips to at most {UploadLimits.MaxUnzippedBytes / 1024 / 1024} MiB (the unzipped limit).");
    }

    private static string? FirstSheetRelation(WorkbookPart workbook)
    {
        using var reader = OpenXmlReader.Create(workbook);
        while (reader.Read())
            if (reader.ElementType == typeof(Sheet) && reader.IsStartElement)
                return reader.Attributes.FirstOrDefault(a => a.LocalName == "id" && a.NamespaceUri.Contains("relationships", StringComparison.Ordinal)).Value;
        return null;
    }

    /// <summary>Characters read into cells so far, against <see cref="UploadLimits.MaxTextChars"/>.</summary>
    private sealed class TextBudget
    {
        private long _used;

        public void Spend(int chars)
        {
            _used += chars;
            if (_used > UploadLimits.MaxTextChars)
                throw UploadRefusedException.TooLarge($"An upload holds at most {UploadLimits.MaxTextChars / 1024 / 1024} Mi characters of text "
                    + "(the text limit), a shared string counted each time a cell uses it; the upload was read no further.");
        }
    }

    private static List<string> SharedStrings(SharedStringTablePart table, TextBudget budget)
    {
        List<string> strings = [];
        using var reader = OpenXmlReader.Create(table);
        var more = reader.Read();
        while (more)
        {
            if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
            {
                if (strings.Count == UploadLimits.MaxSharedStrings)
                    throw UploadRefusedException.TooLarge($"An XLSX upload holds at most {UploadLimits.MaxSharedStrings:N0} shared strings.");
                var text = reader.LoadCurrentElement()!.InnerText; // moves to the next element itself
                budget.Spend(Math.Min(text.Length, UploadLimits.MaxCellChars));
                strings.Add(text);
                more = !reader.EOF;
                continue;
            }
            more = reader.Read();
        }
        return strings;
    }

    private static List<ObligationSheet.Row> SheetRows(WorksheetPart worksheet, List<string> shared, TextBudget budget)
    {
        List<ObligationSheet.Row> rows = [];
        List<string?>? header = null;
        Dictionary<string, string>? cells = null;
        var (sheetRows, sheetCells, column) = (0, 0, -1);

        void EndRow()
        {
            if (cells is null) return;
            if (!cells.Values.All(string.IsNullOrWhiteSpace)) // blank rows a spreadsheet keeps are skipped
            {
                if (rows.Count == UploadLimits.MaxRows) throw UploadRefusedException.TooManyRows();
                rows.Add(new ObligationSheet.Row(rows.Count, cells));
            }
            cells = null;
        }

        using var reader = OpenXmlReader.Create(worksheet);
        var more = reader.Read();
        while (more)
        {
            if (reader.ElementType == typeof(DocumentFormat.OpenXml.Spreadsheet.Row) && reader.IsStartElement)
            {
                if (++sheetRows > UploadLimits.MaxSheetRows)
                    throw UploadRefusedException.TooLarge($"An XLSX upload's sheet has at most {UploadLimits.MaxSheetRows:N0} rows, blank ones included.");
                EndRow();
                if (header is null) header = [];
                else cells = [];
                column = -1;
            }
            else if (reader.ElementType == typeof(Cell) && reader.IsStartElement && (header is not null))
            {
                if (++sheetCells > UploadLimits.MaxSheetCells)
                    throw UploadRefusedException.TooLarge($"An XLSX upload's sheet has at most {UploadLimits.MaxSheetCells:N0} cells, blank ones included.");
                var cell = (Cell)reader.LoadCurrentElement()!; // moves to the next element itself
                more = !reader.EOF;
                column = cell.CellReference?.Value is { } reference && ColumnIndex(reference) is >= 0 and var at ? at : column + 1;
                if (cells is null)
                {
                    // The header row: the first row of the sheet. A template column further right than four times the
                    // template's width is not looked for, so a header cell at column XFD costs no list of 16,384.
                    var name = CellText(cell, shared, rows.Count, "header", budget, out _);
                    while (header.Count <= column && header.Count < ObligationSheet.Columns.Count * 4) header.Add(null);
                    if (column < header.Count && !header.Contains(name.Trim()) && ObligationSheet.Columns.Contains(name.Trim())) header[column] = name.Trim();
                }
                else if (column < header.Count && header[column] is { } name && !cells.ContainsKey(name))
                {
                    cells[name] = CellText(cell, shared, rows.Count, name, budget, out var problem);
                    if (problem is not null) throw UploadRefusedException.InCell(rows.Count, name, problem);
                }
                continue;
            }
            more = reader.Read();
        }
        EndRow();
        if (header is null) throw UploadRefusedException.Unreadable("The sheet has no header row naming its columns.");
        return rows;
    }

    /// <summary>A cell's text: its shared string, inline string or value. <paramref name="problem"/> says why it cannot be read.</summary>
    private static string CellText(Cell cell, List<string> shared, int row, string column, TextBudget budget, out string? problem)
    {
        problem = null;
        string text;
        if (cell.DataType?.Value == CellValues.SharedString)
        {
            if (!int.TryParse(cell.CellValue?.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                problem = "The cell is a shared-string cell without the number of its string.";
                return "";
            }
            if (index >= shared.Count)
            {
                problem = $"The cell refers to shared string {index}, past the end of the workbook's {shared.Count} shared strings.";
                return "";
            }
            text = shared[index];
        }
        else text = cell.DataType?.Value == CellValues.InlineString ? cell.InlineString?.InnerText ?? "" : cell.CellValue?.Text ?? "";
        if (text.Length > UploadLimits.MaxCellChars) throw UploadRefusedException.CellTooLong(row, column);
        budget.Spend(text.Length);
        return text;
    }

    /// <summary>"AB12" is column 27 (0-based); -1 when the reference does not start with a column's letters.</summary>
    private static int ColumnIndex(string reference)
    {
        var index = 0;
        var letters = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetter(c)) break;
            if (++letters > 3) return -1; // XFD is the last column
            index = index * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        }
        return letters == 0 ? -1 : index - 1;
    }
}

/// <summary>Sheet cells (text) read into rows, each unreadable cell named rows[i].column.</summary>
public static class SheetRows
{
    public static List<BulkFileUpdates.Row> From(IReadOnlyList<ObligationSheet.Row> sheet)
    {
        var errors = new RowErrors();
        List<BulkFileUpdates.Row> rows = [];
        foreach (var cells in sheet)
        {
            var i = cells.Number;
            T? Code<T>(string column) where T : struct, Enum
            {
                var text = cells[column];
                if (text.Length == 0) return null;
                if (Codes.TryParse<T>(text, out var value)) return value;
                errors.Add(i, column, $"{UploadLimits.Echo(text)} is not one of: {string.Join(", ", Codes.All<T>())}.");
                return null;
            }
            int? revision = null;
            if (cells["basedOnRevision"] is { Length: > 0 } r)
            {
                if (int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) revision = n;
                else errors.Add(i, "basedOnRevision", $"{UploadLimits.Echo(r)} is not a revision number.");
            }
            bool? submit = cells["submit"].ToLowerInvariant() switch
            {
                "" or "no" or "false" => false,
                "yes" or "true" => true,
                var other => Bad(other),
            };
            bool? Bad(string other)
            {
                errors.Add(i, "submit", $"{UploadLimits.Echo(other)} is not yes or no.");
                return null;
            }
            List<EvidenceInput> evidence = [];
            var lines = cells["evidence"].Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            for (var e = 0; e < lines.Length; e++)
            {
                var parts = lines[e].Split('|', StringSplitOptions.TrimEntries);
                EvidenceKind kind = default;
                var readable = parts.Length == 2 || (parts.Length == 3 && Codes.TryParse(parts[2], out kind));
                if (!readable)
                {
                    errors.Add(i, $"evidence[{e}]",
                        $"{UploadLimits.Echo(lines[e])} is not 'title | url' or 'title | url | kind' (kind: {string.Join(", ", Codes.All<EvidenceKind>())}).");
                    continue;
                }
                evidence.Add(new EvidenceInput(parts[1], parts[0], parts.Length == 3 ? kind : null));
            }
            string? Text(string column) => cells[column] is { Length: > 0 } t ? t : null;
            // linkedCommitments is the template's note to the reader: it is not read back.
            var cited = ObligationSheet.ReadCommitmentsCell(cells["alsoAnswers"]);
            rows.Add(new BulkFileUpdates.Row(Text("commitmentId"), Text("updateId"), revision, Code<ImplementationStatus>("status"), Text("summary"),
                Text("details"), Text("mainMessage"), evidence, Code<Confidentiality>("confidentiality"), Text("plannedCompletion"), submit,
                cited.Count > 0 ? cited : null));
        }
        if (errors.Count > 0)
            throw new UploadRefusedException(StatusCodes.Status422UnprocessableEntity, "Request cannot be processed",
                $"{errors.Rows} of {sheet.Count} rows cannot be read; nothing was written.{errors.More}", errors);
        return rows;
    }
}

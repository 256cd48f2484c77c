using System.IO.Compression;
using System.Security;
using System.Text;

namespace Commitments.Tests.Support;

/// <summary>
/// Workbooks written part by part (raw XML in a zip), so a test can make the ones a spreadsheet program never would:
/// bombs, broken references, parts in the wrong place.
/// </summary>
public static class HostileUploads
{
    public const string XlsxMediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static readonly string[] Columns =
    [
        "participantId", "cycleId", "commitmentId", "commitmentTitle", "updateId", "basedOnRevision", "state",
        "status", "summary", "details", "mainMessage", "evidence", "confidentiality", "plannedCompletion", "submit",
        "linkedCommitments", "alsoAnswers",
    ];

    public static string Letter(int index)
    {
        var letters = "";
        for (index++; index > 0; index = (index - 1) / 26) letters = (char)('A' + (index - 1) % 26) + letters;
        return letters;
    }

    /// <summary>An inline-string cell.</summary>
    public static string Inline(int column, int row, string text) =>
        $"<c r=\"{Letter(column)}{row}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{SecurityElement.Escape(text)}</t></is></c>";

    /// <summary>A shared-string cell; <paramref name="index"/> null leaves out its value.</summary>
    public static string Shared(int column, int row, int? index) =>
        index is { } i ? $"<c r=\"{Letter(column)}{row}\" t=\"s\"><v>{i}</v></c>" : $"<c r=\"{Letter(column)}{row}\" t=\"s\"/>";

    /// <summary>The header row naming <paramref name="columns"/> (all the template's by default), as row 1.</summary>
    public static string HeaderRow(IReadOnlyList<string>? columns = null) =>
        "<row r=\"1\">" + string.Concat((columns ?? Columns).Select((c, i) => Inline(i, 1, c))) + "</row>";

    /// <summary>Rows 2.. of inline cells, by column name.</summary>
    public static string Rows(IEnumerable<IReadOnlyDictionary<string, string>> rows) =>
        string.Concat(rows.Select((cells, r) => $"<row r=\"{r + 2}\">"
            + string.Concat(cells.Select(c => Inline(Array.IndexOf(Columns, c.Key), r + 2, c.Value))) + "</row>"));

    /// <summary>A workbook of one sheet with <paramref name="sheetData"/> (the rows' XML) and, if given, a shared-string table.</summary>
    public static byte[] Xlsx(string sheetData, IReadOnlyList<string>? sharedStrings = null, bool sheetIsTheSharedStrings = false)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            Entry(zip, "[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                <Default Extension="xml" ContentType="application/xml"/>
                <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
                <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
                <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
                </Types>
                """);
            Entry(zip, "_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
                </Relationships>
                """);
            Entry(zip, "xl/workbook.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
                <sheets><sheet name="Obligations" sheetId="1" r:id="rId1"/></sheets>
                </workbook>
                """);
            var sheetTarget = sheetIsTheSharedStrings ? "sharedStrings.xml" : "worksheets/sheet1.xml";
            Entry(zip, "xl/_rels/workbook.xml.rels", $"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="{sheetTarget}"/>
                <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
                </Relationships>
                """);
            Entry(zip, "xl/worksheets/sheet1.xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                + sheetData + "</sheetData></worksheet>");
            var strings = sharedStrings ?? [];
            Entry(zip, "xl/sharedStrings.xml",
                $"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"{strings.Count}\" uniqueCount=\"{strings.Count}\">"
                + string.Concat(strings.Select(s => $"<si><t xml:space=\"preserve\">{SecurityElement.Escape(s)}</t></si>")) + "</sst>");
        }
        return stream.ToArray();
    }

    private static void Entry(ZipArchive zip, string name, string text)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
        writer.Write(text);
    }

    /// <summary>One shared string referenced by every cell of <paramref name="rows"/> rows: a few KB that expand to rows x 17 x length.</summary>
    public static byte[] SharedStringBomb(int rows, int length) =>
        Xlsx(HeaderRow() + string.Concat(Enumerable.Range(2, rows).Select(r =>
            $"<row r=\"{r}\">" + string.Concat(Enumerable.Range(0, Columns.Length).Select(c => Shared(c, r, 0))) + "</row>")),
            [new string('Q', length)]);

    /// <summary>A sheet of <paramref name="rows"/> filled rows.</summary>
    public static byte[] RowBomb(int rows) =>
        Xlsx(HeaderRow(["commitmentId", "status", "summary", "confidentiality"]) + string.Concat(Enumerable.Range(2, rows).Select(r =>
            $"<row r=\"{r}\">{Inline(0, r, "BD-1")}{Inline(1, r, "limited")}{Inline(2, r, "Row " + r)}{Inline(3, r, "public")}</row>")));

    /// <summary>A zip whose sheet unzips to <paramref name="megabytes"/> MiB of spaces inside a cell.</summary>
    public static byte[] ZipBomb(int megabytes)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            var template = Xlsx(HeaderRow() + "<row r=\"2\">" + Inline(8, 2, "PAD") + "</row>");
            using var source = new ZipArchive(new MemoryStream(template), ZipArchiveMode.Read);
            foreach (var entry in source.Entries)
            {
                using var from = new StreamReader(entry.Open());
                var text = from.ReadToEnd();
                using var to = zip.CreateEntry(entry.FullName, CompressionLevel.SmallestSize).Open();
                if (entry.FullName != "xl/worksheets/sheet1.xml")
                {
                    to.Write(Encoding.UTF8.GetBytes(text));
                    continue;
                }
                var pad = text.IndexOf("PAD", StringComparison.Ordinal);
                to.Write(Encoding.UTF8.GetBytes(text[..pad]));
                var spaces = new byte[1024 * 1024];
                Array.Fill(spaces, (byte)' ');
                for (var i = 0; i < megabytes; i++) to.Write(spaces);
                to.Write(Encoding.UTF8.GetBytes(text[(pad + 3)..]));
            }
        }
        return stream.ToArray();
    }

    /// <summary>
    /// <see cref="ZipBomb"/> whose zip headers declare every entry 1 KiB unzipped, so a check of declared sizes alone passes
    /// it: only a reader that holds entries to their declared size (or counts what it unzips) stops it.
    /// </summary>
    public static byte[] LyingZipBomb(int megabytes)
    {
        var zip = ZipBomb(megabytes);
        for (var i = 0; i + 30 < zip.Length; i++)
        {
            // Local header (PK\3\4): uncompressed size at +22; central directory entry (PK\1\2): at +24.
            if (zip[i] == 0x50 && zip[i + 1] == 0x4b && zip[i + 2] == 3 && zip[i + 3] == 4) BitConverter.TryWriteBytes(zip.AsSpan(i + 22, 4), 1024u);
            else if (zip[i] == 0x50 && zip[i + 1] == 0x4b && zip[i + 2] == 1 && zip[i + 3] == 2) BitConverter.TryWriteBytes(zip.AsSpan(i + 24, 4), 1024u);
        }
        return zip;
    }

    /// <summary>A real workbook cut in half, and one with its bytes scrambled past the first local header.</summary>
    public static IEnumerable<byte[]> MalformedZips()
    {
        var good = Xlsx(HeaderRow() + Rows([new Dictionary<string, string> { ["commitmentId"] = "BD-1" }]));
        yield return good[..(good.Length / 2)];
        var scrambled = (byte[])good.Clone();
        for (var i = 40; i < scrambled.Length; i += 7) scrambled[i] ^= 0x5a;
        yield return scrambled;
        yield return Encoding.ASCII.GetBytes("PK\u0003\u0004 not really a zip");
        yield return [];
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Commitments.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Commitments.Tests.Reliability;

/// <summary>
/// FsCheck generates bulk uploads from the row schema (JSON rows, CSV and XLSX sheets with the template's columns), their
/// values broken in type, format, size and reference. For each: never a 5xx, every refusal problem details, and a refused
/// upload writes nothing.
/// </summary>
public sealed class BulkUploadFuzzTests(ITestOutputHelper output)
{
    private const int Uploads = 400;
    private const string SeedVariable = "COMMITMENTS_FSCHECK_SEED";

    public sealed record Upload(string MediaType, byte[] Body, bool DryRun)
    {
        public override string ToString() =>
            $"{MediaType} dryRun={DryRun} {(MediaType == HostileUploads.XlsxMediaType ? Convert.ToBase64String(Body) : Encoding.UTF8.GetString(Body[..Math.Min(Body.Length, 400)]))}";
    }

    private static readonly string[] Fields =
        ["commitmentId", "updateId", "basedOnRevision", "status", "summary", "details", "mainMessage", "evidence", "confidentiality",
            "plannedCompletion", "submit", "alsoAnswers", "participantId", "unknownField"];

    /// <summary>Cell text: right values, wrong ones, and text no format carries.</summary>
    private static Gen<string> Text() => Gen.OneOf(
        Gen.Elements("", " ", "BD-1", "BD-2", "BD-5", "ST-4", "FAISC-I", "limited", "substantial", "complete", "public", "restricted", "governments",
            "yes", "no", "true", "TRUE", "1", "0", "-1", "2147483648", "2026-06-30", "2026-02-30", "Title | https://example.org/a",
            "T | https://example.org/a | webpage", "T | javascript:alert(1)", "a|b|c|d", "BD-7d; CS-2", "=cmd|' /C calc'!A0", "'=1+1", "@SUM(1)",
            "\"quoted\"", "line\nbreak", "cr\rlf\r\n", "\u0000", "\u0001", "\uFFFF", "\ud800", "\u202e", "\ud83d\ude00", "01a25000-0000-7000-8000-000000000000"),
        Gen.Elements(1, 300, 501, 4_001, 20_001, 50_001).Select(n => new string('a', n)),
        Gen.ArrayOf(Gen.Choose(0, 0xFFFF).Select(c => (char)c), 8).Select(cs => new string(cs)));

    private static Gen<JsonNode?> Value() => Gen.OneOf(
        Text().Select(t => (JsonNode?)JsonValue.Create(t)),
        Gen.Elements<JsonNode?>(null, JsonValue.Create(true), JsonValue.Create(2), JsonValue.Create(-1), JsonValue.Create(1.5), JsonValue.Create(long.MaxValue),
            new JsonArray(), new JsonObject(), new JsonArray(new JsonObject { ["url"] = "https://example.org/e", ["title"] = "E" }),
            new JsonArray(JsonValue.Create("BD-2")), new JsonArray(new JsonObject { ["url"] = 3 })));

    private static Gen<JsonObject> JsonRow() =>
        Gen.ListOf(Gen.Zip(Gen.Elements(Fields), Value()), 7).Select(pairs =>
        {
            var row = new JsonObject { ["commitmentId"] = "BD-1", ["status"] = "limited", ["summary"] = "Done.", ["confidentiality"] = "public" };
            foreach (var (field, value) in pairs) row[field] = value?.DeepClone();
            return row;
        });

    private static Gen<byte[]> Json() => Gen.Frequency(
        (6, Gen.ListOf(JsonRow(), 4).Select(rows => Encoding.UTF8.GetBytes(new JsonArray(rows.Select(r => (JsonNode?)r).ToArray()).ToJsonString()))),
        (1, Value().Select(v => Encoding.UTF8.GetBytes(v?.ToJsonString() ?? "null"))),
        (1, Gen.Elements("", "[", "[{]", "\uFEFF[]", "[{\"status\":\"\\ud800\"}]", "[{\"summary\":\"\\u0000\"}]").Select(Encoding.UTF8.GetBytes)));

    private static Gen<(List<string> Header, List<List<string>> Rows)> Sheet() =>
        from header in Gen.ListOf(Gen.Frequency((8, Gen.Elements(HostileUploads.Columns)), (1, Text())), 8)
        from rows in Gen.ListOf(Gen.ListOf(Text(), 8), 4)
        select (new List<string> { "commitmentId", "status", "summary", "confidentiality" }.Concat(header).ToList(),
            rows.Select(r => new List<string> { "BD-2", "limited", "Done.", "public" }.Concat(r).ToList()).ToList());

    private static string CsvField(string value) => "\"" + value.Replace("\"", "\"\"") + "\"";

    private static Gen<byte[]> Csv() => Gen.Frequency(
        (6, Sheet().Select(s => Encoding.UTF8.GetBytes(string.Join("\r\n", new[] { s.Header }.Concat(s.Rows).Select(r => string.Join(",", r.Select(CsvField))))))),
        (1, Gen.Elements("", "\"", "a,b\r\n\"unclosed", "commitmentId\r\n\"BD-1\"x", "\uFEFFcommitmentId,status\r\nBD-1,limited").Select(Encoding.UTF8.GetBytes)),
        (1, Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), 60)));

    /// <summary>A cell written one of the ways a workbook can hold text, with references right and wrong.</summary>
    private static Gen<Func<int, int, string>> XlsxCell(int shared) => Gen.OneOf(
        Text().Select(t => (Func<int, int, string>)((c, r) => HostileUploads.Inline(c, r, t))),
        Gen.Choose(-1, shared + 2).Select(i => (Func<int, int, string>)((c, r) => HostileUploads.Shared(c, r, i < 0 ? null : i))),
        Text().Select(t => (Func<int, int, string>)((c, r) => $"<c r=\"{HostileUploads.Letter(c)}{r}\"><v>{System.Security.SecurityElement.Escape(t)}</v></c>")),
        Gen.Elements("<c/>", "<c r=\"\" t=\"s\"><v>0</v></c>", "<c r=\"A\" t=\"bogus\"><v>1</v></c>", "<c t=\"inlineStr\"/>")
            .Select(x => (Func<int, int, string>)((_, _) => x)));

    private static Gen<byte[]> Xlsx() =>
        from sheet in Sheet()
        from shared in Gen.ListOf(Text(), 3)
        from cells in Gen.ListOf(XlsxCell(shared.Count), 12)
        from sheetIsStrings in Gen.Frequency((12, Gen.Constant(false)), (1, Gen.Constant(true)))
        select HostileUploads.Xlsx(
            HostileUploads.HeaderRow(sheet.Header) + string.Concat(sheet.Rows.Select((row, r) => $"<row r=\"{r + 2}\">"
                + string.Concat(row.Select((cell, c) => c < 4 || (c + r) % 3 != 0
                    ? HostileUploads.Inline(c, r + 2, cell)
                    : cells[(c + r) % Math.Max(1, cells.Count)](c, r + 2)))
                + "</row>")),
            shared, sheetIsStrings);

    private static Gen<Upload> UploadGen() =>
        from kind in Gen.Elements("application/json", "text/csv", HostileUploads.XlsxMediaType)
        from body in kind switch { "application/json" => Json(), "text/csv" => Csv(), _ => Xlsx() }
        from dryRun in Gen.Elements(true, false)
        select new Upload(kind, body, dryRun);

    private static ulong Seed()
    {
        var given = Environment.GetEnvironmentVariable(SeedVariable);
        return string.IsNullOrWhiteSpace(given) ? (ulong)Random.Shared.NextInt64(long.MaxValue)
            : ulong.Parse(given.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    [Trait("Category", "Drill")] // four hundred generated uploads
    public async Task GeneratedUploadsGetNo5xxAlwaysProblemDetailsAndChangeNothingWhenRefused()
    {
        await using var api = await TestApi.StartAsync();
        await api.CreateOpenCycleAsync();
        var gb = await api.LiaisonAsync("GB");
        await gb.FileAsync(Filing.Body(commitment: "BD-5"));
        await using var db = new SqliteConnection(api.Database.ConnectionString);
        await db.OpenAsync();

        var seed = Seed();
        output.WriteLine($"FsCheck seed: {seed} (replay with {SeedVariable}={seed})");
        var statuses = new Dictionary<int, int>();
        List<string> failures = [];
        foreach (var upload in UploadGen().Sample(Uploads, new Rnd(seed), 30))
        {
            var before = await FingerprintAsync(db);
            var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/participants/GB/updates/bulk?cycle={Filing.OpenCycle}{(upload.DryRun ? "&dryRun=true" : "")}")
            {
                Content = new ByteArrayContent(upload.Body) { Headers = { ContentType = new MediaTypeHeaderValue(upload.MediaType) } },
            };
            var response = await gb.SendAsync(request);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (status >= 500) failures.Add($"{status} for {upload}: {await response.Content.ReadAsStringAsync()}");
            if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                failures.Add($"{status} without problem details for {upload}");
            if ((status >= 400 || upload.DryRun) && await FingerprintAsync(db) != before) failures.Add($"{status} changed the database for {upload}");
            if (failures.Count >= 5) break;
        }
        output.WriteLine("statuses: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}x{s.Value}")));
        Assert.True(failures.Count == 0, $"seed {seed} (replay with {SeedVariable}={seed}):\n" + string.Join("\n", failures));
        Assert.True(statuses.ContainsKey(400) && statuses.ContainsKey(422), "the generated uploads should meet both unreadable bodies and unfileable rows");
    }

    private static async Task<string> FingerprintAsync(SqliteConnection db)
    {
        await using var command = db.CreateCommand();
        command.CommandText = """
            SELECT (SELECT COUNT(*) FROM updates) || '|' || (SELECT COUNT(*) FROM update_revisions) || '|' || (SELECT COUNT(*) FROM audit_log)
                || '|' || (SELECT COUNT(*) FROM idempotency_records) || '|' || IFNULL((SELECT MAX(updated_at) FROM updates), '')
            """;
        return (string)(await command.ExecuteScalarAsync())!;
    }
}

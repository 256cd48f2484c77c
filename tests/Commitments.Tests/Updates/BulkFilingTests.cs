using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Commitments.Tests.Support;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Commitments.Tests.Updates;

/// <summary>Liaisons who work in spreadsheets: the obligations template, filled in and uploaded in one transaction.</summary>
public sealed class BulkFilingTests
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static async Task<byte[]> TemplateAsync(HttpClient client, string accept, string cycle = Filing.OpenCycle)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/participants/GB/obligations?cycle={cycle}");
        request.Headers.Accept.ParseAdd(accept);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(accept, response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] sheet, string mediaType, string query = "", string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/participants/GB/updates/bulk?cycle={Filing.OpenCycle}{query}")
        {
            Content = new ByteArrayContent(sheet) { Headers = { ContentType = new MediaTypeHeaderValue(mediaType) } },
        };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    /// <summary>Edits cells of the workbook as a person's spreadsheet program would, with the same library the API writes it with.</summary>
    private static byte[] Edit(byte[] workbook, params (string Commitment, string Column, string Value)[] edits)
    {
        using var stream = new MemoryStream();
        stream.Write(workbook);
        using (var document = SpreadsheetDocument.Open(stream, true))
        {
            var part = document.WorkbookPart!.WorksheetParts.Single();
            var rows = part.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().ToList();
            var header = rows[0].Elements<Cell>().Select(c => c.InnerText).ToList();
            foreach (var (commitment, column, value) in edits)
            {
                var row = rows.Single(r => r.Elements<Cell>().ElementAt(header.IndexOf("commitmentId")).InnerText == commitment);
                var cell = row.Elements<Cell>().ElementAt(header.IndexOf(column));
                cell.DataType = CellValues.InlineString;
                cell.InlineString = new InlineString(new Text(value));
            }
            part.Worksheet.Save();
        }
        return stream.ToArray();
    }

    private static async Task<int> RevisionsAsync(HttpClient client, string updateId) =>
        (await (await client.GetAsync($"/v1/updates/{updateId}/revisions")).AssertOkAsync())["items"]!.AsArray().Count;

    [Fact]
    public async Task AnEditedXlsxTemplateMakesExactlyTheEditedRevisionsAndTheSameUploadAgainChangesNothing()
    {
        await using var api = await TestApi.StartAsync();
        await api.CreateOpenCycleAsync();
        var gb = await api.LiaisonAsync("GB");
        var ids = new Dictionary<string, string>();
        foreach (var commitment in new[] { "BD-1", "BD-2", "BD-5", "BD-6" })
            ids[commitment] = (await gb.FileAsync(Filing.Body(commitment: commitment))).Id();

        var template = await TemplateAsync(gb, Xlsx);
        using (var document = SpreadsheetDocument.Open(new MemoryStream(template), false))
        {
            var validations = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<DataValidation>().ToList();
            Assert.Equal(3, validations.Count); // status, confidentiality, submit: drop-down lists of the allowed values
            Assert.Contains(validations, v => v.Formula1!.Text.Contains("substantial,complete", StringComparison.Ordinal));
        }

        var edited = Edit(template,
            ("BD-1", "status", "complete"), ("BD-2", "status", "limited"), ("BD-5", "status", "not_started"),
            ("BD-1", "evidence", "Published strategy | https://www.gov.uk/government/publications/ai-strategy"),
            ("BD-2", "confidentiality", "restricted"));
        var upload = await UploadAsync(gb, edited, Xlsx, key: "ministry-sheet-1");
        var result = await upload.AssertOkAsync();
        Assert.Equal(3, result["amended"]!.GetValue<int>());
        Assert.Equal(1, result["unchanged"]!.GetValue<int>()); // BD-6 as it was
        Assert.Equal(0, result["filed"]!.GetValue<int>());
        Assert.Equal(2, await RevisionsAsync(gb, ids["BD-1"]));
        Assert.Equal(2, await RevisionsAsync(gb, ids["BD-2"]));
        Assert.Equal(2, await RevisionsAsync(gb, ids["BD-5"]));
        Assert.Equal(1, await RevisionsAsync(gb, ids["BD-6"]));
        var bd1 = await (await gb.GetAsync($"/v1/updates/{ids["BD-1"]}")).AssertOkAsync();
        Assert.Equal("complete", bd1.Str("status"));
        Assert.Equal("https://www.gov.uk/government/publications/ai-strategy", bd1["evidence"]!.AsArray().Single()!.Str("url"));
        Assert.Equal("restricted", (await (await gb.GetAsync($"/v1/updates/{ids["BD-2"]}")).AssertOkAsync()).Str("confidentiality"));

        // The same file with the same key: the first answer, and nothing written.
        var again = await UploadAsync(gb, edited, Xlsx, key: "ministry-sheet-1");
        Assert.Equal(result.ToJsonString(), (await again.AssertOkAsync()).ToJsonString());
        Assert.Equal(2, await RevisionsAsync(gb, ids["BD-1"]));
        Assert.Equal(4, (await gb.AllItemsAsync($"/v1/updates?cycle={Filing.OpenCycle}")).Count);

        // The same file again without the key: its rows were read at revision 1, so each amended row is refused as stale.
        var stale = await (await UploadAsync(gb, edited, Xlsx)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(stale["errors"]!["rows[0].basedOnRevision"]);
        Assert.Equal(2, await RevisionsAsync(gb, ids["BD-1"]));
    }

    [Fact]
    public async Task OneBadRowAmongFiftyWritesNothingNamesTheRowAndColumnAndTheDryRunSaysTheSame()
    {
        await using var api = await TestApi.StartAsync();
        await api.CreateOpenCycleAsync();
        var admin = api.Secretariat();
        for (var i = 1; i <= 40; i++)
            await (await admin.PostAsJsonAsync("/v1/commitments", new
            {
                id = $"BD-X{i}", instrument = "BD", paragraphRef = "test", appliesTo = "governments", title = $"Test commitment {i}",
            })).AssertOkAsync(HttpStatusCode.Created);
        var gb = await api.LiaisonAsync("GB");
        // A sheet of its own making, with only the columns it needs (the header names them; the others read as empty).
        var obligations = (await (await gb.GetAsync($"/v1/participants/GB/obligations?cycle={Filing.OpenCycle}")).AssertOkAsync())["commitments"]!
            .AsArray().Select(c => c.Str("id")).ToList();
        Assert.True(obligations.Count >= 50, $"{obligations.Count} obligations");
        var sheet = Encoding.UTF8.GetBytes("commitmentId,status,summary,confidentiality\r\n"
            + string.Concat(obligations.Take(50).Select((id, row) => $"{id},{(row == 37 ? "nearly_done" : "limited")},\"Row {row}, done.\",public\r\n")));

        foreach (var query in new[] { "", "&dryRun=true" })
        {
            var problem = await (await UploadAsync(gb, sheet, "text/csv", query)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
            var errors = problem["errors"]!.AsObject();
            Assert.Equal(["rows[37].status"], errors.Select(e => e.Key));
            Assert.Contains("nearly_done", errors["rows[37].status"]![0]!.GetValue<string>());
            Assert.Empty(await gb.AllItemsAsync($"/v1/updates?cycle={Filing.OpenCycle}"));
        }

        // Fixed, as a dry run: every row would be filed, and still nothing is.
        var fixedSheet = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(sheet).Replace("nearly_done", "limited"));
        var dry = await (await UploadAsync(gb, fixedSheet, "text/csv", "&dryRun=true")).AssertOkAsync();
        Assert.True(dry["dryRun"]!.GetValue<bool>());
        Assert.Equal(50, dry["filed"]!.GetValue<int>());
        Assert.Empty(await gb.AllItemsAsync($"/v1/updates?cycle={Filing.OpenCycle}"));
        var real = await (await UploadAsync(gb, fixedSheet, "text/csv")).AssertOkAsync();
        Assert.Equal(50, real["filed"]!.GetValue<int>());
        Assert.Equal(50, (await gb.AllItemsAsync($"/v1/updates?cycle={Filing.OpenCycle}")).Count);
    }

    [Fact]
    public async Task TheTemplateShowsRestrictedAndDraftContentOnlyToThoseWhoMaySeeIt()
    {
        await using var api = await TestApi.StartAsync();
        await api.CreateOpenCycleAsync();
        var gb = await api.LiaisonAsync("GB");
        const string restricted = "Restricted: the minister has not yet agreed the budget.";
        const string draft = "Draft wording not for circulation.";
        await gb.FileAsync(Filing.Body(commitment: "BD-1", confidentiality: "restricted", submit: true, summary: restricted));
        await gb.FileAsync(Filing.Body(commitment: "BD-2", summary: draft));
        await gb.FileAsync(Filing.Body(commitment: "BD-5", submit: true, summary: "Published and public."));

        var readers = new Dictionary<string, HttpClient>
        {
            ["anonymous"] = api.Anonymous(),
            ["observer"] = api.As((await api.IssueKeyAsync("observer")).Secret),
            ["FR liaison"] = await api.LiaisonAsync("FR"),
            ["company liaison"] = await api.LiaisonAsync("anthropic"),
        };
        foreach (var (who, client) in readers)
            foreach (var format in new[] { "text/csv", Xlsx })
            {
                var sheet = await TemplateAsync(client, format);
                var text = format == "text/csv" ? Encoding.UTF8.GetString(sheet) : XlsxText(sheet);
                Assert.DoesNotContain(restricted, text);
                Assert.DoesNotContain(draft, text);
                Assert.True(text.Contains("Published and public.", StringComparison.Ordinal), $"{who} should see the published update ({format})");
            }
        foreach (var client in new[] { gb, api.Secretariat() })
        {
            var own = Encoding.UTF8.GetString(await TemplateAsync(client, "text/csv"));
            Assert.Contains(restricted, own);
            Assert.Contains(draft, own);
        }
    }

    private static string XlsxText(byte[] workbook)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(workbook), false);
        return string.Join("\n", document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Cell>().Select(c => c.InnerText));
    }

    [Fact]
    public async Task AJsonUploadNamesEachRowsErrorsAndAnotherParticipantsLiaisonIsRefused()
    {
        await using var api = await TestApi.StartAsync();
        await api.CreateOpenCycleAsync();
        var gb = await api.LiaisonAsync("GB");
        object[] rows =
        [
            new { commitmentId = "BD-1", status = "limited", summary = "Fine.", confidentiality = "public" },
            new { commitmentId = "BD-2", status = "limited", summary = "", confidentiality = "public" },
            new { commitmentId = "FAISC-I", status = "limited", summary = "Not ours.", confidentiality = "public" },
        ];
        var problem = await (await gb.PostAsJsonAsync($"/v1/participants/GB/updates/bulk?cycle={Filing.OpenCycle}", rows))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var errors = problem["errors"]!.AsObject().Select(e => e.Key).Order().ToList();
        Assert.Equal(["rows[1].summary", "rows[2].commitmentId"], errors);
        Assert.Empty(await gb.AllItemsAsync($"/v1/updates?cycle={Filing.OpenCycle}"));

        var fr = await api.LiaisonAsync("FR");
        await (await fr.PostAsJsonAsync($"/v1/participants/GB/updates/bulk?cycle={Filing.OpenCycle}", rows[..1]))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        var unsupported = new StringContent("<rows/>", Encoding.UTF8, "application/xml");
        await (await gb.PostAsync($"/v1/participants/GB/updates/bulk?cycle={Filing.OpenCycle}", unsupported))
            .AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);

        // A sheet that cannot be read at all is a 400 naming the body, as every 400 names what is at fault.
        var unreadable = await (await UploadAsync(gb, [], "text/csv")).AssertProblemAsync(HttpStatusCode.BadRequest, "body");
        Assert.Contains("header row", unreadable["errors"]!["body"]![0]!.GetValue<string>());
        await (await gb.PostAsJsonAsync("/v1/participants/GB/updates/bulk?cycle=no-such-cycle", rows[..1])).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}

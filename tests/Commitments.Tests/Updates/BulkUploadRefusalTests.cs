using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Commitments.Tests.Support;

namespace Commitments.Tests.Updates;

/// <summary>Bad uploads to the bulk route: each a 4xx problem naming the row and column or the limit, and nothing written.</summary>
public sealed class BulkUploadRefusalTests
{
    private static string Bulk(string cycle = Filing.OpenCycle, string participant = "GB") => $"/v1/participants/{participant}/updates/bulk?cycle={cycle}";

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, byte[] body, string mediaType, string? key = null, string? path = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path ?? Bulk())
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue(mediaType) } },
        };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> JsonAsync(HttpClient client, string json) => SendAsync(client, Encoding.UTF8.GetBytes(json), "application/json");

    private static async Task<(TestApi Api, HttpClient Gb)> StartAsync()
    {
        var api = await TestApi.StartAsync();
        await api.CreateOpenCycleAsync();
        return (api, await api.LiaisonAsync("GB"));
    }

    [Fact]
    public async Task JsonRowsOfTheWrongShapeAreRefusedNamingTheRowAndFieldAndAWrongBodyIs400()
    {
        var (api, gb) = await StartAsync();
        await using var _ = api;
        var single = await (await gb.PostAsync("/v1/updates", HttpAssertions.Json("{\"status\":\"bogus\"}"))).AssertProblemAsync(HttpStatusCode.BadRequest, "status");

        foreach (var (json, field) in new[] { ("[{\"status\":\"bogus\"}]", "rows[0].status"), ("[{\"status\":2}]", "rows[0].status"),
                     ("[{\"commitmentId\":\"BD-1\",\"summary\":\"ok\",\"status\":\"limited\",\"confidentiality\":\"public\"},{\"evidence\":\"x\"}]", "rows[1].evidence"),
                     ("[7]", "rows[0]") })
        {
            var problem = await (await JsonAsync(gb, json)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, field);
            Assert.Single(problem["errors"]!.AsObject());
            if (json.Contains("bogus", StringComparison.Ordinal))
                Assert.Equal(single["errors"]!["status"]![0]!.GetValue<string>(), problem["errors"]![field]![0]!.GetValue<string>());
        }
        foreach (var json in new[] { "{}", "", "\"text\"", "[{\"status\":", "\uFEFF\uFEFF[]" })
            await (await JsonAsync(gb, json)).AssertProblemAsync(HttpStatusCode.BadRequest, "body");
        await (await JsonAsync(gb, "[]")).AssertProblemAsync(HttpStatusCode.BadRequest, "rows");
        // A byte order mark before the array is read past, as JSON allows.
        await (await SendAsync(gb, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("[{\"status\":\"bogus\"}]")], "application/json"))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "rows[0].status");
        Assert.Empty(await gb.AllItemsAsync($"/v1/updates?cycle={Filing.OpenCycle}"));
    }

    [Fact]
    public async Task ARowIsCheckedByTheSameValidatorAsASingleFiling()
    {
        var (api, gb) = await StartAsync();
        await using var _ = api;
        var bad = new { participantId = "GB", commitmentId = "BD-1", cycleId = Filing.OpenCycle, status = "limited", summary = "Bad \u0001 text",
            confidentiality = "public", plannedCompletion = "2026-13-01" };
        var single = (await (await gb.PostAsJsonAsync("/v1/updates", bad)).AssertProblemAsync(HttpStatusCode.BadRequest))["errors"]!.AsObject();
        var bulk = (await (await gb.PostAsJsonAsync(Bulk(), new[] { new { bad.commitmentId, bad.status, bad.summary, bad.confidentiality, bad.plannedCompletion } }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity))["errors"]!.AsObject();
        Assert.Equal(["plannedCompletion", "summary"], single.Select(e => e.Key).Order());
        Assert.Equal(["rows[0].plannedCompletion", "rows[0].summary"], bulk.Select(e => e.Key).Order());
        Assert.Equal(single["summary"]!.ToJsonString(), bulk["rows[0].summary"]!.ToJsonString());
        var csv = Encoding.UTF8.GetBytes("commitmentId,status,summary,confidentiality\r\nBD-1,limited,\"Bad \u0001 text\",public\r\n");
        var fromCsv = await (await SendAsync(gb, csv, "text/csv")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "rows[0].summary");
        Assert.Equal(single["summary"]!.ToJsonString(), fromCsv["errors"]!["rows[0].summary"]!.ToJsonString());
    }

    [Fact]
    public async Task BrokenWorkbooksAre4xxNamingTheCellOrTheWorkbook()
    {
        var (api, gb) = await StartAsync();
        await using var _ = api;
        var header = HostileUploads.HeaderRow(["commitmentId", "status", "summary", "confidentiality"]);
        string Row(string status, string summary) => $"<row r=\"2\">{HostileUploads.Inline(0, 2, "BD-1")}{status}{summary}{HostileUploads.Inline(3, 2, "public")}</row>";

        var pointsAtStrings = HostileUploads.Xlsx(header + Row(HostileUploads.Inline(1, 2, "limited"), HostileUploads.Inline(2, 2, "x")), ["a"], sheetIsTheSharedStrings: true);
        await (await SendAsync(gb, pointsAtStrings, HostileUploads.XlsxMediaType)).AssertProblemAsync(HttpStatusCode.BadRequest);

        var noValue = HostileUploads.Xlsx(header + Row(HostileUploads.Inline(1, 2, "limited"), HostileUploads.Shared(2, 2, null)), ["a"]);
        await (await SendAsync(gb, noValue, HostileUploads.XlsxMediaType)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "rows[0].summary");

        var pastTheTable = HostileUploads.Xlsx(header + Row(HostileUploads.Shared(1, 2, 5), HostileUploads.Inline(2, 2, "x")), ["limited"]);
        var past = await (await SendAsync(gb, pastTheTable, HostileUploads.XlsxMediaType)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "rows[0].status");
        Assert.Contains("shared string 5", past["errors"]!["rows[0].status"]![0]!.GetValue<string>());

        foreach (var zip in HostileUploads.MalformedZips())
            await (await SendAsync(gb, zip, HostileUploads.XlsxMediaType)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Empty(await gb.AllItemsAsync($"/v1/updates?cycle={Filing.OpenCycle}"));
    }

    [Fact]
    public async Task BombsStopAtTheLimitTheyExceedWithASmallAnswer()
    {
        var (api, gb) = await StartAsync();
        await using var _ = api;
        var cases = new (string Name, byte[] Body, string MediaType, HttpStatusCode Status, string Says)[]
        {
            ("shared-string bomb", HostileUploads.SharedStringBomb(300, 30_000), HostileUploads.XlsxMediaType, HttpStatusCode.RequestEntityTooLarge, "text limit"),
            ("row bomb", HostileUploads.RowBomb(20_000), HostileUploads.XlsxMediaType, HttpStatusCode.RequestEntityTooLarge, "row limit"),
            ("zip bomb", HostileUploads.ZipBomb(64), HostileUploads.XlsxMediaType, HttpStatusCode.RequestEntityTooLarge, "unzipped limit"),
            ("csv rows", Encoding.UTF8.GetBytes("commitmentId,status\r\n" + string.Concat(Enumerable.Repeat("BD-1,limited\r\n", 501))), "text/csv",
                HttpStatusCode.RequestEntityTooLarge, "row limit"),
            ("json rows", Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Repeat("{}", 501)) + "]"), "application/json",
                HttpStatusCode.RequestEntityTooLarge, "row limit"),
            ("huge csv cell", Encoding.UTF8.GetBytes("commitmentId,summary\r\nBD-1," + new string('w', 60_000) + "\r\n"), "text/csv",
                HttpStatusCode.UnprocessableEntity, "cell limit"),
            ("huge xlsx cell", HostileUploads.Xlsx(HostileUploads.HeaderRow() + $"<row r=\"2\">{HostileUploads.Inline(8, 2, new string('w', 60_000))}</row>"),
                HostileUploads.XlsxMediaType, HttpStatusCode.UnprocessableEntity, "cell limit"),
        };
        foreach (var (name, body, mediaType, status, says) in cases)
        {
            var response = await SendAsync(gb, body, mediaType);
            var text = await response.Content.ReadAsStringAsync();
            var problem = await response.AssertProblemAsync(status);
            Assert.True(problem.Str("detail").Contains(says, StringComparison.Ordinal), $"{name}: {text}");
            Assert.True(text.Length < 2_000, $"{name}: a {text.Length}-character answer");
        }
        Assert.Equal("rows[0].summary", (await (await SendAsync(gb, cases[5].Body, "text/csv")).ReadJsonAsync())["errors"]!.AsObject().Single().Key);
        Assert.Empty(await gb.AllItemsAsync($"/v1/updates?cycle={Filing.OpenCycle}"));
    }

    [Fact]
    public async Task AtMostAHundredErrorsAreListedEachQuotingAShortPrefixOfItsCell()
    {
        var (api, gb) = await StartAsync();
        await using var _ = api;
        // Every cell one shared string of 200 characters that is no valid value: 500 rows of errors, under the text limit.
        var sheet = HostileUploads.SharedStringBomb(500, 200);
        var response = await SendAsync(gb, sheet, HostileUploads.XlsxMediaType);
        var text = await response.Content.ReadAsStringAsync();
        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var errors = problem["errors"]!.AsObject();
        Assert.Equal(100, errors.Sum(e => e.Value!.AsArray().Count));
        Assert.Contains("100 errors are listed, and 2400 more", problem.Str("detail"));
        Assert.Contains("500 of 500 rows", problem.Str("detail"));
        Assert.All(errors, e => Assert.DoesNotContain(new string('Q', 41), e.Value!.ToJsonString()));
        Assert.Contains("'" + new string('Q', 40) + "…'", text);
        Assert.True(text.Length < 40_000, $"a {text.Length}-character answer");
    }

    [Fact]
    public async Task UnknownCycleOrParticipantIs404AnotherLaneIs403AndNoKeyIs401BeforeAnUnsupportedType()
    {
        var (api, gb) = await StartAsync();
        await using var _ = api;
        var row = "[{\"commitmentId\":\"BD-1\",\"status\":\"limited\",\"summary\":\"ok\",\"confidentiality\":\"public\"}]";
        await (await SendAsync(gb, Encoding.UTF8.GetBytes(row), "application/json", path: Bulk(cycle: "no-such-cycle"))).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await SendAsync(api.Secretariat(), Encoding.UTF8.GetBytes(row), "application/json", path: Bulk(participant: "XX")))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        await (await SendAsync(gb, Encoding.UTF8.GetBytes(row), "application/json", path: Bulk(participant: "FR"))).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await SendAsync(api.Anonymous(), Encoding.UTF8.GetBytes("<rows/>"), "application/xml")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await SendAsync(api.As("cmt_not-a-key-00000000000000000000000000"), Encoding.UTF8.GetBytes("<rows/>"), "application/xml"))
            .AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await SendAsync(gb, Encoding.UTF8.GetBytes("<rows/>"), "application/xml")).AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        // The same order on a route whose JSON body the framework binds.
        await (await SendAsync(api.Anonymous(), Encoding.UTF8.GetBytes("x"), "text/plain", path: "/v1/updates")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        var unsupported = await (await SendAsync(gb, Encoding.UTF8.GetBytes("x"), "text/plain", path: "/v1/updates")).AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("Unsupported media type", unsupported.Str("title"));
    }

    [Fact]
    public async Task AReplayedUploadIsMarkedAsAReplay()
    {
        var (api, gb) = await StartAsync();
        await using var _ = api;
        var csv = Encoding.UTF8.GetBytes("commitmentId,status,summary,confidentiality\r\nBD-1,limited,Done.,public\r\n");
        var first = await SendAsync(gb, csv, "text/csv", key: "sheet-1");
        await first.AssertOkAsync();
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        var again = await SendAsync(gb, csv, "text/csv", key: "sheet-1");
        await again.AssertOkAsync();
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Single(await gb.AllItemsAsync($"/v1/updates?cycle={Filing.OpenCycle}"));
    }
}

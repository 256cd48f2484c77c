using System.Net;
using System.Net.Http.Json;
using System.Text;
using Commitments.Api.Http;
using Commitments.Tests.Support;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Data.Sqlite;

namespace Commitments.Tests.Http;

/// <summary>Text every format can carry: refused at the door when it is not, and written safely when it was stored before.</summary>
public sealed class CarriableTextTests
{
    // By index: xunit would carry a lone surrogate in theory data as U+FFFD.
    private static readonly string[] UncarriableTexts = ["nul \u0000", "start of heading \u0001", "escape \u001b", "delete \u007f", "c1 \u0085",
        "non-character \uFFFF", "non-character \uFFFE", "non-character \uFDD0", "plane 1 non-character \U0001FFFF", "lone high \ud800 surrogate",
        "lone low \udc00 surrogate", "ends in a high surrogate \ud83d"];

    public static TheoryData<int> Uncarriable => [.. Enumerable.Range(0, UncarriableTexts.Length)];

    [Theory]
    [MemberData(nameof(Uncarriable))]
    public void TheRuleRefusesControlCharactersNonCharactersAndLoneSurrogates(int index)
    {
        var text = UncarriableTexts[index];
        Assert.True(CarriableText.IndexOfUncarriable(text) >= 0);
        Assert.Equal(-1, CarriableText.IndexOfUncarriable(CarriableText.Replace(text)));
        Assert.Contains('\uFFFD', CarriableText.Replace(text));
    }

    [Fact]
    public void TheRuleKeepsTabsLineBreaksAndEveryOtherCharacter()
    {
        const string text = "Tab\there,\r\nnew line; ü, 中文, emoji \ud83d\ude00, U+FFFD \uFFFD, U+FDCF \uFDCF, U+FDF0 \uFDF0, right-to-left \u202e.";
        Assert.Equal(-1, CarriableText.IndexOfUncarriable(text));
        Assert.Same(text, CarriableText.Replace(text));
    }

    [Fact]
    public async Task UpdateContentReviewCommentsAndCatalogueTextRefuseUncarriableTextWithA400NamingTheField()
    {
        await using var api = await TestApi.StartAsync();
        await api.CreateOpenCycleAsync();
        var gb = await api.LiaisonAsync("GB");
        var admin = api.Secretariat();
        foreach (var bad in new[] { "a \u0001 b", "a \uFFFF b" })
        {
            await (await gb.PostAsJsonAsync("/v1/updates", Filing.Body(summary: bad))).AssertProblemAsync(HttpStatusCode.BadRequest, "summary");
            await (await gb.PostAsJsonAsync("/v1/updates", Filing.Body(mainMessage: bad))).AssertProblemAsync(HttpStatusCode.BadRequest, "mainMessage");
            await (await admin.PostAsJsonAsync("/v1/commitments", new { id = "BD-X1", instrument = "BD", paragraphRef = "1", appliesTo = "governments", title = bad }))
                .AssertProblemAsync(HttpStatusCode.BadRequest, "title");
            await (await admin.PatchAsJsonAsync("/v1/participants/GB", new { name = bad })).AssertProblemAsync(HttpStatusCode.BadRequest, "name");
        }
        // A lone surrogate can only be sent escaped: a JSON writer would replace it.
        var lone = System.Text.Json.JsonSerializer.Serialize(Filing.Body(summary: "PLACEHOLDER"), HttpAssertions.Web).Replace("PLACEHOLDER", "a \\ud800 b");
        await (await gb.PostAsync("/v1/updates", HttpAssertions.Json(lone))).AssertProblemAsync(HttpStatusCode.BadRequest, "summary");
        var problem = await (await gb.PostAsJsonAsync("/v1/updates", Filing.Body(summary: "ok \u0001"))).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("U+0001", problem["errors"]!["summary"]![0]!.GetValue<string>());

        var update = (await gb.FileAsync(Filing.Body(submit: true))).Id();
        await (await admin.ReviewAsync(update, new { decision = "return", comment = "Please \u0000 fix." })).AssertProblemAsync(HttpStatusCode.BadRequest, "comment");
        await (await admin.ReviewAsync(update, new { decision = "return", comment = "Please\tfix\r\nthis." })).AssertOkAsync();
        Assert.Single(await gb.AllItemsAsync($"/v1/updates?cycle={Filing.OpenCycle}"));
    }

    [Fact]
    public async Task TextStoredBeforeTheRuleIsWrittenIntoTheTemplateWithReplacementCharactersNotA500()
    {
        await using var api = await TestApi.StartAsync();
        await api.CreateOpenCycleAsync();
        var gb = await api.LiaisonAsync("GB");
        await gb.FileAsync(Filing.Body(summary: "Stored summary"));
        await using (var db = new SqliteConnection(api.Database.ConnectionString))
        {
            await db.OpenAsync();
            await using var command = db.CreateCommand();
            command.CommandText = """
                UPDATE updates SET summary = 'Stored' || char(1) || 'summary' || char(65535);
                UPDATE update_revisions SET summary = 'Stored' || char(1) || 'summary' || char(65535);
                UPDATE commitments SET title = title || char(0) WHERE id = 'BD-1';
                """;
            await command.ExecuteNonQueryAsync();
        }

        foreach (var accept in new[] { HostileUploads.XlsxMediaType, "text/csv" })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/participants/GB/obligations?cycle={Filing.OpenCycle}");
            request.Headers.Accept.ParseAdd(accept);
            var response = await gb.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            string text;
            if (accept == "text/csv") text = Encoding.UTF8.GetString(bytes);
            else
            {
                using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
                text = string.Join("\n", document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>()
                    .Select(c => c.InnerText));
            }
            Assert.Contains("Stored\uFFFDsummary\uFFFD", text);
            Assert.DoesNotContain('\u0001', text);
            Assert.DoesNotContain('\u0000', text);
        }
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Commitments.Api.Http;
using Commitments.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Commitments.Tests.Http;

public sealed class ContentNegotiationTests
{
    private static readonly string[] PackFormats = ["application/json", "text/csv", "text/html"];

    [Theory]
    [InlineData(null, "application/json")]
    [InlineData("application/json, text/csv;q=0.1", "application/json")]
    [InlineData("application/json;q=0.5, text/csv", "text/csv")]
    [InlineData("text/*", "text/csv")]
    [InlineData("text/*;q=0.5, text/html", "text/html")]
    [InlineData("*/*", "application/json")]
    [InlineData("application/json;q=0, */*", "text/csv")]
    [InlineData("text/csv;q=0, text/*", "text/html")]
    [InlineData("TEXT/HTML", "text/html")]
    [InlineData("image/png", null)]
    [InlineData("text/csv;q=0", null)]
    [InlineData("*/*;q=0", null)]
    public void TheBestAcceptableTypeWinsByQualityThenSpecificityThenTheResourcesOrder(string? accept, string? expected)
    {
        var context = new DefaultHttpContext();
        if (accept is not null) context.Request.Headers.Accept = accept;
        Assert.Equal(expected, ContentNegotiation.Choose(context.Request, PackFormats));
    }

    [Fact]
    public async Task AcceptWithLowerQualityCsvStillReturnsJson()
    {
        await using var api = await TestApi.StartAsync();
        var response = await Get(api, "/v1/cycles/seoul-2024/briefing-pack", "application/json, text/csv;q=0.1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Accept", response.Headers.Vary);
        Assert.Equal("seoul-2024", (await response.ReadJsonAsync()).Str("cycleId"));
    }

    [Fact]
    public async Task APreferredCsvIsServedAsCsv()
    {
        await using var api = await TestApi.StartAsync();
        var response = await Get(api, "/v1/cycles/seoul-2024/briefing-pack", "application/json;q=0.5, text/csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("section,", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnUnproducibleTypeIs406ProblemDetails()
    {
        await using var api = await TestApi.StartAsync();
        var body = await (await Get(api, "/v1/cycles/seoul-2024/briefing-pack", "image/png")).AssertProblemAsync(HttpStatusCode.NotAcceptable);
        Assert.Equal(PackFormats, body["available"]!.AsArray().Select(t => t!.GetValue<string>()));
    }

    [Fact]
    public async Task AFrozenPackServesItsJsonCsvOrPageOrSays406()
    {
        await using var api = await TestApi.StartAsync();
        var frozen = await (await api.Secretariat().PostAsJsonAsync("/v1/cycles/seoul-2024/briefing-packs", new { })).AssertOkAsync(HttpStatusCode.Created);
        var href = frozen.Str("href");

        var json = await Get(api, href, "text/plain;q=0.9, application/*;q=0.1");
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"\"{frozen.Str("contentHash")}\"", json.Headers.ETag?.Tag);

        // The CSV and the page are rendered from the frozen bytes, the same every time: each has its own strong tag from the hash.
        var csv = await Get(api, href, "text/csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"\"{frozen.Str("contentHash")}-csv\"", csv.Headers.ETag?.Tag);
        var page = await Get(api, href, "text/html");
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"\"{frozen.Str("contentHash")}-html\"", page.Headers.ETag?.Tag);
        Assert.Contains(frozen.Str("contentHash"), await page.Content.ReadAsStringAsync());

        var xml = await (await Get(api, href, "application/xml")).AssertProblemAsync(HttpStatusCode.NotAcceptable);
        Assert.Equal(["application/json", "text/csv", "text/html"], xml["available"]!.AsArray().Select(t => t!.GetValue<string>()));
    }

    private static Task<HttpResponseMessage> Get(TestApi api, string path, string accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        return api.Secretariat().SendAsync(request);
    }
}

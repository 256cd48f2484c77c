using System.Net;
using Commitments.Tests.Support;

namespace Commitments.Tests.Errors;

/// <summary>
/// Over-long request lines and over-large header sets, against the real server process: TestServer enforces no Kestrel
/// limits, and it is Kestrel's bare 414/431 that these must not get.
/// </summary>
public sealed class RequestHeadLimitTests
{
    [Fact]
    public async Task OversizedRequestLinesAndHeadersAreRefusedWithProblemDocuments()
    {
        var (folder, env) = ApiProcess.FreshSqlite();
        await using var api = await ApiProcess.StartAsync(env, folder);
        using var client = new HttpClient { BaseAddress = api.Address };

        var longLine = new HttpRequestMessage(HttpMethod.Get, "/v1/instruments?padding=" + new string('p', 9 * 1024));
        longLine.Headers.Accept.ParseAdd("text/html");
        await (await client.SendAsync(longLine)).AssertProblemAsync(HttpStatusCode.RequestUriTooLong);

        var bigHeaders = new HttpRequestMessage(HttpMethod.Get, "/v1/instruments");
        bigHeaders.Headers.Accept.ParseAdd("text/csv");
        bigHeaders.Headers.TryAddWithoutValidation("X-Padding", new string('p', 40 * 1024));
        await (await client.SendAsync(bigHeaders)).AssertProblemAsync(HttpStatusCode.RequestHeaderFieldsTooLarge);

        var manyHeaders = new HttpRequestMessage(HttpMethod.Get, "/v1/instruments");
        for (var i = 0; i < 120; i++) manyHeaders.Headers.TryAddWithoutValidation($"X-Header-{i}", "x");
        await (await client.SendAsync(manyHeaders)).AssertProblemAsync(HttpStatusCode.RequestHeaderFieldsTooLarge);

        // Just under the limit is served.
        var nearly = new HttpRequestMessage(HttpMethod.Get, "/v1/instruments");
        nearly.Headers.TryAddWithoutValidation("X-Padding", new string('p', 30 * 1024));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(nearly)).StatusCode);

        Assert.DoesNotContain("   at ", api.Output);
    }
}

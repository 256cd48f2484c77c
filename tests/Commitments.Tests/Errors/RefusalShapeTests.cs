using System.Net;
using System.Net.Http.Headers;
using Commitments.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Commitments.Tests.Errors;

/// <summary>Every refusal is application/problem+json with its status, whatever the Accept header asks for.</summary>
public sealed class RefusalShapeTests
{
    public static TheoryData<string> Accepts => ["text/csv", "text/html", "image/png", "application/xml"];

    [Theory]
    [MemberData(nameof(Accepts))]
    public async Task RefusalsAreProblemDocumentsWhateverTheAccept(string accept)
    {
        var logs = new LogCapture();
        await using var api = await TestApi.StartAsync(services: s => s.AddSingleton<ILoggerProvider>(logs));
        var observer = Accepting(api.As((await api.IssueKeyAsync("observer")).Secret), accept);
        var liaison = Accepting(await api.LiaisonAsync("GB"), accept);
        var anonymous = Accepting(api.Anonymous(), accept);
        logs.Clear();

        await AssertRefusedAsync(Accepting(api.As("cmt_no-such-key-000000000000000000000000000"), accept).GetAsync("/v1/instruments"), HttpStatusCode.Unauthorized);
        await AssertRefusedAsync(observer.GetAsync("/v1/api-keys"), HttpStatusCode.Forbidden);
        await AssertRefusedAsync(liaison.GetAsync("/v1/audit"), HttpStatusCode.Forbidden);
        await AssertRefusedAsync(anonymous.GetAsync("/v1/nowhere"), HttpStatusCode.NotFound);
        await AssertRefusedAsync(anonymous.GetAsync("/v1/commitments/NO-SUCH-1"), HttpStatusCode.NotFound);
        var big = new ByteArrayContent(new byte[300 * 1024]);
        big.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        await AssertRefusedAsync(anonymous.PostAsync("/v1/updates", big), HttpStatusCode.RequestEntityTooLarge);

        var logged = logs.Warnings.Where(e => e.Exception is not null).Select(e => $"{e.Category}: {e.Message}").ToArray();
        Assert.True(logged.Length == 0, "a refusal logged an exception:\n" + string.Join('\n', logged));
    }

    [Theory]
    [MemberData(nameof(Accepts))]
    public async Task TooManyRequestsIsAProblemDocumentWhateverTheAccept(string accept)
    {
        await using var api = await TestApi.StartAsync(settings: new Dictionary<string, string?> { ["RateLimiting:PermitsPerMinute"] = "2" });
        var client = Accepting(api.Anonymous(), accept);
        HttpResponseMessage response;
        var sent = 0;
        do response = await client.GetAsync("/v1/instruments");
        while (response.StatusCode != HttpStatusCode.TooManyRequests && ++sent < 10);
        await AssertRefusedAsync(Task.FromResult(response), HttpStatusCode.TooManyRequests);
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Theory]
    [MemberData(nameof(Accepts))]
    public async Task AnUnexpectedErrorIsAProblemDocumentWhateverTheAccept(string accept)
    {
        var clock = new FailingClock();
        await using var api = await TestApi.StartAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        clock.Fail = true;
        await AssertRefusedAsync(Accepting(api.Secretariat(), accept).GetAsync("/v1/me"), HttpStatusCode.InternalServerError);
    }

    private static HttpClient Accepting(HttpClient client, string accept)
    {
        client.DefaultRequestHeaders.Accept.Clear();
        client.DefaultRequestHeaders.Accept.ParseAdd(accept);
        return client;
    }

    private static async Task AssertRefusedAsync(Task<HttpResponseMessage> request, HttpStatusCode status)
    {
        var body = await (await request).AssertProblemAsync(status);
        Assert.False(string.IsNullOrEmpty(body["traceId"]?.GetValue<string>()), body.ToJsonString());
    }

    private sealed class FailingClock : TimeProvider
    {
        public bool Fail { get; set; }
        public override DateTimeOffset GetUtcNow() => Fail ? throw new InvalidOperationException("clock exploded") : base.GetUtcNow();
    }
}

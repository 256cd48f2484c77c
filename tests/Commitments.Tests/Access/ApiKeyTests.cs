using System.Net;
using System.Net.Http.Json;
using System.Text;
using Commitments.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Commitments.Tests.Access;

public sealed class ApiKeyTests
{
    [Fact]
    public async Task AKeyIsShownOnceListedByPrefixAndSaysWhoItIs()
    {
        await using var api = await TestApi.StartAsync();
        var created = await (await api.Secretariat().PostAsJsonAsync("/v1/api-keys", new { role = "liaison", participantId = "GB", label = "UK DSIT" }))
            .AssertOkAsync(HttpStatusCode.Created);
        var secret = created.Str("secret");
        Assert.StartsWith("cmt_", secret);
        Assert.True(secret.Length >= 4 + 43, "at least 256 random bits");
        var me = await (await api.As(secret).GetAsync("/v1/me")).AssertOkAsync();
        Assert.Equal("liaison", me.Str("role"));
        Assert.Equal("GB", me.Str("participantId"));
        var list = (await (await api.Secretariat().GetAsync("/v1/api-keys")).AssertOkAsync()).ToJsonString();
        Assert.DoesNotContain(secret, list);
        Assert.Contains(secret[..12], list);
    }

    [Fact]
    public async Task ARevokedKeyIsRefusedAtOnce()
    {
        await using var api = await TestApi.StartAsync();
        var (id, secret) = await api.IssueKeyAsync("observer");
        await (await api.As(secret).GetAsync("/v1/me")).AssertOkAsync();
        var revoked = await (await api.Secretariat().DeleteAsync($"/v1/api-keys/{id}")).AssertOkAsync();
        Assert.NotNull(revoked["revokedAt"]);
        var problem = await (await api.As(secret).GetAsync("/v1/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("revoked", problem.Str("detail"));
        await (await api.As(secret).GetAsync("/v1/instruments")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await api.Secretariat().DeleteAsync("/v1/api-keys/00000000-0000-0000-0000-000000000000")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnExpiredKeyIsRefused()
    {
        var clock = new MovableClock(DateTimeOffset.UtcNow);
        await using var api = await TestApi.StartAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        var created = await (await api.Secretariat().PostAsJsonAsync("/v1/api-keys",
            new { role = "observer", label = "short-lived", expiresAt = clock.GetUtcNow().AddHours(1).UtcDateTime })).AssertOkAsync(HttpStatusCode.Created);
        var client = api.As(created.Str("secret"));
        await (await client.GetAsync("/v1/me")).AssertOkAsync();
        clock.Advance(TimeSpan.FromHours(2));
        var problem = await (await client.GetAsync("/v1/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("expired", problem.Str("detail"));
    }

    [Fact]
    public async Task AnUnknownOrMalformedKeyIs401WithAChallenge()
    {
        await using var api = await TestApi.StartAsync();
        foreach (var key in new[] { "cmt_nonsense", "x", new string('k', 500) })
        {
            var response = await api.As(key).GetAsync("/v1/me");
            await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
            Assert.Contains("ApiKey", response.Headers.WwwAuthenticate.ToString());
        }
    }

    [Theory]
    [InlineData("""{"role":"liaison","label":"no participant"}""", "participantId")]
    [InlineData("""{"role":"observer","participantId":"GB","label":"bound observer"}""", "participantId")]
    [InlineData("""{"role":"king","label":"x"}""", "role")]
    [InlineData("""{"role":"observer"}""", "label")]
    [InlineData("""{"role":"observer","label":"x","expiresAt":"2001-01-01T00:00:00Z"}""", "expiresAt")]
    [InlineData("""{"role":"observer","label":"x","expiresAt":"soon"}""", "expiresAt")]
    public async Task ABadKeyRequestNamesTheFieldAndIssuesNothing(string body, string field)
    {
        await using var api = await TestApi.StartAsync();
        await (await api.Secretariat().PostAsync("/v1/api-keys", HttpAssertions.Json(body))).AssertProblemAsync(HttpStatusCode.BadRequest, field);
        var keys = await (await api.Secretariat().GetAsync("/v1/api-keys")).AssertOkAsync();
        Assert.Single(keys["items"]!.AsArray());
    }

    [Fact]
    public async Task AKeyForAnUnknownParticipantIs422AndIssuesNothing()
    {
        await using var api = await TestApi.StartAsync();
        await (await api.Secretariat().PostAsync("/v1/api-keys", HttpAssertions.Json("""{"role":"liaison","participantId":"ZZ","label":"unknown participant"}""")))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "participantId");
        var keys = await (await api.Secretariat().GetAsync("/v1/api-keys")).AssertOkAsync();
        Assert.Single(keys["items"]!.AsArray());
    }

    [Fact]
    public async Task NoKeyIsStoredOrLoggedInPlaintext()
    {
        var logs = new CapturingLoggerProvider();
        string stored;
        List<string> secrets = [TestApi.SecretariatSecret];
        await using (var api = await TestApi.StartAsync(services: s => s.AddSingleton<ILoggerProvider>(logs)))
        {
            var database = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(api.Database.ConnectionString).DataSource;
            foreach (var role in new[] { "observer", "secretariat" }) secrets.Add((await api.IssueKeyAsync(role)).Secret);
            secrets.Add((await api.IssueKeyAsync("liaison", "GB")).Secret);
            foreach (var secret in secrets) await (await api.As(secret).GetAsync("/v1/me")).AssertOkAsync();
            await api.As("cmt_wrong-key-that-should-not-be-logged-either").GetAsync("/v1/me");
            // Read while the host runs (its folder goes with it): the main file and the write-ahead log hold every committed byte.
            var files = Directory.GetFiles(Path.GetDirectoryName(database)!);
            Assert.Contains(files, f => f.EndsWith(".db", StringComparison.Ordinal));
            Assert.Contains(files, f => f.EndsWith(".db-wal", StringComparison.Ordinal));
            stored = string.Concat(files.Select(f => Encoding.Latin1.GetString(File.ReadAllBytes(f))));
        }
        var logged = logs.Text;
        Assert.NotEmpty(logged);
        foreach (var secret in secrets)
        {
            Assert.Contains(secret[..12], stored); // the prefix is stored: these bytes do hold the keys
            Assert.DoesNotContain(secret, stored);
            Assert.DoesNotContain(secret[12..], stored);
            Assert.DoesNotContain(secret, logged);
        }
        Assert.DoesNotContain("cmt_wrong-key-that-should-not-be-logged-either", logged);
    }

    [Fact]
    public async Task TooManyRequestsFromOneKeyGet429WithRetryAfter()
    {
        await using var api = await TestApi.StartAsync(settings: new Dictionary<string, string?> { ["RateLimiting:PermitsPerMinute"] = "30" });
        var client = api.Secretariat();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 20 && limited is null; i++)
        {
            var response = await client.GetAsync("/v1/me");
            if (response.StatusCode == HttpStatusCode.TooManyRequests) limited = response;
        }
        Assert.NotNull(limited);
        await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero || limited.Headers.Contains("Retry-After"));
        // Another key has its own allowance.
        var other = api.As((await IssueDirectlyAsync(api)).Secret);
        await (await other.GetAsync("/v1/me")).AssertOkAsync();
    }

    /// <summary>Issues a key with the limited secretariat key's allowance already spent: through the CLI's path, the mediator.</summary>
    private static async Task<(string Id, string Secret)> IssueDirectlyAsync(TestApi api)
    {
        await using var scope = api.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<Mediator.IMediator>();
        var outcome = await mediator.Send(new Commitments.Api.Features.ApiKeys.CreateApiKey.Command(
            new(Commitments.Domain.Role.Observer, null, "second key", null)));
        return (outcome.Value!.Key.Id, outcome.Value.Secret);
    }
}

public sealed class MovableClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;
    public override DateTimeOffset GetUtcNow() => _now;
    public void Advance(TimeSpan by) => _now += by;
}

public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly StringBuilder _text = new();

    public string Text
    {
        get { lock (_text) return _text.ToString(); }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);
    public void Dispose() { }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner._text) owner._text.AppendLine($"{logLevel} {category}: {formatter(state, exception)} {exception}");
        }
    }
}

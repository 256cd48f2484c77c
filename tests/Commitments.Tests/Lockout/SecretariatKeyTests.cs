using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Commitments.Tests.Access;
using Commitments.Tests.Errors;
using Commitments.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Commitments.Tests.Lockout;

/// <summary>The secretariat cannot lock itself out, and the bootstrap secret lets it back in when every key is gone.</summary>
public sealed class SecretariatKeyTests
{
    /// <summary>A secret of its own, so that no 8 characters of it occur in log text by chance ("secretar…").</summary>
    private static string NewBootstrapSecret() =>
        "cmt_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [Fact]
    public async Task RevokingTheLastActiveSecretariatKeyIsAConflictAndTheKeyStillWorks()
    {
        await using var api = await TestApi.StartAsync();
        var me = await (await api.Secretariat().GetAsync("/v1/me")).AssertOkAsync();
        var problem = await (await api.Secretariat().DeleteAsync($"/v1/api-keys/{me.Str("keyId")}")).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("last active secretariat key", problem.Str("detail"));
        await (await api.Secretariat().GetAsync("/v1/me")).AssertOkAsync();
    }

    [Fact]
    public async Task WithTwoSecretariatKeysOneCanBeRevokedButNotTheOther()
    {
        await using var api = await TestApi.StartAsync();
        var first = (await (await api.Secretariat().GetAsync("/v1/me")).AssertOkAsync()).Str("keyId");
        var (secondId, secondSecret) = await api.IssueKeyAsync("secretariat");
        await (await api.As(secondSecret).DeleteAsync($"/v1/api-keys/{first}")).AssertOkAsync();
        await (await api.Secretariat().GetAsync("/v1/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await api.As(secondSecret).DeleteAsync($"/v1/api-keys/{secondId}")).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await api.As(secondSecret).GetAsync("/v1/me")).AssertOkAsync();
    }

    [Fact]
    public async Task AnExpiredSecretariatKeyDoesNotCountAsTheOneLeft()
    {
        var clock = new MovableClock(DateTimeOffset.UtcNow);
        await using var api = await TestApi.StartAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        var first = (await (await api.Secretariat().GetAsync("/v1/me")).AssertOkAsync()).Str("keyId");
        var created = await (await api.Secretariat().PostAsJsonAsync("/v1/api-keys",
            new { role = "secretariat", label = "short-lived", expiresAt = clock.GetUtcNow().AddHours(1).UtcDateTime })).AssertOkAsync(HttpStatusCode.Created);
        clock.Advance(TimeSpan.FromHours(2));
        await (await api.As(created.Str("secret")).GetAsync("/v1/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await api.Secretariat().DeleteAsync($"/v1/api-keys/{first}")).AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task WhenEverySecretariatKeyIsRevokedOrExpiredTheBootstrapSecretWorksAgainAfterARestart()
    {
        var secret = NewBootstrapSecret();
        var clock = new MovableClock(DateTimeOffset.UtcNow);
        var logs = new LogCapture();
        var settings = new Dictionary<string, string?> { ["COMMITMENTS_BOOTSTRAP_KEY"] = secret };
        await using var api = await TestApi.StartAsync(settings: settings, services: s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            s.AddSingleton<ILoggerProvider>(logs);
        });
        var bootstrapId = (await (await api.As(secret).GetAsync("/v1/me")).AssertOkAsync()).Str("keyId");
        // A second secretariat key that expires in an hour revokes the bootstrap one; then it expires too.
        var created = await (await api.As(secret).PostAsJsonAsync("/v1/api-keys",
            new { role = "secretariat", label = "short-lived", expiresAt = clock.GetUtcNow().AddHours(1).UtcDateTime })).AssertOkAsync(HttpStatusCode.Created);
        await (await api.As(created.Str("secret")).DeleteAsync($"/v1/api-keys/{bootstrapId}")).AssertOkAsync();
        clock.Advance(TimeSpan.FromHours(2));
        await (await api.As(secret).GetAsync("/v1/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await api.As(created.Str("secret")).GetAsync("/v1/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);

        // A restart on the same database with the same (once revoked) secret.
        await using var restarted = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Database:Provider", api.Database.Provider.ToString());
            b.UseSetting("ConnectionStrings:Commitments", api.Database.ConnectionString);
            b.UseSetting("COMMITMENTS_BOOTSTRAP_KEY", secret);
            b.UseEnvironment("Testing");
            b.ConfigureServices(s =>
            {
                s.AddSingleton<TimeProvider>(clock);
                s.AddSingleton<ILoggerProvider>(logs);
            });
        });
        var client = restarted.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", secret);
        var me = await (await client.GetAsync("/v1/me")).AssertOkAsync();
        Assert.Equal("secretariat", me.Str("role"));
        Assert.NotEqual(bootstrapId, me.Str("keyId"));

        // Both starts logged the new key by id, and no 8 characters of the secret anywhere.
        var logged = string.Join("\n", logs.Entries.Select(e => e.Message));
        Assert.Contains(bootstrapId, logged);
        Assert.Contains(me.Str("keyId"), logged);
        var body = secret["cmt_".Length..];
        for (var i = 0; i + 8 <= body.Length; i++) Assert.DoesNotContain(body.Substring(i, 8), logged);
    }
}

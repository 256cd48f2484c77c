using System.Net;
using Commitments.Tests.Support;

namespace Commitments.Tests.Lockout;

/// <summary>Guessing keys is limited per client address, before any lookup; keys known to be valid are always served.</summary>
public sealed class FailedKeyLimitTests
{
    [Fact]
    public async Task AfterTheAllowedFailedKeysFromAnAddressFurtherKeyedRequestsGet429WithRetryAfter()
    {
        await using var api = await TestApi.StartAsync(settings: new Dictionary<string, string?> { ["RateLimiting:FailedKeysPerMinute"] = "5" });
        var unused = await api.IssueKeyAsync("liaison", "GB");
        for (var i = 0; i < 5; i++)
            await (await api.As($"cmt_guess-{i}-0000000000000000000000000000").GetAsync("/v1/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);

        var refused = await api.As("cmt_guess-5-0000000000000000000000000000").GetAsync("/v1/me");
        var problem = await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Contains("keys", problem.Str("detail"));
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, refused.Headers.ToString());
        Assert.True(refused.Headers.RetryAfter!.Delta <= TimeSpan.FromMinutes(1));

        // In-process every client shares one address: a key not known to be valid is refused before it is looked up, even a
        // good one that has not authenticated here yet. Requests without a key are still served.
        await (await api.As(unused.Secret).GetAsync("/v1/me")).AssertProblemAsync(HttpStatusCode.TooManyRequests);
        await (await api.Anonymous().GetAsync("/v1/instruments")).AssertOkAsync();
    }

    [Fact]
    public async Task GoodKeysThatAuthenticatedRecentlyAreServedFromAnAddressThatJustSentAHundredBadOnes()
    {
        await using var api = await TestApi.StartAsync(settings: new Dictionary<string, string?> { ["RateLimiting:FailedKeysPerMinute"] = "20" });
        var secretariat = api.Secretariat();
        var liaison = await api.LiaisonAsync("GB");
        await (await secretariat.GetAsync("/v1/me")).AssertOkAsync();
        await (await liaison.GetAsync("/v1/me")).AssertOkAsync();
        var unused = await api.IssueKeyAsync("liaison", "FR");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 100; i++) statuses.Add((await api.As($"cmt_guess-{i:D3}-00000000000000000000000000").GetAsync("/v1/me")).StatusCode);
        Assert.Equal(20, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(80, statuses.Count(s => s == HttpStatusCode.TooManyRequests));

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("secretariat", (await (await secretariat.GetAsync("/v1/me")).AssertOkAsync()).Str("role"));
            Assert.Equal("GB", (await (await liaison.GetAsync("/v1/me")).AssertOkAsync()).Str("participantId"));
        }
        // Guesses are still limited, and so is a key this instance has not yet seen authenticate.
        await (await api.As("cmt_guess-100-00000000000000000000000000").GetAsync("/v1/me")).AssertProblemAsync(HttpStatusCode.TooManyRequests);
        await (await api.As(unused.Secret).GetAsync("/v1/me")).AssertProblemAsync(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task AKeyRevokedAfterItAuthenticatedIsLimitedLikeAnyOther()
    {
        await using var api = await TestApi.StartAsync(settings: new Dictionary<string, string?> { ["RateLimiting:FailedKeysPerMinute"] = "3" });
        var (id, secret) = await api.IssueKeyAsync("liaison", "GB");
        await (await api.As(secret).GetAsync("/v1/me")).AssertOkAsync();
        await (await api.Secretariat().DeleteAsync($"/v1/api-keys/{id}")).AssertOkAsync();
        await (await api.As(secret).GetAsync("/v1/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        for (var i = 0; i < 3; i++) await api.As($"cmt_guess-{i}-0000000000000000000000000000").GetAsync("/v1/me");
        await (await api.As(secret).GetAsync("/v1/me")).AssertProblemAsync(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task GoodKeysDoNotCountAgainstTheAddress()
    {
        await using var api = await TestApi.StartAsync(settings: new Dictionary<string, string?> { ["RateLimiting:FailedKeysPerMinute"] = "3" });
        for (var i = 0; i < 10; i++) await (await api.Secretariat().GetAsync("/v1/me")).AssertOkAsync();
        await (await api.As("cmt_guess-0000000000000000000000000000000").GetAsync("/v1/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }
}

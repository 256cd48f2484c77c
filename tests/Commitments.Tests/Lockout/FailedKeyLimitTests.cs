using System.Net;
using Commitments.Tests.Support;

namespace Commitments.Tests.Lockout;

/// <summary>Guessing keys is limited per client address, before any lookup.</summary>
public sealed class FailedKeyLimitTests
{
    [Fact]
    public async Task AfterTheAllowedFailedKeysFromAnAddressFurtherKeyedRequestsGet429WithRetryAfter()
    {
        await using var api = await TestApi.StartAsync(settings: new Dictionary<string, string?> { ["RateLimiting:FailedKeysPerMinute"] = "5" });
        for (var i = 0; i < 5; i++)
            await (await api.As($"cmt_guess-{i}-0000000000000000000000000000").GetAsync("/v1/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);

        var refused = await api.As("cmt_guess-5-0000000000000000000000000000").GetAsync("/v1/me");
        var problem = await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Contains("keys", problem.Str("detail"));
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, refused.Headers.ToString());
        Assert.True(refused.Headers.RetryAfter!.Delta <= TimeSpan.FromMinutes(1));

        // In-process every client shares one address, so the good key is refused too: the limit is on the address and is
        // checked before the key is looked up. Requests without a key are still served.
        await (await api.Secretariat().GetAsync("/v1/me")).AssertProblemAsync(HttpStatusCode.TooManyRequests);
        await (await api.Anonymous().GetAsync("/v1/instruments")).AssertOkAsync();
    }

    [Fact]
    public async Task GoodKeysDoNotCountAgainstTheAddress()
    {
        await using var api = await TestApi.StartAsync(settings: new Dictionary<string, string?> { ["RateLimiting:FailedKeysPerMinute"] = "3" });
        for (var i = 0; i < 10; i++) await (await api.Secretariat().GetAsync("/v1/me")).AssertOkAsync();
        await (await api.As("cmt_guess-0000000000000000000000000000000").GetAsync("/v1/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }
}

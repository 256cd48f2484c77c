using System.Net;
using Commitments.Tests.Support;

namespace Commitments.Tests.Trust;

/// <summary>Non-public answers are never stored by a cache; no answer is content-sniffed.</summary>
public sealed class CachingHeaderTests
{
    [Theory]
    [InlineData("/v1/cycles/seoul-2024/briefing-pack")]
    [InlineData("/v1/cycles/seoul-2024/late")]
    [InlineData("/v1/updates")]
    [InlineData("/v1/api-keys")]
    [InlineData("/v1/audit")]
    [InlineData("/v1/participants")]
    [InlineData("/v1/cycles/no-such-cycle/briefing-pack")]
    public async Task AnAnswerToAKeyHolderIsNotStored(string path)
    {
        await using var api = await TestApi.StartAsync();
        var response = await api.Secretariat().GetAsync(path);
        Assert.True(response.Headers.CacheControl?.NoStore, $"{path} answered {(int)response.StatusCode} without no-store");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task ASecretariatRouteRefusedToAnAnonymousCallerIsNotStoredEither()
    {
        await using var api = await TestApi.StartAsync();
        var response = await api.Anonymous().GetAsync("/v1/audit");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task ThePublicCatalogueMayBeCachedButIsNotSniffed()
    {
        await using var api = await TestApi.StartAsync();
        var response = await api.Anonymous().GetAsync("/v1/participants");
        await response.AssertOkAsync();
        Assert.NotEqual(true, response.Headers.CacheControl?.NoStore);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }
}

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Commitments.Tests.Support;

namespace Commitments.Tests.Trust;

/// <summary>An evidence link is stored and shown in the ASCII form a reader can check, and forms that hide the host are refused.</summary>
public sealed class EvidenceUrlTests
{
    private static object Body(string url) => new
    {
        participantId = "GB", commitmentId = "BD-1", cycleId = Filing.OpenCycle, status = "substantial", summary = "s",
        evidence = new[] { new { url, title = "t" } }, confidentiality = "public",
    };

    [Fact]
    public async Task ALookAlikeHostIsStoredInItsPunycodeForm()
    {
        await using var api = await TestApi.StartAsync();
        await api.CreateOpenCycleAsync();
        var gb = await api.LiaisonAsync("GB");
        const string lookAlike = "g\u043Ev.uk"; // a Cyrillic о
        var filed = await gb.FileAsync(Body($"https://{lookAlike}/report"));
        var expected = $"https://{new IdnMapping().GetAscii(lookAlike)}/report";
        Assert.StartsWith("https://xn--", expected);
        Assert.Equal(expected, filed["evidence"]![0]!.Str("url"));
        var read = await (await gb.GetAsync($"/v1/updates/{filed.Id()}")).AssertOkAsync();
        Assert.Equal(expected, read["evidence"]![0]!.Str("url"));
    }

    [Theory]
    [InlineData(@"https:\\evil.example\gov.uk")]
    [InlineData("https://www.gov.uk@evil.example/report")]
    [InlineData("https://user:pass@gov.uk/report")]
    [InlineData("https:///report")]
    [InlineData("/relative/report")]
    [InlineData("javascript:alert(1)")]
    public async Task AnAddressThatHidesItsHostIsRefused(string url)
    {
        await using var api = await TestApi.StartAsync();
        await api.CreateOpenCycleAsync();
        var gb = await api.LiaisonAsync("GB");
        await (await gb.PostAsJsonAsync("/v1/updates", Body(url))).AssertProblemAsync(HttpStatusCode.BadRequest, "evidence[0].url");
    }
}

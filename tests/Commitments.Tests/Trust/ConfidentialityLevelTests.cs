using System.Net;
using System.Net.Http.Json;
using Commitments.Tests.Support;

namespace Commitments.Tests.Trust;

/// <summary>
/// Three confidentiality levels, every endpoint and format: governments-level content reaches the secretariat, the participant
/// and liaisons of governments and international organisations; restricted content the secretariat and the participant only.
/// An observer, a company's liaison, another participant's liaison and an anonymous caller never read a word above their level.
/// </summary>
public sealed class ConfidentialityLevelTests
{
    private const string GovernmentsWords = "Zephyrine bilateral testing arrangement";
    private const string GovernmentsComment = "Quillon: overstated, say the reviewers";
    private const string RestrictedWords = "Marrowfield evaluation budget not agreed";
    private const string RestrictedComment = "Thistledown: the ministry disputes this";
    private static readonly string[] Governments = [GovernmentsWords, GovernmentsComment];
    private static readonly string[] Restricted = [RestrictedWords, RestrictedComment];

    private static HttpRequestMessage Get(string path, string accept = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd(accept);
        return request;
    }

    [Fact]
    public async Task EachLevelReachesOnlyItsReadersInEveryEndpointAndFormat()
    {
        await using var api = await TestApi.StartAsync();
        await api.CreateOpenCycleAsync();
        var admin = api.Secretariat();
        var gb = await api.LiaisonAsync("GB");
        var governments = (await gb.FileAsync(Filing.Body(commitment: "BD-1", confidentiality: "governments", submit: true,
            summary: GovernmentsWords, mainMessage: GovernmentsWords))).Id();
        var restricted = (await gb.FileAsync(Filing.Body(commitment: "BD-2", confidentiality: "restricted", submit: true,
            summary: RestrictedWords, mainMessage: RestrictedWords))).Id();
        await (await admin.ReviewAsync(governments, new { decision = "accept", comment = GovernmentsComment, assessedStatus = "limited" })).AssertOkAsync();
        await (await admin.ReviewAsync(restricted, new { decision = "accept", comment = RestrictedComment, assessedStatus = "limited" })).AssertOkAsync();
        await (await admin.PutAsJsonAsync($"/v1/cycles/{Filing.OpenCycle}/speakers", new { participantIds = new[] { "GB", "FR" } })).AssertOkAsync();

        var readers = new Dictionary<string, (HttpClient Client, string? Own, bool ReadsGovernments)>
        {
            ["observer"] = (api.As((await api.IssueKeyAsync("observer")).Secret), null, false),
            ["anonymous"] = (api.Anonymous(), null, false),
            ["company liaison (anthropic)"] = (await api.LiaisonAsync("anthropic"), "anthropic", false),
            ["government liaison (FR)"] = (await api.LiaisonAsync("FR"), "FR", true),
            ["international organisation liaison (EU)"] = (await api.LiaisonAsync("EU"), "EU", true),
        };
        string[] paths =
        [
            "/v1/updates?limit=200", $"/v1/updates?cycle={Filing.OpenCycle}&participant=GB", $"/v1/updates/{governments}", $"/v1/updates/{restricted}",
            $"/v1/updates/{governments}/revisions", $"/v1/updates/{restricted}/revisions",
            .. Enumerable.Range(1, 3).SelectMany(n => new[] { $"/v1/updates/{governments}/revisions/{n}", $"/v1/updates/{restricted}/revisions/{n}" }),
            $"/v1/cycles/{Filing.OpenCycle}/speakers", $"/v1/participants/GB/digest?cycle={Filing.OpenCycle}",
            .. new[] { "coverage", "late", "briefing-pack", "briefing-pack?audience=governments" }.Select(r => $"/v1/cycles/{Filing.OpenCycle}/{r}"),
        ];
        foreach (var (name, (client, own, readsGovernments)) in readers)
        {
            List<string> bodies = [];
            foreach (var path in paths.Concat(own is null ? [] : [$"/v1/participants/{own}/digest?cycle={Filing.OpenCycle}"]))
                foreach (var accept in new[] { "application/json", "text/csv", "text/html" })
                    bodies.Add(await (await client.SendAsync(Get(path, accept))).Content.ReadAsStringAsync());
            var all = string.Join("\n", bodies);
            foreach (var word in Restricted) Assert.False(all.Contains(word), $"{name} read restricted content: {word}");
            foreach (var word in Governments) Assert.True(readsGovernments == all.Contains(word), $"{name}: governments-level content read: {!readsGovernments}");
            if (readsGovernments)
            {
                Assert.Contains(GovernmentsWords, await (await client.GetAsync($"/v1/updates/{governments}")).Content.ReadAsStringAsync());
                await (await client.GetAsync($"/v1/updates/{restricted}")).AssertProblemAsync(HttpStatusCode.NotFound);
            }
        }

        // Packs pulled by the secretariat for each audience, in every format, live and frozen.
        async Task<string> Pack(string audience)
        {
            var frozen = await (await admin.PostAsJsonAsync($"/v1/cycles/{Filing.OpenCycle}/briefing-packs", new { audience })).AssertOkAsync(HttpStatusCode.Created);
            List<string> bodies = [];
            foreach (var accept in new[] { "application/json", "text/csv", "text/html" })
            {
                bodies.Add(await (await admin.SendAsync(Get($"/v1/cycles/{Filing.OpenCycle}/briefing-pack?audience={audience}", accept))).Content.ReadAsStringAsync());
                bodies.Add(await (await admin.SendAsync(Get(frozen.Str("href"), accept))).Content.ReadAsStringAsync());
            }
            return string.Join("\n", bodies);
        }
        var publicPack = await Pack("public");
        foreach (var word in Governments.Concat(Restricted)) Assert.DoesNotContain(word, publicPack);
        var governmentsPack = await Pack("governments");
        foreach (var word in Governments) Assert.Contains(word, governmentsPack);
        foreach (var word in Restricted) Assert.DoesNotContain(word, governmentsPack);
        var secretariatPack = await Pack("secretariat");
        foreach (var word in Governments.Concat(Restricted)) Assert.Contains(word, secretariatPack);
    }
}

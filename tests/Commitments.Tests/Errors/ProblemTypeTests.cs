using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Commitments.Api.Errors;
using Commitments.Tests.Support;

namespace Commitments.Tests.Errors;

/// <summary>Each kind of refusal carries its own stable type, so a client branches on type rather than on English text.</summary>
public sealed class ProblemTypeTests
{
    private static async Task<JsonNode> Refused(HttpResponseMessage response, HttpStatusCode status, ProblemType type)
    {
        var body = await response.AssertProblemAsync(status);
        Assert.Equal(type.Uri, body["type"]!.GetValue<string>());
        Assert.Equal(type.Status, (int)status);
        foreach (var member in type.Extensions) Assert.True(body[member] is not null, $"{type.Slug} lacks {member}: {body.ToJsonString()}");
        return body;
    }

    [Fact]
    public async Task EachRefusalOfTheFilingWorkflowCarriesItsType()
    {
        await using var api = await TestApi.StartAsync();
        await api.CreateOpenCycleAsync();
        var gb = await api.LiaisonAsync("GB");
        var filed = await gb.FileAsync(Filing.Body());
        var id = filed.Id();

        await Refused(await gb.PostAsJsonAsync("/v1/updates", Filing.Body()), HttpStatusCode.Conflict, ProblemTypes.AlreadyFiled);
        await Refused(await gb.PostAsJsonAsync("/v1/updates", Filing.Body(commitment: "FAISC-I")), HttpStatusCode.UnprocessableEntity, ProblemTypes.NotAnObligation);
        await Refused(await gb.PostAsJsonAsync("/v1/updates", Filing.Body(commitment: "BD-99")), HttpStatusCode.UnprocessableEntity, ProblemTypes.UnknownReference);
        await Refused(await gb.PostAsJsonAsync("/v1/updates", Filing.Body(summary: "")), HttpStatusCode.BadRequest, ProblemTypes.InvalidRequest);
        await Refused(await gb.SendAsync(Filing.Put(id, Filing.Content(), null)), (HttpStatusCode)428, ProblemTypes.RevisionRequired);
        await Refused(await gb.SendAsync(Filing.Put(id, Filing.Content(), "\"7\"")), HttpStatusCode.PreconditionFailed, ProblemTypes.StaleRevision);
        await gb.PostAsync($"/v1/updates/{id}/withdraw", null);
        var illegal = await Refused(await gb.PostAsync($"/v1/updates/{id}/withdraw", null), HttpStatusCode.Conflict, ProblemTypes.IllegalTransition);
        Assert.Equal("withdrawn", illegal["currentState"]!.GetValue<string>());
        await Refused(await gb.GetAsync($"/v1/updates/{Guid.NewGuid()}"), HttpStatusCode.NotFound, ProblemTypes.NotFound);
        await Refused(await api.Anonymous().GetAsync("/v1/updates"), HttpStatusCode.Unauthorized, ProblemTypes.Unauthenticated);
        await Refused(await gb.PostAsJsonAsync("/v1/cycles", new { id = "x-2030", title = "X" }), HttpStatusCode.Forbidden, ProblemTypes.Forbidden);

        var first = new HttpRequestMessage(HttpMethod.Post, "/v1/updates") { Content = JsonContent.Create(Filing.Body(commitment: "BD-2")) };
        first.Headers.Add("Idempotency-Key", "types-1");
        await (await gb.SendAsync(first)).AssertOkAsync(HttpStatusCode.Created);
        var other = new HttpRequestMessage(HttpMethod.Post, "/v1/updates") { Content = JsonContent.Create(Filing.Body(commitment: "BD-3")) };
        other.Headers.Add("Idempotency-Key", "types-1");
        await Refused(await gb.SendAsync(other), HttpStatusCode.UnprocessableEntity, ProblemTypes.IdempotencyKeyReused);
    }

    [Fact]
    public async Task EveryTypeIsListedInTheDocumentAndTheReadme()
    {
        await using var api = await TestApi.StartAsync();
        var description = JsonNode.Parse(await api.Anonymous().GetStringAsync("/swagger/v1/swagger.json"))!["info"]!["description"]!.GetValue<string>();
        var readme = await File.ReadAllTextAsync(Path.Combine(Repo.Root, "README.md"));
        Assert.Equal(ProblemTypes.All.Count, ProblemTypes.All.Select(t => t.Uri).Distinct().Count());
        foreach (var type in ProblemTypes.All)
        {
            Assert.Contains($"| {type.Uri} | {type.Status} |", description);
            Assert.Contains($"\"type\":\"{type.Uri}\"", description);
            Assert.Contains($"`{type.Slug}`", readme);
        }
    }

    /// <summary>A request with a key sees its allowance (draft-ietf-httpapi-ratelimit-headers); one without a key gets none.</summary>
    [Fact]
    public async Task AKeyedResponseCarriesItsRateLimitAllowance()
    {
        await using var api = await TestApi.StartAsync(settings: new Dictionary<string, string?> { ["RateLimiting:PermitsPerMinute"] = "600" });
        var client = api.Secretariat();
        var left = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            var response = await client.GetAsync("/v1/me");
            Assert.Equal("\"per-key\";q=100;w=10", response.Headers.GetValues("RateLimit-Policy").Single());
            left.Add(int.Parse(response.Headers.GetValues("RateLimit").Single().Split(';')[1][2..], System.Globalization.CultureInfo.InvariantCulture));
        }
        // Each request takes a permit; the 10 s window may refill the bucket between two of them on a loaded machine, not between all.
        Assert.All(left, r => Assert.InRange(r, 0, 100));
        Assert.True(left.Zip(left.Skip(1)).Any(p => p.Second == p.First - 1), $"r went {string.Join(", ", left)}");
        Assert.False((await api.Anonymous().GetAsync("/v1/instruments")).Headers.Contains("RateLimit"));
    }
}

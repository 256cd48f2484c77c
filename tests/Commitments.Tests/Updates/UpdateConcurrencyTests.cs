using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Commitments.Tests.Support;

namespace Commitments.Tests.Updates;

public sealed class UpdateConcurrencyTests
{
    [Fact]
    public async Task TwentyParallelAmendmentsWithTheSameIfMatchLetExactlyOneThrough()
    {
        await using var api = await TestApi.StartAsync();
        await api.CreateOpenCycleAsync();
        var gb = await api.LiaisonAsync("GB");
        var id = (await gb.FileAsync(Filing.Body())).Id();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            gb.SendAsync(Filing.Put(id, Filing.Content(summary: $"writer {i}"), "\"1\""))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(19, responses.Count(r => r.StatusCode == HttpStatusCode.PreconditionFailed));
        var winner = await responses.Single(r => r.StatusCode == HttpStatusCode.OK).ReadJsonAsync();
        var revisions = await gb.AllItemsAsync($"/v1/updates/{id}/revisions");
        Assert.Equal([1, 2], revisions.Select(r => r!["number"]!.GetValue<int>()));
        Assert.Equal(winner.Str("summary"), revisions[1]!.Str("summary"));
    }

    [Fact]
    public async Task TwentyParallelFilingsWithOneIdempotencyKeyCreateOneUpdate()
    {
        await using var api = await TestApi.StartAsync();
        await api.CreateOpenCycleAsync();
        var gb = await api.LiaisonAsync("GB");

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/v1/updates") { Content = JsonContent.Create(Filing.Body()) };
            request.Headers.Add("Idempotency-Key", "gb-bd1-2026-11");
            return gb.SendAsync(request);
        }));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.ReadJsonAsync()).Id()));
        Assert.Single(ids.Distinct());
        Assert.Equal(19, responses.Count(r => r.Headers.Contains("Idempotent-Replayed")));
        var list = await (await api.Secretariat().GetAsync("/v1/updates")).AssertOkAsync();
        Assert.Equal([ids[0]], list["items"]!.AsArray().Select(n => n!.Id()));
    }

    [Fact]
    public async Task AnIdempotencyKeyReusedWithAnotherBodyIsRefused()
    {
        await using var api = await TestApi.StartAsync();
        await api.CreateOpenCycleAsync();
        var gb = await api.LiaisonAsync("GB");
        HttpRequestMessage Post(object body)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/v1/updates") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", "k-1");
            return request;
        }
        var first = await (await gb.SendAsync(Post(Filing.Body()))).AssertOkAsync(HttpStatusCode.Created);
        var replay = await gb.SendAsync(Post(Filing.Body()));
        Assert.Equal(first.ToJsonString(), (await replay.AssertOkAsync(HttpStatusCode.Created)).ToJsonString());
        Assert.Equal($"/v1/updates/{first.Id()}", replay.Headers.Location!.ToString());
        await (await gb.SendAsync(Post(Filing.Body(summary: "different")))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        // A different key is a different request: the obligation already has an update.
        await (await gb.PostAsJsonAsync("/v1/updates", Filing.Body(summary: "different"))).AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task PagingReturnsEachUpdateOnceInAStableOrder()
    {
        await using var api = await TestApi.StartAsync();
        for (var c = 0; c < 3; c++) await api.CreateOpenCycleAsync($"cycle-{c}");
        var gb = await api.LiaisonAsync("GB");
        List<string> filed = [];
        foreach (var cycle in Enumerable.Range(0, 3).Select(c => $"cycle-{c}"))
            foreach (var commitment in new[] { "BD-1", "BD-2", "BD-7b", "BD-5", "BD-6", "BD-7", "BD-7c" })
                filed.Add((await gb.FileAsync(Filing.Body(commitment: commitment, cycle: cycle, submit: true))).Id());

        List<string> seen = [];
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await (await api.Secretariat().GetAsync("/v1/updates?limit=4" + (cursor is null ? "" : $"&cursor={cursor}"))).AssertOkAsync();
            seen.AddRange(page["items"]!.AsArray().Select(n => n!.Id()));
            cursor = page["next"]?.GetValue<string>();
            pages++;
        }
        while (cursor is not null && pages < 20);

        Assert.Equal(filed.Order(StringComparer.Ordinal), seen); // 21 updates, each once, in id order
        Assert.Equal(6, pages);
    }

    [Fact]
    [Trait("Category", "Drill")] // a thousand filings; PagingReturnsEachUpdateOnceInAStableOrder is its inner-loop size
    public async Task PagingThroughAThousandUpdatesReturnsEachOnceInAStableOrder()
    {
        await using var api = await TestApi.StartAsync();
        var admin = api.Secretariat();
        // GB has 23 obligations per cycle (12 BD, 9 ST, CS-2 and CS-3): 44 cycles give 1,012 distinct obligations.
        const int cycles = 44, expected = 44 * 23;
        for (var c = 0; c < cycles; c++) await api.CreateOpenCycleAsync($"cycle-{c:00}");
        var obligations = (await (await api.Anonymous().GetAsync("/v1/participants/GB/obligations?cycle=cycle-00")).AssertOkAsync())["commitments"]!
            .AsArray().Select(n => n!.Id()).ToList();
        Assert.Equal(23, obligations.Count);
        var gb = await api.LiaisonAsync("GB");
        List<string> filed = [];
        foreach (var cycle in Enumerable.Range(0, cycles).Select(c => $"cycle-{c:00}"))
        {
            var batch = await Task.WhenAll(obligations.Select(o => gb.FileAsync(Filing.Body(commitment: o, cycle: cycle, submit: true))));
            filed.AddRange(batch.Select(b => b.Id()));
        }

        List<string> seen = [];
        string? cursor = null;
        var pages = 0;
        do
        {
            var response = await admin.GetAsync("/v1/updates?limit=50" + (cursor is null ? "" : $"&cursor={cursor}"));
            var page = await response.AssertOkAsync();
            var items = page["items"]!.AsArray();
            Assert.True(items.Count <= 50);
            seen.AddRange(items.Select(n => n!.Id()));
            cursor = page["next"]?.GetValue<string>();
            if (cursor is not null) Assert.Contains("rel=\"next\"", response.Headers.GetValues("Link").Single());
            pages++;
        }
        while (cursor is not null && pages < 100);

        Assert.Equal(expected, seen.Count);
        Assert.Equal(expected, seen.Distinct().Count());
        Assert.Equal(filed.Order(StringComparer.Ordinal), seen);
        Assert.Equal((expected + 49) / 50, pages);
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Commitments.Tests.Support;
using Xunit.Abstractions;

namespace Commitments.Tests.Production;

/// <summary>
/// Two real API processes on one SQLite file (WAL lets several processes share it): filings whose retries with the same
/// Idempotency-Key go to the other instance, amendments racing with the same If-Match on both, and one instance killed
/// mid-load. Nothing that correctness depends on may live in one process: afterwards 0 lost, 0 duplicated, 0 torn.
/// </summary>
[Trait("Category", "Drill")] // two real processes, one killed
public sealed class TwoInstanceDrill(ITestOutputHelper output)
{
    private const string Secret = "cmt_two-instance-drill-secretariat-key-00000000";
    private static readonly string[] Participants = ["GB", "FR", "DE", "IT", "JP", "CA", "AU", "KR"];
    private static readonly string[] Commitments = ["BD-1", "BD-2", "BD-5", "BD-6", "BD-7", "BD-7b", "BD-7c", "BD-7d"];

    private static HttpClient Client(ApiProcess api)
    {
        var client = new HttpClient { BaseAddress = api.Address, Timeout = TimeSpan.FromSeconds(20) };
        client.DefaultRequestHeaders.Add("X-Api-Key", Secret);
        return client;
    }

    private static HttpRequestMessage Filing(int slot, string key)
    {
        var body = Support.Filing.Body(participant: Participants[slot / Commitments.Length], commitment: Commitments[slot % Commitments.Length],
            cycle: "two-instances", submit: true, summary: $"slot {slot}");
        return new HttpRequestMessage(HttpMethod.Post, "/v1/updates") { Content = JsonContent.Create(body), Headers = { { "Idempotency-Key", key } } };
    }

    [Fact]
    public async Task TwoInstancesOnOneFileLoseNothingDuplicateNothingAndAnswerEachRetryWithTheFirstResponse()
    {
        var (folder, env) = ApiProcess.FreshSqlite();
        env["COMMITMENTS_BOOTSTRAP_KEY"] = Secret;
        env["RateLimiting__PermitsPerMinute"] = "1000000";
        env["Database__MigrateAtStart"] = "false";
        // The drill counts what is lost, duplicated or torn, not how long a write waits: two processes take turns at one
        // SQLite writer by polling its lock, so on a loaded machine a write may wait past the default 5 s (a 503 the drill
        // would have to retry). It waits up to 30 s instead.
        env["ConnectionStrings__Commitments"] = env["ConnectionStrings__Commitments"].Replace("Default Timeout=5", "Default Timeout=30");
        var (exit, log) = await ApiProcess.RunToExitAsync(env, folder, "migrate");
        Assert.True(exit == 0, log);
        await using var a = await ApiProcess.StartAsync(env, folder);
        await using var b = await ApiProcess.StartAsync(env, folder); // killed midway below; disposed here too if the test fails first
        using var clientA = Client(a);
        using var clientB = Client(b);
        await (await clientA.PostAsJsonAsync("/v1/cycles", new
        {
            id = "two-instances", title = "Two instances", opensAt = DateTime.UtcNow.AddDays(-1), dueAt = DateTime.UtcNow.AddDays(30),
            graceUntil = DateTime.UtcNow.AddDays(40), state = "open", instruments = new[] { "BD" },
        })).AssertOkAsync(HttpStatusCode.Created);

        var acknowledged = new ConcurrentDictionary<int, string>(); // slot -> update id answered with a 2xx
        var slots = Participants.Length * Commitments.Length;

        // Phase 1: each filing goes to one instance and its retry, with the same key, to the other: the first answer comes back.
        await Parallel.ForEachAsync(Enumerable.Range(0, slots / 2), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (slot, ct) =>
        {
            var (first, second) = slot % 2 == 0 ? (clientA, clientB) : (clientB, clientA);
            var created = await (await first.SendAsync(Filing(slot, $"slot-{slot}"), ct)).AssertOkAsync(HttpStatusCode.Created);
            acknowledged[slot] = created.Str("id");
            var retry = await second.SendAsync(Filing(slot, $"slot-{slot}"), ct);
            var replayed = await retry.AssertOkAsync(HttpStatusCode.Created);
            Assert.Equal(created.Str("id"), replayed.Str("id"));
            Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        });

        // Phase 2: the same amendment, based on revision 1 (filed submitted), sent to both at once: one wins, the other is 412.
        var raced = acknowledged.OrderBy(s => s.Key).Take(16).Select(s => s.Value).ToList();
        await Parallel.ForEachAsync(raced, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, ct) =>
        {
            Task<HttpResponseMessage> Amend(HttpClient client)
            {
                var request = new HttpRequestMessage(HttpMethod.Put, $"/v1/updates/{id}") { Content = JsonContent.Create(Support.Filing.Content(summary: "amended")) };
                request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
                return client.SendAsync(request, ct);
            }
            var answers = await Task.WhenAll(Amend(clientA), Amend(clientB));
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], answers.Select(r => r.StatusCode).Order());
        });

        // Phase 3: the rest of the filings spread over both while B is killed; what B did not answer is retried on A, same key.
        var killed = 0;
        var retriedOnA = 0;
        await Parallel.ForEachAsync(Enumerable.Range(slots / 2, slots - slots / 2), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (slot, ct) =>
        {
            if (slot == slots / 2 + 8 && Interlocked.Exchange(ref killed, 1) == 0) b.Kill();
            var target = slot % 2 == 0 ? clientA : clientB;
            JsonNode? answer = null;
            try
            {
                var response = await target.SendAsync(Filing(slot, $"slot-{slot}"), ct);
                if (response.StatusCode == HttpStatusCode.Created) answer = await response.ReadJsonAsync();
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // B died with the request in flight: it may or may not have been written. The retry says which.
            }
            if (answer is null)
            {
                Interlocked.Increment(ref retriedOnA);
                answer = await (await clientA.SendAsync(Filing(slot, $"slot-{slot}"), ct)).AssertOkAsync(HttpStatusCode.Created);
            }
            acknowledged[slot] = answer.Str("id");
        });
        await b.DisposeAsync();

        // Afterwards, read through the survivor: every acknowledged filing is there once, with gapless, untorn revisions.
        var all = await clientA.AllItemsAsync("/v1/updates?cycle=two-instances");
        var stored = all.Select(u => u!.Str("id")).ToHashSet();
        var lost = acknowledged.Values.Count(id => !stored.Contains(id));
        var duplicated = all.Count - all.Select(u => (u!.Str("participantId"), u.Str("commitmentId"))).Distinct().Count();
        var torn = 0;
        foreach (var update in all.Select(u => u!))
        {
            var revisions = await clientA.AllItemsAsync($"/v1/updates/{update.Str("id")}/revisions");
            var numbers = revisions.Select(r => r!["number"]!.GetValue<int>()).ToList();
            Assert.Equal(Enumerable.Range(1, numbers.Count), numbers);
            var last = revisions[^1]!;
            if (last.Str("summary") != update.Str("summary") || numbers[^1] != update["revision"]!.GetValue<int>()) torn++;
        }
        output.WriteLine($"{acknowledged.Count} filings acknowledged, {stored.Count} stored, {retriedOnA} retried on A after B was killed; "
            + $"{lost} lost, {duplicated} duplicated, {torn} torn");
        Assert.Equal(slots, acknowledged.Count);
        Assert.Equal(slots, stored.Count);
        Assert.Equal(0, lost);
        Assert.Equal(0, duplicated);
        Assert.Equal(0, torn);
    }
}

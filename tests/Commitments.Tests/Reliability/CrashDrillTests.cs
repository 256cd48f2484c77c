using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Commitments.Tests.Support;
using Xunit.Abstractions;

namespace Commitments.Tests.Reliability;

/// <summary>
/// The real API on a SQLite file under concurrent durable writes, killed with SIGKILL mid-load and restarted, five
/// times. Every write that got a 2xx must be there with the content sent; nothing may be half-written; retries with
/// the same idempotency key must not duplicate; revision numbers must have no gaps.
/// </summary>
[Trait("Category", "Drill")] // kills the real process under load, five times
public sealed class CrashDrillTests(ITestOutputHelper output)
{
    private const string Secret = "cmt_crash-drill-secretariat-key-0000000000000";
    private const int Rounds = 5;
    private const int Workers = 8;
    private const int WritesPerRound = 70;

    private sealed record Slot(int Number, string Participant, string Commitment, string Cycle)
    {
        public string Key => $"slot-{Number}";
        public object Body => Filing.Body(participant: Participant, commitment: Commitment, cycle: Cycle, submit: true, summary: $"created {Number}");
    }

    private sealed class Ledger
    {
        public readonly ConcurrentDictionary<string, (Slot Slot, string Id)> Created = new();
        public readonly ConcurrentDictionary<(string Id, int Revision), string> Amended = new();
        public readonly ConcurrentDictionary<string, int> KnownRevision = new();
        public readonly ConcurrentQueue<Slot> Unknown = new();
        public int Refused;
    }

    [Fact]
    public async Task KillingTheProcessMidLoadLosesNothingAcknowledged()
    {
        var (folder, env) = ApiProcess.FreshSqlite();
        env["COMMITMENTS_BOOTSTRAP_KEY"] = Secret;
        env["RateLimiting__PermitsPerMinute"] = "1000000";
        var slots = new ConcurrentQueue<Slot>();
        var ledger = new Ledger();

        await using (var first = await ApiProcess.StartAsync(env, folder))
        {
            using var admin = Client(first);
            var number = 0;
            for (var c = 0; c < 3; c++)
            {
                var cycle = $"drill-{c}";
                await (await admin.PostAsJsonAsync("/v1/cycles", new
                {
                    id = cycle, title = cycle, opensAt = DateTime.UtcNow.AddDays(-1), dueAt = DateTime.UtcNow.AddDays(30),
                    graceUntil = DateTime.UtcNow.AddDays(40), state = "open", instruments = new[] { "BD", "ST" },
                })).AssertOkAsync(HttpStatusCode.Created);
                foreach (var participant in new[] { "GB", "FR", "DE", "JP", "KR", "US", "CA", "IT", "AU", "SG", "EU", "BR", "IN", "KE", "NG" })
                {
                    var obligations = (await (await admin.GetAsync($"/v1/participants/{participant}/obligations?cycle={cycle}")).AssertOkAsync())["commitments"]!;
                    foreach (var commitment in obligations.AsArray()) slots.Enqueue(new Slot(number++, participant, commitment!.Id(), cycle));
                }
            }
        }

        var random = new Random(20240521);
        for (var round = 1; round <= Rounds; round++)
        {
            await using var api = await ApiProcess.StartAsync(env, folder);
            using var stop = new CancellationTokenSource();
            var workers = Enumerable.Range(0, Workers).Select(w => Work(api, slots, ledger, new Random(round * 100 + w), stop.Token)).ToArray();
            // Kill once this round has had its share of acknowledged writes, not after a fixed time: on a loaded machine
            // a fixed time saw too few writes to mean anything. Then a random moment more, so the kill lands mid-write.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (ledger.Created.Count + ledger.Amended.Count < round * WritesPerRound && DateTime.UtcNow < deadline && !workers.All(w => w.IsCompleted))
                await Task.Delay(20);
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(300)));
            api.Kill(); // SIGKILL: no chance to flush or finish anything
            stop.Cancel();
            await Task.WhenAll(workers);
        }

        await using var final = await ApiProcess.StartAsync(env, folder);
        using var client = Client(final);
        var duplicated = 0;
        // Retry every request whose outcome was unknown, and some acknowledged ones, with the same key and body.
        var retries = ledger.Unknown.ToList().Concat(ledger.Created.Values.Take(50).Select(c => c.Slot)).ToList();
        foreach (var slot in retries)
        {
            var response = await Post(client, slot);
            if (response.StatusCode != HttpStatusCode.Created) { duplicated++; continue; }
            var id = (await response.ReadJsonAsync()).Id();
            if (ledger.Created.TryGetValue(slot.Key, out var known) && known.Id != id) duplicated++;
            ledger.Created.TryAdd(slot.Key, (slot, id));
        }

        var lost = 0;
        var torn = 0;
        foreach (var (slot, id) in ledger.Created.Values)
        {
            var update = await client.GetAsync($"/v1/updates/{id}");
            if (update.StatusCode != HttpStatusCode.OK) { lost++; continue; }
            var current = (await update.ReadJsonAsync())["revision"]!.GetValue<int>();
            var revisions = await client.AllItemsAsync($"/v1/updates/{id}/revisions");
            var numbers = revisions.Select(r => r!["number"]!.GetValue<int>()).ToList();
            if (!numbers.SequenceEqual(Enumerable.Range(1, numbers.Count)) || numbers[^1] != current) torn++;
            if (revisions[0]!.Str("summary") != $"created {slot.Number}") lost++;
        }
        foreach (var ((id, revision), summary) in ledger.Amended)
        {
            var response = await client.GetAsync($"/v1/updates/{id}/revisions/{revision}");
            if (response.StatusCode != HttpStatusCode.OK || (await response.ReadJsonAsync()).Str("summary") != summary) lost++;
        }
        // Nothing exists that the ledger cannot account for: one update per attempted slot at most.
        var total = 0;
        string? cursor = null;
        do
        {
            var page = await (await client.GetAsync("/v1/updates?limit=200" + (cursor is null ? "" : $"&cursor={cursor}"))).AssertOkAsync();
            total += page["items"]!.AsArray().Count;
            cursor = page["next"]?.GetValue<string>();
        }
        while (cursor is not null);
        if (total != ledger.Created.Count) duplicated += Math.Abs(total - ledger.Created.Count);

        var acknowledged = ledger.Created.Count - ledger.Unknown.Count(u => !ledger.Created.ContainsKey(u.Key)) + ledger.Amended.Count;
        var summaryLine = $"crash drill: {Rounds} kill/restart rounds, {ledger.Created.Count} updates created, {ledger.Amended.Count} amendments acknowledged, "
            + $"{ledger.Unknown.Count} requests cut off and retried, {ledger.Refused} refused: {lost} lost, {duplicated} duplicated, {torn} torn";
        output.WriteLine(summaryLine);
        await File.WriteAllTextAsync(Path.Combine(Repo.Artefacts, "crash-drill.txt"), summaryLine + "\n");
        Assert.True(ledger.Created.Count + ledger.Amended.Count >= 300, $"too few acknowledged writes to mean anything: {summaryLine}");
        Assert.True(acknowledged > 0);
        Assert.True(lost == 0 && duplicated == 0 && torn == 0, summaryLine);
    }

    private static HttpClient Client(ApiProcess api)
    {
        var client = new HttpClient { BaseAddress = api.Address, Timeout = TimeSpan.FromSeconds(20) };
        client.DefaultRequestHeaders.Add("X-Api-Key", Secret);
        return client;
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, Slot slot, CancellationToken ct = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/updates") { Content = JsonContent.Create(slot.Body) };
        request.Headers.Add("Idempotency-Key", slot.Key);
        return client.SendAsync(request, ct);
    }

    private static async Task Work(ApiProcess api, ConcurrentQueue<Slot> slots, Ledger ledger, Random random, CancellationToken stop)
    {
        using var client = Client(api);
        while (!stop.IsCancellationRequested)
        {
            var amend = random.Next(10) < 3 && !ledger.Created.IsEmpty;
            Slot? slot = null;
            if (!amend && !slots.TryDequeue(out slot)) return;
            try
            {
                if (amend)
                {
                    var ids = ledger.Created.Values.Select(c => c.Id).ToArray();
                    var id = ids[random.Next(ids.Length)];
                    if (!ledger.KnownRevision.TryGetValue(id, out var revision))
                    {
                        var current = await client.GetAsync($"/v1/updates/{id}", stop);
                        if (!current.IsSuccessStatusCode) // not read (a refusal while the process stops): try another
                        {
                            Interlocked.Increment(ref ledger.Refused);
                            continue;
                        }
                        revision = int.Parse(current.Headers.ETag!.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture);
                        ledger.KnownRevision[id] = revision;
                    }
                    var summary = $"amended {id} to {revision + 1}";
                    var response = await client.SendAsync(Filing.Put(id, Filing.Content(summary: summary), $"\"{revision}\""), stop);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        ledger.Amended[(id, revision + 1)] = summary;
                        ledger.KnownRevision[id] = revision + 1;
                    }
                    else
                    {
                        ledger.KnownRevision.TryRemove(id, out _); // someone else moved it on: look again next time
                        Interlocked.Increment(ref ledger.Refused);
                    }
                }
                else
                {
                    try
                    {
                        var response = await Post(client, slot!, stop);
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            var id = (await response.ReadJsonAsync()).Id();
                            ledger.Created[slot!.Key] = (slot, id);
                            ledger.KnownRevision[id] = 1;
                        }
                        else
                        {
                            Interlocked.Increment(ref ledger.Refused);
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
                    {
                        ledger.Unknown.Enqueue(slot!); // cut off mid-flight: the outcome is unknown until retried
                        throw;
                    }
                }
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
            {
                return; // the process is gone
            }
        }
    }
}

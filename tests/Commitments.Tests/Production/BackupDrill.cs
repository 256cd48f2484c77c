using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Commitments.Tests.Support;
using Dapper;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Commitments.Tests.Production;

/// <summary>
/// <c>backup</c> while filings keep arriving: every filing acknowledged before the backup began is in the copy, verify calls the
/// copy intact, and the API started on the copy serves the same update.
/// </summary>
[Trait("Category", "Drill")] // real processes, concurrent writes
public sealed class BackupDrill(ITestOutputHelper output)
{
    private const string Secret = "cmt_backup-drill-secretariat-key-000000000000000";
    private static readonly string[] Participants = ["GB", "FR", "DE", "IT", "JP", "CA", "AU", "KR"];
    private static readonly string[] Commitments = ["BD-1", "BD-2", "BD-5", "BD-6", "BD-7", "BD-7b", "BD-7c", "BD-7d"];

    [Fact]
    public async Task ABackupUnderWritesHoldsEveryAcknowledgedWriteAndVerifiesIntact()
    {
        var (folder, env) = ApiProcess.FreshSqlite();
        env["COMMITMENTS_BOOTSTRAP_KEY"] = Secret;
        env["RateLimiting__PermitsPerMinute"] = "1000000";
        var copy = Path.Combine(folder, "backup", "copy.db");
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        ConcurrentBag<(string Id, DateTime At)> acknowledged = [];
        DateTime began;
        await using (var api = await ApiProcess.StartAsync(env, folder))
        {
            using var client = new HttpClient { BaseAddress = api.Address, Timeout = TimeSpan.FromSeconds(60) };
            client.DefaultRequestHeaders.Add("X-Api-Key", Secret);
            await (await client.PostAsJsonAsync("/v1/cycles", new
            {
                id = "backup-drill", title = "Backup drill", opensAt = DateTime.UtcNow.AddDays(-1), dueAt = DateTime.UtcNow.AddDays(30),
                graceUntil = DateTime.UtcNow.AddDays(40), state = "open", instruments = new[] { "BD" },
            })).AssertOkAsync(HttpStatusCode.Created);

            using var stop = new CancellationTokenSource();
            var slots = Enumerable.Range(0, Participants.Length * Commitments.Length);
            var writers = Parallel.ForEachAsync(slots, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (slot, _) =>
            {
                if (stop.IsCancellationRequested) return;
                var body = Filing.Body(participant: Participants[slot / Commitments.Length], commitment: Commitments[slot % Commitments.Length],
                    cycle: "backup-drill", submit: true, summary: $"slot {slot}");
                var response = await client.PostAsJsonAsync("/v1/updates", body);
                if (response.StatusCode == HttpStatusCode.Created) acknowledged.Add(((await response.ReadJsonAsync()).Id(), DateTime.UtcNow));
            });
            while (acknowledged.Count < 10) await Task.Delay(50);
            // Amendments keep arriving while the backup copies: it is taken under write load, not after it.
            var amended = 0;
            var amending = Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var id = acknowledged.ElementAt(i % acknowledged.Count).Id;
                    var request = new HttpRequestMessage(HttpMethod.Put, $"/v1/updates/{id}")
                    {
                        Content = JsonContent.Create(Filing.Content(summary: $"slot amended {i}")), Headers = { { "If-Match", "*" } },
                    };
                    if ((await client.SendAsync(request)).IsSuccessStatusCode) Interlocked.Increment(ref amended);
                }
            });
            began = DateTime.UtcNow;
            var (exit, said) = await ApiProcess.RunToExitAsync(env, folder, "backup", copy);
            await stop.CancelAsync();
            await writers;
            await amending;
            output.WriteLine($"{said} ({amended} amendments acknowledged meanwhile)");
            Assert.True(exit == 0, said);
            Assert.Contains("integrity ok", said);
            Assert.Equal(1, (await ApiProcess.RunToExitAsync(env, folder, "backup", copy)).ExitCode); // never overwrites
        }

        var before = acknowledged.Where(a => a.At < began).Select(a => a.Id).ToList();
        await using (var connection = new SqliteConnection($"Data Source={copy};Mode=ReadOnly;Pooling=False"))
        {
            var stored = (await connection.QueryAsync<string>("SELECT id FROM updates")).ToHashSet();
            output.WriteLine($"{acknowledged.Count} filings acknowledged, {before.Count} before the backup began, {stored.Count} in the copy");
            Assert.NotEmpty(before);
            Assert.All(before, id => Assert.Contains(id, stored));
            Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        }

        var restored = new Dictionary<string, string>(env) { ["ConnectionStrings__Commitments"] = $"Data Source={copy};Default Timeout=5" };
        var (verified, verdict) = await ApiProcess.RunToExitAsync(restored, folder, "verify");
        Assert.True(verified == 0, verdict);
        await using var served = await ApiProcess.StartAsync(restored, folder);
        using var reader = new HttpClient { BaseAddress = served.Address };
        reader.DefaultRequestHeaders.Add("X-Api-Key", Secret);
        var update = await (await reader.GetAsync($"/v1/updates/{before[0]}")).AssertOkAsync();
        Assert.StartsWith("slot ", update.Str("summary"));
    }
}

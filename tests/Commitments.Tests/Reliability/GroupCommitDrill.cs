using System.Net;
using System.Net.Http.Json;
using Commitments.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Commitments.Tests.Reliability;

/// <summary>
/// Writes answered together from one batch (one COMMIT for all of them) are on disk when answered: the real process, killed
/// with SIGKILL as soon as the last answer arrives, has every one of them after a restart.
/// </summary>
[Trait("Category", "Drill")] // starts, kills and restarts the real process
public sealed class GroupCommitDrill
{
    private const string Secret = "cmt_group-commit-drill-secretariat-key-000000";

    [Fact]
    public async Task EveryWriteAnsweredFromABatchSurvivesAKillAndRestart()
    {
        var (folder, env) = ApiProcess.FreshSqlite();
        env["COMMITMENTS_BOOTSTRAP_KEY"] = Secret;
        env["RateLimiting__PermitsPerMinute"] = "1000000";
        List<(string Id, string Summary)> answered = [];
        await using (var api = await ApiProcess.StartAsync(env, folder))
        {
            using var admin = Client(api);
            await (await admin.PostAsJsonAsync("/v1/cycles", new
            {
                id = "batch", title = "batch", opensAt = DateTime.UtcNow.AddDays(-1), dueAt = DateTime.UtcNow.AddDays(30),
                graceUntil = DateTime.UtcNow.AddDays(40), state = "open", instruments = new[] { "BD" },
            })).AssertOkAsync(HttpStatusCode.Created);
            var participants = new[] { "GB", "FR", "DE", "JP", "KR", "US", "CA", "IT", "AU", "SG", "EU", "IN" };

            // Another connection holds SQLite's write lock, so the filings queue at the writer; let go, and they commit together.
            await using var holder = new SqliteConnection(env["ConnectionStrings__Commitments"]);
            await holder.OpenAsync();
            await using (var begin = holder.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE";
                await begin.ExecuteNonQueryAsync();
            }
            var sent = participants.Select(p => admin.PostAsJsonAsync("/v1/updates",
                Filing.Body(participant: p, commitment: "BD-1", cycle: "batch", submit: true, summary: $"filed in a batch by {p}"))).ToArray();
            await Task.Delay(1000);
            await using (var rollback = holder.CreateCommand())
            {
                rollback.CommandText = "ROLLBACK";
                await rollback.ExecuteNonQueryAsync();
            }
            foreach (var (response, participant) in (await Task.WhenAll(sent)).Zip(participants))
                answered.Add(((await response.AssertOkAsync(HttpStatusCode.Created)).Id(), $"filed in a batch by {participant}"));
            api.Kill(); // SIGKILL at once: nothing gets a chance to flush or finish
        }

        await using var restarted = await ApiProcess.StartAsync(env, folder);
        using var client = Client(restarted);
        foreach (var (id, summary) in answered)
        {
            var update = await (await client.GetAsync($"/v1/updates/{id}")).AssertOkAsync();
            Assert.Equal(summary, update.Str("summary"));
        }
        var audit = await client.AllItemsAsync("/v1/audit?action=update.create");
        Assert.Equal(answered.Select(a => a.Id).Order(StringComparer.Ordinal), audit.Select(a => a.Str("targetId")).Order(StringComparer.Ordinal));
    }

    private static HttpClient Client(ApiProcess api)
    {
        var client = new HttpClient { BaseAddress = api.Address, Timeout = TimeSpan.FromSeconds(20) };
        client.DefaultRequestHeaders.Add("X-Api-Key", Secret);
        return client;
    }
}

using System.Net;
using System.Net.Http.Json;
using Commitments.Infrastructure.Access;
using Commitments.Infrastructure.Data;
using Commitments.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Commitments.Tests.Pipeline;

/// <summary>SQLite writes share one transaction per batch, each command in its own savepoint (see SqliteWriter).</summary>
public sealed class GroupCommitTests
{
    [Fact]
    public async Task ACommandRefusedOrFailingInABatchIsAnsweredAloneAndEveryOtherIsStored()
    {
        await using var api = await TestApi.StartAsync(SqliteProvisioner.WithTimeout(30)); // queued requests wait out the held turn
        await api.CreateOpenCycleAsync();
        var gb = await api.LiaisonAsync("GB");
        var de = await api.LiaisonAsync("DE");
        var (frKeyId, frSecret) = await api.IssueKeyAsync("liaison", "FR");
        var fr = api.As(frSecret);
        var bd1 = (await gb.FileAsync(Filing.Body(commitment: "BD-1"))).Id();
        var writer = api.Services.GetRequiredService<Database>().Writer!;

        // Hold the writer, so that every request below queues behind this turn and then runs in the same transaction.
        await using var scope = api.Services.CreateAsyncScope();
        var holder = scope.ServiceProvider.GetRequiredService<DbSession>();
        writer.Stats.Take();
        await holder.BeginAsync(CancellationToken.None);

        // Each request's summary is its name, so what is stored can be traced to the request that sent it.
        static (string Name, HttpClient Client, object Body, HttpStatusCode[] Expected) Filed(string name, HttpClient client, string participant,
            string commitment, params HttpStatusCode[] expected) =>
            (name, client, Filing.Body(participant: participant, commitment: commitment, summary: name), expected);
        (string Name, HttpClient Client, object Body, HttpStatusCode[] Expected)[] requests =
        [
            Filed("GB BD-2", gb, "GB", "BD-2", HttpStatusCode.Created),
            Filed("GB BD-5", gb, "GB", "BD-5", HttpStatusCode.Created),
            Filed("GB BD-1 again", gb, "GB", "BD-1", HttpStatusCode.Conflict),
            Filed("GB BD-7 first", gb, "GB", "BD-7", HttpStatusCode.Created, HttpStatusCode.Conflict),
            Filed("GB BD-7 second", gb, "GB", "BD-7", HttpStatusCode.Created, HttpStatusCode.Conflict),
            Filed("GB BD-4, a companies' commitment", gb, "GB", "BD-4", HttpStatusCode.UnprocessableEntity),
            Filed("GB filing for FR", gb, "FR", "BD-2", HttpStatusCode.Forbidden),
            Filed("FR, its key revoked in the batch", fr, "FR", "BD-1", HttpStatusCode.Unauthorized),
            Filed("GB BD-6", gb, "GB", "BD-6", HttpStatusCode.Created),
            Filed("DE BD-1", de, "DE", "BD-1", HttpStatusCode.Created),
        ];
        var sent = requests.Select(r => r.Client.PostAsJsonAsync("/v1/updates", r.Body)).ToArray();
        for (var i = 0; i < 3000 && writer.Queued < requests.Length; i++) await Task.Delay(10);
        Assert.Equal(requests.Length, writer.Queued);

        // The turn ahead of them revokes FR's key: each request re-checks its key inside the transaction, in its own turn.
        Assert.True(await new AccessStore(holder).RevokeKeyAsync(frKeyId, DateTime.UtcNow, CancellationToken.None));
        await holder.CommitAsync(CancellationToken.None); // returns once the whole batch has committed
        var responses = await Task.WhenAll(sent);

        var batch = writer.Stats.Take();
        Assert.Equal(1, batch.Batches);
        Assert.Equal(requests.Length + 1, batch.Turns);
        for (var i = 0; i < requests.Length; i++)
            Assert.True(requests[i].Expected.Contains(responses[i].StatusCode),
                $"{requests[i].Name}: {(int)responses[i].StatusCode} {await responses[i].Content.ReadAsStringAsync()}");

        // Of the two filings of BD-7, one was stored and the other was refused, naming it (it read the first in the batch).
        var bd7 = new[] { responses[3], responses[4] };
        var bd7Winner = (await Assert.Single(bd7, r => r.StatusCode == HttpStatusCode.Created).ReadJsonAsync()).Id();
        var bd7Refusal = await Assert.Single(bd7, r => r.StatusCode == HttpStatusCode.Conflict).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(bd7Winner, bd7Refusal.Str("existingId"));
        Assert.Equal(bd1, (await responses[2].AssertProblemAsync(HttpStatusCode.Conflict)).Str("existingId"));

        // Every 201 is stored with the content it was sent; nothing else is, and each has its one audit entry.
        var admin = api.Secretariat();
        List<string> created = [bd1];
        for (var i = 0; i < requests.Length; i++)
        {
            if (responses[i].StatusCode != HttpStatusCode.Created) continue;
            var id = (await responses[i].ReadJsonAsync()).Id();
            var stored = await (await admin.GetAsync($"/v1/updates/{id}")).AssertOkAsync();
            Assert.Equal(requests[i].Name, stored.Str("summary"));
            Assert.StartsWith(stored.Str("participantId") + " " + stored.Str("commitmentId"), requests[i].Name);
            created.Add(id);
        }
        Assert.Equal(6, created.Count);
        var listed = await admin.AllItemsAsync($"/v1/updates?cycle={Filing.OpenCycle}");
        Assert.Equal(created.Order(StringComparer.Ordinal), listed.Select(u => u!.Id()).Order(StringComparer.Ordinal));
        var audited = await admin.AllItemsAsync("/v1/audit?action=update.create");
        Assert.Equal(created.Order(StringComparer.Ordinal), audited.Select(a => a.Str("targetId")).Order(StringComparer.Ordinal));
        // The revocation, committed in the same batch, holds.
        await (await fr.GetAsync("/v1/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task WhenTheBatchCannotCommitNothingOfItIsStoredAndEveryRequestThatWouldHaveStoredHearsSo()
    {
        await using var api = await TestApi.StartAsync(SqliteProvisioner.WithTimeout(30)); // queued requests wait out the held turn
        await api.CreateOpenCycleAsync();
        var gb = await api.LiaisonAsync("GB");
        var bd1 = (await gb.FileAsync(Filing.Body(commitment: "BD-1"))).Id();
        var writer = api.Services.GetRequiredService<Database>().Writer!;

        await using var scope = api.Services.CreateAsyncScope();
        var holder = scope.ServiceProvider.GetRequiredService<DbSession>();
        await holder.BeginAsync(CancellationToken.None);
        // A change whose broken foreign key SQLite checks only at COMMIT: the whole batch's COMMIT fails.
        await holder.ExecuteAsync("PRAGMA defer_foreign_keys = ON", null, CancellationToken.None);
        await holder.ExecuteAsync("INSERT INTO cycle_instruments (cycle_id, instrument_code) VALUES ('no-such-cycle', 'BD')", null, CancellationToken.None);
        var stored = gb.PostAsJsonAsync("/v1/updates", Filing.Body(commitment: "BD-2", summary: "would have been stored"));
        var refused = gb.PostAsJsonAsync("/v1/updates", Filing.Body(commitment: "BD-1", summary: "refused anyway"));
        for (var i = 0; i < 3000 && writer.Queued < 2; i++) await Task.Delay(10);
        Assert.Equal(2, writer.Queued);

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => holder.CommitAsync(CancellationToken.None));
        // The filing that would have been stored hears that it was not (a fault of ours: 500); the refusal keeps its own answer.
        await (await stored).AssertProblemAsync(HttpStatusCode.InternalServerError);
        Assert.Equal(bd1, (await (await refused).AssertProblemAsync(HttpStatusCode.Conflict)).Str("existingId"));
        var listed = await api.Secretariat().AllItemsAsync($"/v1/updates?cycle={Filing.OpenCycle}");
        Assert.Equal([bd1], listed.Select(u => u!.Id()));
        // The writer carries on with the next batch.
        await gb.FileAsync(Filing.Body(commitment: "BD-2"));
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Commitments.Infrastructure.Receipts;
using Commitments.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using static Commitments.Tests.Support.IndependentVerifier;

namespace Commitments.Tests.Receipts;

/// <summary>
/// Receipts, the log and verify, checked as a participant would: from the README's canonical form, the published public key
/// and RFC 9162, with none of the server's classes. Tampering goes straight to the SQLite file, as someone with database access would.
/// </summary>
public sealed class ReceiptTests
{
    private const string Summary = "AI Safety Institute established and funded.";

    /// <summary>The canonical form of a GB liaison's first filing (Filing.Body), written out by hand with its members sorted.</summary>
    private static string FiledForm(string updateId, string cycle, string keyId, string recordedAt, string state = "draft") =>
        "{\"action\":\"create\",\"actorKeyId\":" + Str(keyId) + ",\"actorParticipantId\":\"GB\",\"actorRole\":\"liaison\",\"assessedStatus\":null,"
        + "\"comment\":null,\"commentInternal\":false,\"commitmentId\":\"BD-1\",\"confidentiality\":\"public\",\"cycleId\":" + Str(cycle) + ","
        + "\"details\":\"Details of the work.\",\"evidence\":[{\"kind\":\"webpage\",\"title\":\"AISI overview\","
        + "\"url\":\"https://www.gov.uk/government/publications/ai-safety-institute-overview\"}],\"mainMessage\":\"On track.\",\"number\":1,"
        + "\"participantId\":\"GB\",\"plannedCompletion\":null,\"recordedAt\":" + Str(recordedAt) + ",\"state\":" + Str(state) + ","
        + "\"status\":\"substantial\",\"summary\":" + Str(Summary) + ",\"type\":\"revision\",\"updateId\":" + Str(updateId) + "}";

    private static string IdentityForm(string updateId, string cycle) =>
        "{\"commitmentId\":\"BD-1\",\"cycleId\":" + Str(cycle) + ",\"participantId\":\"GB\",\"type\":\"update\",\"updateId\":" + Str(updateId) + "}";

    private static string ReceiptForm(JsonNode r) =>
        "{\"chainHash\":" + Str(r.Str("chainHash")) + ",\"logIndex\":" + r["logIndex"] + ",\"number\":" + r["number"]
        + ",\"recordedAt\":" + Str(r.Str("recordedAt")) + ",\"revisionHash\":" + Str(r.Str("revisionHash")) + ",\"type\":\"receipt\",\"updateId\":"
        + Str(r.Str("updateId")) + "}";

    private static string TreeHeadForm(JsonNode h) =>
        "{\"rootHash\":" + Str(h.Str("rootHash")) + ",\"timestamp\":" + Str(h.Str("timestamp")) + ",\"treeSize\":" + h["treeSize"]
        + ",\"type\":\"tree_head\"}";

    private static List<byte[]> Hashes(JsonNode? array) => array!.AsArray().Select(h => Bytes(h!.GetValue<string>())).ToList();

    private static async Task<int> SqlAsync(TestApi api, string sql)
    {
        await using var connection = new SqliteConnection(api.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Files a few public updates for other participants, so the log grows around the one under test.</summary>
    private static async Task FileOthersAsync(TestApi api, string cycle, params string[] commitments)
    {
        foreach (var commitment in commitments)
            await api.Secretariat().FileAsync(Filing.Body(participant: "FR", commitment: commitment, cycle: cycle, submit: true));
    }

    [Fact]
    public async Task AReceiptFromFilingVerifiesAgainstALaterSignedTreeHeadWithOnlyThePublicKey()
    {
        await using var api = await TestApi.StartAsync();
        await api.CreateOpenCycleAsync();
        await FileOthersAsync(api, Filing.OpenCycle, "BD-2", "BD-5");
        var (keyId, secret) = await api.IssueKeyAsync("liaison", "GB");
        var gb = api.As(secret);

        var filed = await gb.PostAsJsonAsync("/v1/updates", Filing.Body());
        var update = await filed.AssertOkAsync(HttpStatusCode.Created);
        var receipt = update["receipt"]!;
        var id = update.Id();
        var header = filed.Headers.GetValues("Commitments-Receipt").Single();
        Assert.Contains($"revision-hash=\"{receipt.Str("revisionHash")}\"", header);
        Assert.Contains($"chain-hash=\"{receipt.Str("chainHash")}\"", header);

        // What was filed, recomputed from the request, the key and the receipt's time: the receipt's revision hash and chain hash.
        var revisionHash = Utf8Sha256(FiledForm(id, Filing.OpenCycle, keyId, receipt.Str("recordedAt")));
        Assert.Equal(revisionHash, receipt.Str("revisionHash"));
        Assert.Equal(Hex(Sha256(Bytes(Utf8Sha256(IdentityForm(id, Filing.OpenCycle))), Bytes(revisionHash))), receipt.Str("chainHash"));

        var pem = await api.Anonymous().GetStringAsync("/.well-known/commitments-log-key");
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", pem);
        Assert.True(VerifySignature(pem, ReceiptForm(receipt), receipt.Str("signature")), "the receipt's signature");
        Assert.Equal(Hex(System.Security.Cryptography.SHA256.HashData(Convert.FromBase64String(
            string.Concat(pem.Split('\n').Where(l => !l.StartsWith("-----")))))), receipt.Str("keyId"));

        // Later: more entries, an amendment chained to the first revision, then a signed head and a proof against it.
        await FileOthersAsync(api, Filing.OpenCycle, "BD-6", "BD-7", "ST-1");
        var amended = await (await gb.SendAsync(Filing.Put(id, Filing.Content(), "\"1\""))).AssertOkAsync();
        var second = amended["receipt"]!;
        Assert.Equal(2, second["number"]!.GetValue<int>());
        Assert.Equal(Hex(Sha256(Bytes(receipt.Str("chainHash")), Bytes(second.Str("revisionHash")))), second.Str("chainHash"));

        var head = await (await gb.GetAsync("/v1/log/tree-head")).AssertOkAsync();
        Assert.True(VerifySignature(pem, TreeHeadForm(head), head.Str("signature")), "the tree head's signature");
        Assert.True(head["treeSize"]!.GetValue<long>() > receipt["logIndex"]!.GetValue<long>() + 4);
        var proof = await (await gb.GetAsync($"/v1/log/proofs/inclusion?update={id}&revision={revisionHash}&treeSize={head["treeSize"]}")).AssertOkAsync();
        Assert.True(VerifyInclusion(receipt["logIndex"]!.GetValue<long>(), head["treeSize"]!.GetValue<long>(), LeafHash(revisionHash),
            Hashes(proof["auditPath"]), Bytes(head.Str("rootHash"))), "the inclusion proof");
        // The hash is found among its own update's revisions only: under another update it is no entry, and without one it
        // is a bad request naming the parameter.
        var other = (await api.Secretariat().FileAsync(Filing.Body(participant: "FR", commitment: "ST-3", cycle: Filing.OpenCycle, submit: true))).Id();
        await (await gb.GetAsync($"/v1/log/proofs/inclusion?update={other}&revision={revisionHash}")).AssertProblemAsync(HttpStatusCode.NotFound);
        var missing = await (await gb.GetAsync($"/v1/log/proofs/inclusion?revision={revisionHash}")).AssertProblemAsync(HttpStatusCode.BadRequest, "update");
        Assert.Contains("receipt's updateId", missing["errors"]!["update"]![0]!.GetValue<string>());

        // The receipt is served again to whoever may see the revision, and to nobody else.
        var again = await (await gb.GetAsync($"/v1/updates/{id}/revisions/1/receipt")).AssertOkAsync();
        Assert.Equal(receipt.Str("chainHash"), again.Str("chainHash"));
        Assert.True(VerifySignature(pem, ReceiptForm(again), again.Str("signature")));
        var observer = api.As((await api.IssueKeyAsync("observer")).Secret);
        await (await observer.GetAsync($"/v1/updates/{id}/revisions/1/receipt")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await observer.GetAsync($"/v1/log/proofs/inclusion?update={id}&revision={revisionHash}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ConsistencyProofsBetweenTwoSignedTreeHeadsVerify()
    {
        await using var api = await TestApi.StartAsync();
        await api.CreateOpenCycleAsync();
        var client = api.Secretariat();
        var pem = await api.Anonymous().GetStringAsync("/.well-known/commitments-log-key");
        await FileOthersAsync(api, Filing.OpenCycle, "BD-1", "BD-2", "BD-5");
        List<JsonNode> heads = [await (await client.GetAsync("/v1/log/tree-head")).AssertOkAsync()];
        foreach (var batch in new[] { new[] { "BD-6", "BD-7" }, ["BD-7b", "BD-7c", "BD-7d", "ST-1", "ST-3"], ["ST-4"] })
        {
            await FileOthersAsync(api, Filing.OpenCycle, batch);
            heads.Add(await (await client.GetAsync("/v1/log/tree-head")).AssertOkAsync());
        }
        foreach (var older in heads)
        {
            foreach (var newer in heads.Where(h => h["treeSize"]!.GetValue<long>() >= older["treeSize"]!.GetValue<long>()))
            {
                Assert.True(VerifySignature(pem, TreeHeadForm(newer), newer.Str("signature")));
                var (from, to) = (older["treeSize"]!.GetValue<long>(), newer["treeSize"]!.GetValue<long>());
                var proof = await (await client.GetAsync($"/v1/log/proofs/consistency?from={from}&to={to}")).AssertOkAsync();
                Assert.True(VerifyConsistency(from, to, Bytes(older.Str("rootHash")), Bytes(newer.Str("rootHash")), Hashes(proof["proof"])),
                    $"consistency {from} -> {to}");
            }
        }
        await (await client.GetAsync($"/v1/log/proofs/consistency?from=1&to={heads[^1]["treeSize"]!.GetValue<long>() + 1}"))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "to");
    }

    [Fact]
    public async Task AlteringOneStoredRevisionIsFoundByVerifyTheReceiptAndTheInclusionProof()
    {
        await using var api = await TestApi.StartAsync();
        await api.CreateOpenCycleAsync();
        await FileOthersAsync(api, Filing.OpenCycle, "BD-2", "BD-5");
        var (keyId, secret) = await api.IssueKeyAsync("liaison", "GB");
        var gb = api.As(secret);
        var filed = await gb.FileAsync(Filing.Body(submit: true));
        var (id, receipt) = (filed.Id(), filed["receipt"]!);
        await FileOthersAsync(api, Filing.OpenCycle, "BD-6", "BD-7");
        var head = await (await gb.GetAsync("/v1/log/tree-head")).AssertOkAsync();
        var verifier = api.Services.GetRequiredService<LogVerifier>();
        Assert.True((await verifier.RunAsync()).Intact);

        // Someone with database access rewrites what GB filed.
        Assert.Equal(1, await SqlAsync(api, $"UPDATE update_revisions SET summary = 'Nothing has been done.' WHERE update_id = '{id}' AND number = 1"));

        var report = await verifier.RunAsync();
        Assert.False(report.Intact);
        Assert.Equal($"revision 1 of update {id}: its stored fields do not hash to its recorded revision hash", report.Breaks[0]);

        // GB's receipt no longer matches the revision the API serves: the record changed after the receipt.
        var served = await (await gb.GetAsync($"/v1/updates/{id}/revisions/1")).AssertOkAsync();
        Assert.Equal("Nothing has been done.", served.Str("summary"));
        var servedHash = Utf8Sha256(FiledForm(id, Filing.OpenCycle, keyId, receipt.Str("recordedAt"), "submitted").Replace(Str(Summary), Str(served.Str("summary"))));
        Assert.NotEqual(receipt.Str("revisionHash"), servedHash);
        // And the served revision cannot be proven to be in the log: its hash is no entry of it.
        await (await gb.GetAsync($"/v1/log/proofs/inclusion?update={id}&revision={servedHash}")).AssertProblemAsync(HttpStatusCode.NotFound);

        // A thorough forger also rewrites the stored hashes: verify still names the entry, and no proof reaches the signed root.
        var forgedChain = Hex(Sha256(Bytes(Utf8Sha256(IdentityForm(id, Filing.OpenCycle))), Bytes(servedHash)));
        await SqlAsync(api, $"UPDATE update_revisions SET revision_hash = '{servedHash}', chain_hash = '{forgedChain}' WHERE update_id = '{id}' AND number = 1");
        report = await verifier.RunAsync();
        Assert.Equal($"revision 1 of update {id}: log leaf {receipt["logIndex"]} does not match it", report.Breaks[0]);
        var proof = await (await gb.GetAsync($"/v1/log/proofs/inclusion?update={id}&revision={servedHash}&treeSize={head["treeSize"]}")).AssertOkAsync();
        Assert.False(VerifyInclusion(proof["logIndex"]!.GetValue<long>(), head["treeSize"]!.GetValue<long>(), LeafHash(servedHash),
            Hashes(proof["auditPath"]), Bytes(head.Str("rootHash"))), "a forged revision proven into the signed tree");
        Assert.Equal(1, await Commitments.Api.Features.Log.VerifyCommand.RunAsync(api.Services));
    }

    [Fact]
    public async Task TamperingWithAFrozenPackIsFoundByVerify()
    {
        await using var api = await TestApi.StartAsync();
        await api.CreateOpenCycleAsync();
        await FileOthersAsync(api, Filing.OpenCycle, "BD-1", "BD-2");
        var response = await api.Secretariat().PostAsJsonAsync($"/v1/cycles/{Filing.OpenCycle}/briefing-packs", new { });
        var frozen = await response.AssertOkAsync(HttpStatusCode.Created);
        var pem = await api.Anonymous().GetStringAsync("/.well-known/commitments-log-key");
        Assert.True(VerifySignature(pem, TreeHeadForm(frozen["treeHead"]!), frozen["treeHead"]!.Str("signature")));
        Assert.Equal(frozen["logIndex"]!.GetValue<long>() + 1, frozen["treeHead"]!["treeSize"]!.GetValue<long>());
        var verifier = api.Services.GetRequiredService<LogVerifier>();
        Assert.True((await verifier.RunAsync()).Intact, string.Join("\n", (await verifier.RunAsync()).Breaks));
        var pack = $"briefing pack {frozen.Id()}";

        var bytes = await (await api.Secretariat().GetAsync($"/v1/briefing-packs/{frozen.Id()}")).Content.ReadAsStringAsync();
        var forged = bytes.Replace("\"cycleId\"", "\"cycleId\" ");
        Assert.NotEqual(bytes, forged);
        await SqlAsync(api, $"UPDATE briefing_packs SET content = '{forged.Replace("'", "''")}' WHERE id = '{frozen.Id()}'");
        Assert.Equal($"{pack}: its stored bytes do not hash to its recorded content hash", (await verifier.RunAsync()).Breaks[0]);

        // Rewriting the recorded hash to match the new bytes moves the break to the pack's log entry.
        await SqlAsync(api, $"UPDATE briefing_packs SET content_hash = '{Utf8Sha256(forged)}' WHERE id = '{frozen.Id()}'");
        Assert.Equal($"{pack}: log leaf {frozen["logIndex"]} does not match it", (await verifier.RunAsync()).Breaks[0]);
    }

    [Fact]
    public async Task RevisionsFromBeforeTheLogAreBackfilledOnceInAFixedOrder()
    {
        await using var api = await TestApi.StartAsync();
        await api.CreateOpenCycleAsync();
        var client = api.Secretariat();
        var first = (await client.FileAsync(Filing.Body(commitment: "BD-1"))).Id();
        await FileOthersAsync(api, Filing.OpenCycle, "BD-2");
        await (await client.SendAsync(Filing.Put(first, Filing.Content(), "\"1\""))).AssertOkAsync();
        var receipt = await (await client.GetAsync($"/v1/updates/{first}/revisions/2/receipt")).AssertOkAsync();
        await (await client.PostAsJsonAsync($"/v1/cycles/{Filing.OpenCycle}/briefing-packs", new { })).AssertOkAsync(HttpStatusCode.Created);

        // As the database was before the record: no hashes, no log.
        await SqlAsync(api, "UPDATE update_revisions SET revision_hash = NULL, chain_hash = NULL, log_index = NULL; DELETE FROM log_nodes; "
            + "UPDATE log_size SET size = 0; UPDATE briefing_packs SET log_index = NULL, tree_size = NULL, tree_root = NULL, tree_timestamp = NULL, tree_signature = NULL;");
        var database = api.Services.GetRequiredService<Commitments.Infrastructure.Data.Database>();
        Assert.Equal(4, await LogBackfill.RunAsync(database));
        Assert.Equal(0, await LogBackfill.RunAsync(database));
        Assert.True((await api.Services.GetRequiredService<LogVerifier>().RunAsync()).Intact);

        // The same hashes as when written; the log in update order, then packs: recomputed here from the receipts alone.
        var again = await (await client.GetAsync($"/v1/updates/{first}/revisions/2/receipt")).AssertOkAsync();
        Assert.Equal(receipt.Str("revisionHash"), again.Str("revisionHash"));
        Assert.Equal(receipt.Str("chainHash"), again.Str("chainHash"));
        var updates = (await client.AllItemsAsync("/v1/updates")).Select(u => u!.Id()).Order(StringComparer.Ordinal).ToList();
        List<byte[]> leaves = [];
        foreach (var update in updates)
            for (var n = 1; await client.GetAsync($"/v1/updates/{update}/revisions/{n}/receipt") is { StatusCode: HttpStatusCode.OK } r; n++)
            {
                var entry = await r.ReadJsonAsync();
                Assert.Equal(leaves.Count, entry["logIndex"]!.GetValue<long>());
                leaves.Add(LeafHash(entry.Str("revisionHash")));
            }
        var head = await (await client.GetAsync("/v1/log/tree-head")).AssertOkAsync();
        Assert.Equal(leaves.Count + 1, head["treeSize"]!.GetValue<long>());
        var proof = await (await client.GetAsync($"/v1/log/proofs/consistency?from={leaves.Count}&to={leaves.Count + 1}")).AssertOkAsync();
        Assert.Equal(Hex(TreeHash(leaves)), proof.Str("fromRootHash"));
    }

    [Fact]
    public async Task VerifyReadsInSlicesAndNamesABrokenLogNode()
    {
        await using var api = await TestApi.StartAsync();
        await api.CreateOpenCycleAsync();
        await FileOthersAsync(api, Filing.OpenCycle, "BD-1", "BD-2", "BD-5", "BD-6", "BD-7", "ST-1", "ST-3", "ST-4", "ST-5");
        await (await api.Secretariat().PostAsJsonAsync($"/v1/cycles/{Filing.OpenCycle}/briefing-packs", new { })).AssertOkAsync(HttpStatusCode.Created);
        var verifier = api.Services.GetRequiredService<LogVerifier>();
        // Slices of 2 rows cross every slice edge: revisions, and nodes of each level against the level below.
        var whole = await verifier.RunAsync(2, CancellationToken.None);
        Assert.True(whole.Intact, string.Join("\n", whole.Breaks));
        Assert.True(whole.TreeSize >= 10, $"tree of {whole.TreeSize}");

        // A node two levels up (over leaves 4-7) rewritten: named, bottom-up, before the nodes above it that no longer match.
        await SqlAsync(api, $"UPDATE log_nodes SET hash = '{new string('0', 64)}' WHERE level = 2 AND idx = 1");
        var report = await verifier.RunAsync(2, CancellationToken.None);
        Assert.Equal("log node at level 2, index 1: does not match the nodes below it", report.Breaks[0]);
        Assert.Contains("log node at level 3, index 0: does not match the nodes below it", report.Breaks);
    }

    [Fact]
    public async Task VerifyNamesBothEntriesThatClaimOneLogLeaf()
    {
        await using var api = await TestApi.StartAsync();
        await api.CreateOpenCycleAsync();
        await FileOthersAsync(api, Filing.OpenCycle, "BD-1", "BD-2");
        var rows = await api.Secretariat().AllItemsAsync("/v1/updates");
        var ids = rows.Select(u => u!.Id()).Order(StringComparer.Ordinal).ToList();
        await SqlAsync(api, $"UPDATE update_revisions SET log_index = (SELECT log_index FROM update_revisions WHERE update_id = '{ids[0]}' AND number = 1) "
            + $"WHERE update_id = '{ids[1]}' AND number = 1");
        var report = await api.Services.GetRequiredService<LogVerifier>().RunAsync();
        Assert.Contains($"revision 1 of update {ids[1]}: claims log leaf ", report.Breaks[0]);
        Assert.EndsWith($"which revision 1 of update {ids[0]} holds", report.Breaks[0]);
    }
}

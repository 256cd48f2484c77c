using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Commitments.Api.Features.Updates;
using Commitments.Infrastructure.Receipts;
using Commitments.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Commitments.Tests.Updates;

/// <summary>
/// Report once: the crosswalk between commitments that ask the same thing, an update that cites the linked obligations it also
/// answers, and one answer copied across linked obligations, each copy its own update, revision and audit entry.
/// In the seeded catalogue BD-7d, ST-4 and CS-2 (public capability for testing and safety research) are linked to one another,
/// and all three are obligations of GB in a cycle with BD, ST and CS in scope.
/// </summary>
public sealed class CrosswalkTests
{
    private const string Cycle = Filing.OpenCycle;

    private static async Task<JsonArray> LinksAsync(HttpClient client, string commitment) =>
        (await (await client.GetAsync($"/v1/commitments/{commitment}/links")).AssertOkAsync())["items"]!.AsArray();

    private static IEnumerable<string> Others(JsonArray links, string from) =>
        links.Select(l => l.Str("commitmentId") == from ? l.Str("linkedCommitmentId") : l.Str("commitmentId"));

    private static Task<JsonArray> AuditAsync(TestApi api, string action) => api.Secretariat().AllItemsAsync($"/v1/audit?action={action}");

    private static async Task<int> RevisionCountAsync(HttpClient client, string id) =>
        (await (await client.GetAsync($"/v1/updates/{id}/revisions")).AssertOkAsync())["items"]!.AsArray().Count;

    private static async Task<JsonArray> GbUpdatesAsync(HttpClient client) =>
        (await (await client.GetAsync($"/v1/updates?participant=GB&cycle={Cycle}&limit=200")).AssertOkAsync())["items"]!.AsArray();

    private static HttpRequestMessage Copy(string id, object body, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/updates/{id}/copies") { Content = JsonContent.Create(body) };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    [Fact]
    public async Task TheSeededCrosswalkLinksTransparencyCommitmentsAndReadsBothWaysForAnyone()
    {
        await using var api = await TestApi.StartAsync();
        var anyone = api.Anonymous();
        var fromBd5 = await LinksAsync(anyone, "BD-5");
        Assert.Contains("FAISC-VII", Others(fromBd5, "BD-5"));
        var fromFaisc = await LinksAsync(anyone, "FAISC-VII");
        Assert.Equal(["BD-5", "BD-7a"], Others(fromFaisc, "FAISC-VII").Order(StringComparer.Ordinal));
        Assert.All(fromFaisc, l => Assert.Equal("asks_same", l.Str("relation")));
        Assert.All(fromFaisc, l => Assert.False(string.IsNullOrWhiteSpace(l.Str("note"))));
        var succeeds = Assert.Single(await LinksAsync(anyone, "ST-1"));
        Assert.Equal(("FAISC-I", "ST-1", "succeeds"), (succeeds.Str("commitmentId"), succeeds.Str("linkedCommitmentId"), succeeds.Str("relation")));
        await (await anyone.GetAsync("/v1/commitments/NOPE-1/links")).AssertProblemAsync(HttpStatusCode.NotFound);
        var one = await (await anyone.GetAsync($"/v1/commitment-links/{succeeds.Str("id")}")).AssertOkAsync();
        Assert.Equal("FAISC-I", one.Str("commitmentId"));
    }

    [Fact]
    public async Task TheSecretariatLinksAndUnlinksCommitmentsWithEveryRefusalNamedAndEveryChangeAudited()
    {
        await using var api = await TestApi.StartAsync();
        var admin = api.Secretariat();
        await (await admin.PostAsJsonAsync("/v1/commitment-links", new { commitmentId = "BD-6", linkedCommitmentId = "BD-6", relation = "asks_same" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "linkedCommitmentId");
        await (await admin.PostAsJsonAsync("/v1/commitment-links", new { commitmentId = "BD-6", linkedCommitmentId = "NOPE-1", relation = "asks_same" }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "linkedCommitmentId");
        await (await admin.PostAsJsonAsync("/v1/commitment-links", new { commitmentId = "BD-6", linkedCommitmentId = "ST-5" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "relation");
        // The seed links FAISC-VII to BD-5: the same pair the other way round is the same link.
        var duplicate = await (await admin.PostAsJsonAsync("/v1/commitment-links", new { commitmentId = "BD-5", linkedCommitmentId = "FAISC-VII", relation = "asks_same" }))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.NotNull(duplicate["existingId"]);
        Assert.Empty(await AuditAsync(api, "commitment_link.create"));

        var created = await admin.PostAsJsonAsync("/v1/commitment-links",
            new { commitmentId = "ST-5", linkedCommitmentId = "BD-6", relation = "asks_same", note = "Sharing evaluation outcomes builds the shared understanding." });
        var link = await created.AssertOkAsync(HttpStatusCode.Created);
        Assert.Equal($"/v1/commitment-links/{link.Id()}", created.Headers.Location?.OriginalString);
        Assert.Contains("ST-5", Others(await LinksAsync(api.Anonymous(), "BD-6"), "BD-6"));
        Assert.Equal(link.Id(), Assert.Single(await AuditAsync(api, "commitment_link.create")).Str("targetId"));

        await (await admin.DeleteAsync($"/v1/commitment-links/{link.Id()}")).AssertOkAsync();
        Assert.DoesNotContain("ST-5", Others(await LinksAsync(api.Anonymous(), "BD-6"), "BD-6"));
        await (await api.Anonymous().GetAsync($"/v1/commitment-links/{link.Id()}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.DeleteAsync($"/v1/commitment-links/{link.Id()}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(link.Id(), Assert.Single(await AuditAsync(api, "commitment_link.remove")).Str("targetId"));
        // Once removed, the pair may be linked again.
        await (await admin.PostAsJsonAsync("/v1/commitment-links", new { commitmentId = "BD-6", linkedCommitmentId = "ST-5", relation = "asks_same" }))
            .AssertOkAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task TheSeedAddsItsLinksOnceAndNeverBringsBackOneTheSecretariatRemoved()
    {
        await using var api = await TestApi.StartAsync();
        var seeded = await LinksAsync(api.Anonymous(), "FAISC-VII");
        var bd5 = seeded.Single(l => l.Str("commitmentId") == "BD-5" || l.Str("linkedCommitmentId") == "BD-5")!;
        await (await api.Secretariat().DeleteAsync($"/v1/commitment-links/{bd5.Str("id")}")).AssertOkAsync();

        var database = api.Services.GetRequiredService<Commitments.Infrastructure.Data.Database>();
        Assert.False(await Commitments.Infrastructure.Seed.CatalogueSeeder.SeedAsync(database, TimeProvider.System));
        // A database seeded before the crosswalk existed gets it at its next start, less what the secretariat removed.
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection(api.Database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"DELETE FROM seed_runs WHERE name = '{Commitments.Infrastructure.Seed.CatalogueSeeder.CrosswalkSeedName}'";
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }
        Assert.True(await Commitments.Infrastructure.Seed.CatalogueSeeder.SeedAsync(database, TimeProvider.System));
        Assert.Equal(["BD-7a"], Others(await LinksAsync(api.Anonymous(), "FAISC-VII"), "FAISC-VII"));
        Assert.Single(await LinksAsync(api.Anonymous(), "ST-1"));
    }

    [Fact]
    public async Task AnUpdateCitesOnlyLinkedObligationsAndTheCitationIsInItsRevisionAndItsVerifiedRecord()
    {
        await using var api = await TestApi.StartAsync();
        await api.CreateOpenCycleAsync();
        var gb = await api.LiaisonAsync("GB");

        var refused = await (await gb.PostAsJsonAsync("/v1/updates", Cited(Filing.Body(commitment: "BD-7d"), "ST-4", "BD-1", "BD-7d")))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var errors = refused["errors"]!.AsObject();
        Assert.Equal(["alsoAnswers[1]", "alsoAnswers[2]"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Contains("not linked", errors["alsoAnswers[1]"]![0]!.GetValue<string>());
        // Linked in the crosswalk, but GB did not sign the Frontier AI Safety Commitments: not one of its obligations.
        var notObligation = await (await gb.PostAsJsonAsync("/v1/updates", Cited(Filing.Body(commitment: "BD-5"), "FAISC-VII")))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "alsoAnswers[0]");
        Assert.Contains("not one of this participant's obligations", notObligation["errors"]!["alsoAnswers[0]"]![0]!.GetValue<string>());
        Assert.Empty(await GbUpdatesAsync(gb));

        var filed = await gb.FileAsync(Cited(Filing.Body(commitment: "BD-7d", submit: true), "ST-4", "CS-2"));
        Assert.Equal(["ST-4", "CS-2"], filed["alsoAnswers"]!.AsArray().Select(c => c!.GetValue<string>()));
        var revision = await (await gb.GetAsync($"/v1/updates/{filed.Id()}/revisions/1")).AssertOkAsync();
        Assert.Equal(["ST-4", "CS-2"], revision["alsoAnswers"]!.AsArray().Select(c => c!.GetValue<string>()));

        // Amending without the citation drops it, as a new revision; an update that cites nothing says so with an empty list.
        var put = await gb.SendAsync(Filing.Put(filed.Id(), Filing.Content(), "\"1\""));
        Assert.Empty((await put.AssertOkAsync())["alsoAnswers"]!.AsArray());
        await (await gb.SendAsync(Filing.Put(filed.Id(), new { status = "complete", summary = "s", evidence = Array.Empty<object>(), confidentiality = "public",
            alsoAnswers = new[] { "BD-1" } }, "\"2\""))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "alsoAnswers[0]");

        // The revision with a citation hashes with it, one without hashes as it always did: the whole record verifies.
        var report = await api.Services.GetRequiredService<LogVerifier>().RunAsync();
        Assert.True(report.Intact, string.Join("\n", report.Breaks));
        Assert.Equal(2, report.Revisions);
    }

    private static JsonObject Cited(object body, params string[] commitments)
    {
        var node = JsonSerializer.SerializeToNode(body, HttpAssertions.Web)!.AsObject();
        node["alsoAnswers"] = new JsonArray(commitments.Select(c => (JsonNode)JsonValue.Create(c)!).ToArray());
        return node;
    }

    [Fact]
    public async Task CopyingAnAnswerMakesOneUpdateAndRevisionPerLinkedObligationAndAReplayChangesNothing()
    {
        await using var api = await TestApi.StartAsync();
        await api.CreateOpenCycleAsync();
        var gb = await api.LiaisonAsync("GB");
        var source = await gb.FileAsync(Filing.Body(commitment: "BD-7d", summary: "Public testing capacity funded through AISI.", submit: true));
        var earlier = await gb.FileAsync(Filing.Body(commitment: "CS-2", summary: "An earlier draft.", status: "limited"));

        var response = await gb.SendAsync(Copy(source.Id(), new { }, key: "copy-bd7d-1"));
        var result = await response.AssertOkAsync();
        var items = result["items"]!.AsArray();
        Assert.Equal(["ST-4:filed", "CS-2:amended"], items.Select(i => $"{i.Str("commitmentId")}:{i.Str("action")}"));
        var st4 = items[0].Str("updateId");
        Assert.Equal(earlier.Id(), items[1].Str("updateId"));

        foreach (var id in new[] { st4, earlier.Id() })
        {
            var copy = await (await gb.GetAsync($"/v1/updates/{id}")).AssertOkAsync();
            Assert.Equal(("Public testing capacity funded through AISI.", "substantial", "public"), (copy.Str("summary"), copy.Str("status"), copy.Str("confidentiality")));
            Assert.Equal("AISI overview", copy["evidence"]![0].Str("title"));
            Assert.Equal(["BD-7d"], copy["alsoAnswers"]!.AsArray().Select(c => c!.GetValue<string>()));
            Assert.Equal("draft", copy.Str("state"));
        }
        Assert.Equal(1, await RevisionCountAsync(gb, st4));
        var history = (await (await gb.GetAsync($"/v1/updates/{earlier.Id()}/revisions")).AssertOkAsync())["items"]!.AsArray();
        Assert.Equal(["create", "amend"], history.Select(r => r.Str("action")));
        Assert.Equal(st4, Assert.Single(await AuditAsync(api, "update.create"), e => e.Str("targetId") == st4).Str("targetId"));
        Assert.Single(await AuditAsync(api, "update.amend"), e => e.Str("targetId") == earlier.Id());
        Assert.Equal(source.Id(), Assert.Single(await AuditAsync(api, "update.copy")).Str("targetId"));

        // The same call again with the same key: the first answer, and nothing written.
        var replay = await gb.SendAsync(Copy(source.Id(), new { }, key: "copy-bd7d-1"));
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(result.ToJsonString(), (await replay.AssertOkAsync()).ToJsonString());
        Assert.Equal(1, await RevisionCountAsync(gb, st4));
        Assert.Equal(2, await RevisionCountAsync(gb, earlier.Id()));
        Assert.Single(await AuditAsync(api, "update.copy"));

        // Without a key, copying the same content again changes nothing either: no empty revisions.
        var again = await (await gb.SendAsync(Copy(source.Id(), new { commitments = new[] { "CS-2" } }))).AssertOkAsync();
        Assert.Equal("unchanged", Assert.Single(again["items"]!.AsArray()).Str("action"));
        Assert.Equal(2, await RevisionCountAsync(gb, earlier.Id()));
    }

    [Fact]
    public async Task ACopyToANonObligationOrToAnUpdateThatCannotBeAmendedIsRefusedWholeAndChangesNothing()
    {
        await using var api = await TestApi.StartAsync();
        await api.CreateOpenCycleAsync();
        var gb = await api.LiaisonAsync("GB");
        var admin = api.Secretariat();
        var source = await gb.FileAsync(Filing.Body(commitment: "BD-7d", submit: true));
        var bd5 = await gb.FileAsync(Filing.Body(commitment: "BD-5", submit: true));

        var notLinked = await (await gb.SendAsync(Copy(source.Id(), new { commitments = new[] { "ST-4", "BD-1" } })))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "commitments[1]");
        Assert.Contains("not linked", notLinked["errors"]!["commitments[1]"]![0]!.GetValue<string>());
        // BD-5's only links lead to the Frontier AI Safety Commitments, none of them GB's obligations.
        await (await gb.SendAsync(Copy(bd5.Id(), new { commitments = new[] { "FAISC-VII" } })))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "commitments[0]");
        await (await gb.SendAsync(Copy(bd5.Id(), new { }))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "commitments");

        // CS-2's update is accepted: the copy to ST-4 (first in line) is not kept either.
        var accepted = await gb.FileAsync(Filing.Body(commitment: "CS-2", summary: "Accepted words.", submit: true));
        await (await admin.ReviewAsync(accepted.Id(), new { decision = "accept" })).AssertOkAsync();
        var conflict = await (await gb.SendAsync(Copy(source.Id(), new { }))).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("CS-2", conflict.Str("target"));
        Assert.Equal(accepted.Id(), conflict.Str("existingId"));
        Assert.DoesNotContain(await GbUpdatesAsync(gb), u => u.Str("commitmentId") == "ST-4");
        Assert.Equal("Accepted words.", (await (await gb.GetAsync($"/v1/updates/{accepted.Id()}")).AssertOkAsync()).Str("summary"));
        Assert.Empty(await AuditAsync(api, "update.copy"));

        // Another participant's liaison may read the public answer but not copy it.
        var fr = await api.LiaisonAsync("FR");
        await (await fr.SendAsync(Copy(source.Id(), new { commitments = new[] { "ST-4" } }))).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ACopiedAnswerCountsInCoverageAsIfFiledByHandAndARestrictedCopyStaysRestricted()
    {
        await using var api = await TestApi.StartAsync();
        await api.CreateOpenCycleAsync();
        var gb = await api.LiaisonAsync("GB");
        var admin = api.Secretariat();
        const string words = "Restricted words about the testing budget.";
        var source = await gb.FileAsync(Filing.Body(commitment: "BD-7d", summary: words, mainMessage: words, confidentiality: "restricted", submit: true));
        var copied = await (await gb.SendAsync(Copy(source.Id(), new { commitments = new[] { "ST-4" }, submit = true }))).AssertOkAsync();
        var item = Assert.Single(copied["items"]!.AsArray());
        Assert.Equal("filed_and_submitted", item.Str("action"));

        JsonNode Cell(JsonNode coverage, string commitment) =>
            coverage["matrix"]!.AsArray().Single(r => r.Str("participantId") == "GB")!["cells"]!.AsArray().Single(c => c.Str("commitmentId") == commitment)!;
        var secretariat = await (await admin.GetAsync($"/v1/cycles/{Cycle}/coverage")).AssertOkAsync();
        Assert.Equal(item.Str("updateId"), Cell(secretariat, "ST-4").Str("updateId"));
        Assert.Equal("submitted", Cell(secretariat, "ST-4").Str("state"));

        var publicCoverage = await (await admin.GetAsync($"/v1/cycles/{Cycle}/coverage?audience=public")).AssertOkAsync();
        Assert.True(Cell(publicCoverage, "ST-4")["withheld"]!.GetValue<bool>());
        foreach (var accept in new[] { "application/json", "text/csv", "text/html" })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/cycles/{Cycle}/briefing-pack?audience=public");
            request.Headers.Accept.ParseAdd(accept);
            Assert.DoesNotContain(words, await (await admin.SendAsync(request)).Content.ReadAsStringAsync());
        }
        var observer = api.As((await api.IssueKeyAsync("observer")).Secret);
        await (await observer.GetAsync($"/v1/updates/{item.Str("updateId")}")).AssertProblemAsync(HttpStatusCode.NotFound);
        // The crosswalk itself is catalogue data: reading it tells nobody what was answered.
        var links = await (await api.Anonymous().GetAsync("/v1/commitments/ST-4/links")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(words, links);
        Assert.DoesNotContain(item.Str("updateId"), links);
    }

    [Fact]
    public async Task TheObligationsViewAndTemplateShowTheCrosswalkAndAnUploadCitesFromIt()
    {
        await using var api = await TestApi.StartAsync();
        await api.CreateOpenCycleAsync();
        var gb = await api.LiaisonAsync("GB");

        var view = await (await api.Anonymous().GetAsync($"/v1/participants/GB/obligations?cycle={Cycle}")).AssertOkAsync();
        var links = view["links"]!.AsArray();
        Assert.Contains(links, l => l.Str("commitmentId") == "BD-7d" && l.Str("linkedCommitmentId") == "ST-4" && l!["linkedIsObligation"]!.GetValue<bool>());
        Assert.Contains(links, l => l.Str("commitmentId") == "BD-5" && l.Str("linkedCommitmentId") == "FAISC-VII" && !l!["linkedIsObligation"]!.GetValue<bool>());

        var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/participants/GB/obligations?cycle={Cycle}");
        request.Headers.Accept.ParseAdd("text/csv");
        var rows = await UploadReader.ReadCsvAsync(await (await gb.SendAsync(request)).Content.ReadAsStreamAsync(), CancellationToken.None);
        string CellOf(string commitment, string column) => rows.Single(r => r["commitmentId"] == commitment)[column];
        Assert.Equal("ST-4; CS-2", CellOf("BD-7d", "linkedCommitments"));
        Assert.Equal("BD-7d; CS-2", CellOf("ST-4", "linkedCommitments"));
        Assert.Equal("", CellOf("BD-5", "linkedCommitments")); // linked only to commitments GB did not sign

        // A sheet that answers BD-7d and cites CS-2 (the reader's linkedCommitments column is ignored on the way back).
        var sheet = "commitmentId,status,summary,confidentiality,linkedCommitments,alsoAnswers\r\nBD-7d,limited,From the sheet.,public,whatever,CS-2\r\n";
        var upload = new HttpRequestMessage(HttpMethod.Post, $"/v1/participants/GB/updates/bulk?cycle={Cycle}")
        {
            Content = new StringContent(sheet, Encoding.UTF8, new MediaTypeHeaderValue("text/csv")),
        };
        var done = await (await gb.SendAsync(upload)).AssertOkAsync();
        var id = done["items"]![0].Str("updateId");
        Assert.Equal(["CS-2"], (await (await gb.GetAsync($"/v1/updates/{id}")).AssertOkAsync())["alsoAnswers"]!.AsArray().Select(c => c!.GetValue<string>()));

        var bad = new HttpRequestMessage(HttpMethod.Post, $"/v1/participants/GB/updates/bulk?cycle={Cycle}")
        {
            Content = new StringContent("commitmentId,status,summary,confidentiality,alsoAnswers\r\nST-4,limited,x,public,BD-1\r\n", Encoding.UTF8,
                new MediaTypeHeaderValue("text/csv")),
        };
        await (await gb.SendAsync(bad)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "rows[0].alsoAnswers[0]");
    }
}

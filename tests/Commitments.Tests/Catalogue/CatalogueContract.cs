using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Commitments.Tests.Support;

namespace Commitments.Tests.Catalogue;

/// <summary>The catalogue's read endpoints and admin writes, run on SQLite and on SQL Server.</summary>
public abstract class CatalogueContract(IDatabaseProvisioner database)
{
    private Task<TestApi> Start() => TestApi.StartAsync(database);

    private static List<string> Ids(JsonNode list, string property = "id") =>
        list.AsArray().Select(n => n![property]!.GetValue<string>()).ToList();

    [SkippableFact]
    public async Task CommitmentsListsEverySeededCommitmentInCatalogueOrder()
    {
        await using var api = await Start();
        var ids = Ids(await api.Anonymous().AllItemsAsync("/v1/commitments"));
        string[] expected =
        [
            "BD-1", "BD-2", "BD-3", "BD-4", "BD-5", "BD-6", "BD-7", "BD-7a", "BD-7b", "BD-7c", "BD-7d", "BD-8", "BD-9",
            .. Enumerable.Range(1, 11).Select(i => $"ST-{i}"),
            "FAISC-I", "FAISC-II", "FAISC-III", "FAISC-IV", "FAISC-V", "FAISC-VI", "FAISC-VII", "FAISC-VIII",
        ];
        Assert.Equal(expected, ids);
    }

    [SkippableFact]
    public async Task CommitmentsFilterByInstrumentAndAppliesTo()
    {
        await using var api = await Start();
        var st = Ids(await api.Anonymous().AllItemsAsync("/v1/commitments?instrument=ST&appliesTo=companies"));
        Assert.Equal(["ST-2", "ST-11"], st);
        var faisc = await api.Anonymous().AllItemsAsync("/v1/commitments?instrument=FAISC");
        Assert.Equal(8, faisc.AsArray().Count);
        Assert.All(faisc.AsArray(), c => Assert.Equal("companies", c!["appliesTo"]!.GetValue<string>()));
    }

    [SkippableFact]
    public async Task CommitmentsRefuseAnUnknownAppliesTo()
    {
        await using var api = await Start();
        await (await api.Anonymous().GetAsync("/v1/commitments?appliesTo=everyone")).AssertProblemAsync(HttpStatusCode.BadRequest, "appliesTo");
    }

    [SkippableFact]
    public async Task OneCommitmentIsFoundByIdAndAnUnknownIdIsNamedIn404()
    {
        await using var api = await Start();
        var c = await (await api.Anonymous().GetAsync("/v1/commitments/BD-7c")).AssertOkAsync();
        Assert.Equal("Tools for safety testing", c["title"]!.GetValue<string>());
        Assert.Equal("BD", c["instrument"]!.GetValue<string>());
        Assert.Equal("para 8", c["paragraphRef"]!.GetValue<string>());
        var problem = await (await api.Anonymous().GetAsync("/v1/commitments/BD-99")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("BD-99", problem["detail"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task ParticipantsHoldGovernmentsOrganisationsAndCompaniesWithEndorsements()
    {
        await using var api = await Start();
        var all = await api.Anonymous().AllItemsAsync("/v1/participants");
        var ids = Ids(all);
        foreach (var id in new[] { "GB", "KR", "EU", "NZ", "UN", "anthropic", "openai", "google-deepmind", "nvidia" }) Assert.Contains(id, ids);
        Assert.Equal(28 + 1 + 1 + 1 + 21, ids.Count);

        var nz = all.AsArray().Single(p => p!["id"]!.GetValue<string>() == "NZ")!;
        var bd = nz["endorsements"]!.AsArray().Single()!;
        Assert.Equal("BD", bd["instrument"]!.GetValue<string>());
        Assert.Equal("joined_later", bd["basis"]!.GetValue<string>());
        Assert.Equal("2024-10-23", bd["endorsedOn"]!.GetValue<string>());

        var deepmind = all.AsArray().Single(p => p!["id"]!.GetValue<string>() == "google-deepmind")!;
        Assert.Equal("google", deepmind["parentId"]!.GetValue<string>());
        var amazon = await (await api.Anonymous().GetAsync("/v1/participants/amazon")).AssertOkAsync();
        Assert.Contains("Amazon Web Services", amazon["aliases"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal(["ST", "FAISC"], amazon["endorsements"]!.AsArray().Select(e => e!["instrument"]!.GetValue<string>()).Order().Reverse());
    }

    [SkippableFact]
    public async Task ParticipantsFilterByKind()
    {
        await using var api = await Start();
        var orgs = Ids(await api.Anonymous().AllItemsAsync("/v1/participants?kind=international_organisation"));
        Assert.Equal(["EU", "UN"], orgs);
        await (await api.Anonymous().GetAsync("/v1/participants?kind=country")).AssertProblemAsync(HttpStatusCode.BadRequest, "kind");
        await (await api.Anonymous().GetAsync("/v1/participants/XX")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task AGovernmentsObligationsAreTheBletchleyAndSafetyTestingCommitmentsForGovernments()
    {
        await using var api = await Start();
        var gb = await (await api.Anonymous().GetAsync("/v1/participants/GB/obligations?cycle=seoul-2024")).AssertOkAsync();
        var ids = Ids(gb["commitments"]!);
        Assert.Equal(
            ["BD-1", "BD-2", "BD-3", "BD-5", "BD-6", "BD-7", "BD-7b", "BD-7c", "BD-7d", "BD-8", "BD-9",
             "ST-1", "ST-3", "ST-4", "ST-5", "ST-6", "ST-7", "ST-8", "ST-9", "ST-10"], ids);

        // Brazil signed BD but not ST: only the Bletchley commitments.
        var br = Ids((await (await api.Anonymous().GetAsync("/v1/participants/BR/obligations?cycle=seoul-2024")).AssertOkAsync())["commitments"]!);
        Assert.All(br, id => Assert.StartsWith("BD-", id));
        Assert.Equal(11, br.Count);
    }

    [SkippableFact]
    public async Task ACompanysObligationsAreTheCommitmentsForCompaniesOfWhatItSigned()
    {
        await using var api = await Start();
        var anthropic = Ids((await (await api.Anonymous().GetAsync("/v1/participants/anthropic/obligations?cycle=seoul-2024")).AssertOkAsync())["commitments"]!);
        Assert.Equal(["ST-1", "ST-2", "ST-10", "ST-11"], anthropic);
        // Cohere signed only FAISC, which is not in the cycle's scope.
        var cohere = (await (await api.Anonymous().GetAsync("/v1/participants/cohere/obligations?cycle=seoul-2024")).AssertOkAsync())["commitments"]!;
        Assert.Empty(cohere.AsArray());
    }

    [SkippableFact]
    public async Task ObligationsNeedAKnownCycleAndParticipant()
    {
        await using var api = await Start();
        await (await api.Anonymous().GetAsync("/v1/participants/GB/obligations")).AssertProblemAsync(HttpStatusCode.BadRequest, "cycle");
        var p = await (await api.Anonymous().GetAsync("/v1/participants/GB/obligations?cycle=nope")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("nope", p["detail"]!.GetValue<string>());
        await (await api.Anonymous().GetAsync("/v1/participants/ZZ/obligations?cycle=seoul-2024")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task InstrumentsAndCyclesAreListedAndFound()
    {
        await using var api = await Start();
        Assert.Equal(["BD", "ST", "FAISC", "SD", "SOI"], Ids(await api.Anonymous().AllItemsAsync("/v1/instruments"), "code"));
        var fa = await (await api.Anonymous().GetAsync("/v1/instruments/FAISC")).AssertOkAsync();
        Assert.Equal("2024-05-21", fa["adoptedOn"]!.GetValue<string>());
        await (await api.Anonymous().GetAsync("/v1/instruments/XYZ")).AssertProblemAsync(HttpStatusCode.NotFound);

        var cycle = await (await api.Anonymous().GetAsync("/v1/cycles/seoul-2024")).AssertOkAsync();
        Assert.Equal(["BD", "ST"], cycle["instruments"]!.AsArray().Select(i => i!.GetValue<string>()));
        Assert.Equal("2024-05-21", cycle["sessionOn"]!.GetValue<string>());
        Assert.True(DateTime.Parse(cycle["dueAt"]!.GetValue<string>()).ToUniversalTime() < new DateTime(2024, 5, 21, 0, 0, 0, DateTimeKind.Utc));
        Assert.Single((await api.Anonymous().AllItemsAsync("/v1/cycles")).AsArray());
        await (await api.Anonymous().GetAsync("/v1/cycles/none")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task TheSecretariatCreatesAndChangesCatalogueEntries()
    {
        await using var api = await Start();
        var admin = api.Secretariat();
        await (await admin.PostAsJsonAsync("/v1/participants", new
        {
            id = "FI", name = "Finland", kind = "government", endorsements = new[] { new { instrument = "BD", endorsedOn = "2025-01-15", basis = "joined_later" } },
        })).AssertOkAsync(HttpStatusCode.Created);
        await (await admin.PatchAsJsonAsync("/v1/participants/FI", new { name = "Republic of Finland" })).AssertOkAsync();
        var fi = await (await api.Anonymous().GetAsync("/v1/participants/FI")).AssertOkAsync();
        Assert.Equal("Republic of Finland", fi["name"]!.GetValue<string>());
        Assert.Equal("joined_later", fi["endorsements"]![0]!["basis"]!.GetValue<string>());

        await (await admin.PostAsJsonAsync("/v1/commitments", new { id = "SD-1", instrument = "SD", paragraphRef = "para 2", appliesTo = "governments", title = "Safe, innovative and inclusive AI" }))
            .AssertOkAsync(HttpStatusCode.Created);
        await (await admin.PatchAsJsonAsync("/v1/commitments/SD-1", new { title = "Safe, innovative, inclusive AI" })).AssertOkAsync();
        Assert.Equal("SD-1", Ids(await api.Anonymous().AllItemsAsync("/v1/commitments"))[^1]);

        await (await admin.PostAsJsonAsync("/v1/cycles", new
        {
            id = "paris-2025", title = "Paris", opensAt = "2024-11-01T00:00:00Z", dueAt = "2025-01-31T00:00:00Z", graceUntil = "2025-02-07T00:00:00Z",
            state = "open", instruments = new[] { "BD", "SD" },
        })).AssertOkAsync(HttpStatusCode.Created);
        var patched = await (await admin.PatchAsJsonAsync("/v1/cycles/paris-2025", new { state = "closed" })).AssertOkAsync();
        Assert.Equal("closed", patched["state"]!.GetValue<string>());
        var fiObligations = Ids((await (await api.Anonymous().GetAsync("/v1/participants/FI/obligations?cycle=paris-2025")).AssertOkAsync())["commitments"]!);
        Assert.Contains("BD-1", fiObligations);
        Assert.DoesNotContain("SD-1", fiObligations); // Finland did not endorse SD
    }
}

public sealed class CatalogueOnSqlite() : CatalogueContract(SqliteProvisioner.Instance);

[Collection(SqlServerCollection.Name)]
public sealed class CatalogueOnSqlServer(SqlServerProvisioner sqlServer) : CatalogueContract(sqlServer);

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Commitments.Tests.Access;
using Commitments.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

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
            "BD-1", "BD-1a", "BD-2", "BD-3", "BD-4", "BD-5", "BD-6", "BD-7", "BD-7a", "BD-7b", "BD-7c", "BD-7d", "BD-8", "BD-9",
            "ST-1", "ST-2", "ST-3", "ST-4", "ST-5", "ST-6", "ST-7", "ST-8", "ST-9", "ST-10", "CS-1", "CS-2", "CS-3",
            "FAISC-I", "FAISC-II", "FAISC-III", "FAISC-IV", "FAISC-V", "FAISC-VI", "FAISC-VII", "FAISC-VIII", "FAISC-FW", "FAISC-PU", "FAISC-BP",
            "SD-1", "SD-2", "SOI-1", "SOI-2", "SOI-3", "SOI-4", "SMS-1",
        ];
        Assert.Equal(expected, ids);
    }

    [SkippableFact]
    public async Task EverySeededCommitmentCarriesItsQuotationSourceAndAReferenceThatSaysWhatItCounts()
    {
        await using var api = await Start();
        foreach (var id in Ids(await api.Anonymous().AllItemsAsync("/v1/commitments")))
        {
            var c = await (await api.Anonymous().GetAsync($"/v1/commitments/{id}")).AssertOkAsync();
            Assert.False(string.IsNullOrWhiteSpace(c["quotation"]?.GetValue<string>()), $"{id} has no quotation");
            Assert.StartsWith("https://", c["sourceUrl"]?.GetValue<string>() ?? "");
            var reference = c["paragraphRef"]!.GetValue<string>();
            if (c.Str("instrument") == "BD") Assert.Contains("unnumbered paragraphs counted from the first", reference);
            else Assert.Matches(@"counted|numbering|numerals|last paragraph|not identified", reference);
            // Only a quotation whose primary text was not found names a secondary source.
            Assert.Equal(id == "SMS-1", c["quotedFrom"] is not null);
        }
        var instruments = await api.Anonymous().AllItemsAsync("/v1/instruments");
        Assert.All(instruments.AsArray(), i => Assert.StartsWith("https://", i!["sourceUrl"]?.GetValue<string>() ?? ""));
        Assert.All(instruments.AsArray(), i => Assert.NotNull(i!["edition"]?["checkedOn"]));
        Assert.Equal(["CS", "ST"], instruments.AsArray().Where(i => i.Str("kind") == "chairs_statement").Select(i => i.Str("code")).Order());
    }

    [SkippableFact]
    public async Task CommitmentsFilterByInstrumentAndAppliesTo()
    {
        await using var api = await Start();
        var st = Ids(await api.Anonymous().AllItemsAsync("/v1/commitments?instrument=ST&appliesTo=companies"));
        Assert.Equal(["ST-2"], st);
        Assert.Equal(["CS-1"], Ids(await api.Anonymous().AllItemsAsync("/v1/commitments?instrument=CS&appliesTo=companies")));
        var faisc = await api.Anonymous().AllItemsAsync("/v1/commitments?instrument=FAISC");
        Assert.Equal(11, faisc.AsArray().Count);
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
        Assert.Equal("para 8, second item, second sentence (unnumbered paragraphs counted from the first)", c["paragraphRef"]!.GetValue<string>());
        Assert.Equal("This includes, alongside increased transparency by private actors developing frontier AI capabilities, … tools for safety testing, …",
            c["quotation"]!.GetValue<string>());
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
        Assert.Equal(28 + 1 + 1 + 1 + 1 + 21, ids.Count);

        var nz = all.AsArray().Single(p => p!["id"]!.GetValue<string>() == "NZ")!;
        var bd = nz["endorsements"]!.AsArray().Single(e => e.Str("instrument") == "BD")!;
        Assert.Equal("BD", bd["instrument"]!.GetValue<string>());
        Assert.Equal("joined_later", bd["basis"]!.GetValue<string>());
        Assert.Equal("2024-10-23", bd["endorsedOn"]!.GetValue<string>());

        var deepmind = all.AsArray().Single(p => p!["id"]!.GetValue<string>() == "google-deepmind")!;
        Assert.Equal("google", deepmind["parentId"]!.GetValue<string>());
        Assert.True(deepmind["reportsThroughParent"]!.GetValue<bool>());
        var amazon = await (await api.Anonymous().GetAsync("/v1/participants/amazon")).AssertOkAsync();
        Assert.Contains("Amazon Web Services", amazon["aliases"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal("US", amazon.Str("homeGovernment"));
        Assert.Equal(["CS", "FAISC", "ST"], amazon["endorsements"]!.AsArray().Select(e => e!["instrument"]!.GetValue<string>()).Order());
        // Nobody signs a chair's statement: taking part in the session is recorded as such.
        Assert.All(amazon["endorsements"]!.AsArray().Where(e => e.Str("instrument") is "ST" or "CS"), e => Assert.Equal("took_part", e.Str("basis")));
        // Joined later on a day no source gives, but listed on the page updated on 7 February 2025: by then.
        var nvidia = await (await api.Anonymous().GetAsync("/v1/participants/nvidia")).AssertOkAsync();
        var joined = nvidia["endorsements"]!.AsArray().Single()!;
        Assert.Equal(("FAISC", "joined_later", "2025-02-07", "by"), (joined.Str("instrument"), joined.Str("basis"), joined.Str("endorsedOn"), joined.Str("datePrecision")));
        Assert.Null(joined["covers"]);
        // Brazil attended the summit but not the safety testing session: of the chair's summary, only CS-3 binds it.
        var brazil = await (await api.Anonymous().GetAsync("/v1/participants/BR")).AssertOkAsync();
        var cs = brazil["endorsements"]!.AsArray().Single(e => e.Str("instrument") == "CS")!;
        Assert.Equal(["CS-3"], cs["covers"]!.AsArray().Select(i => i!.GetValue<string>()));
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
            ["BD-1", "BD-1a", "BD-2", "BD-3", "BD-5", "BD-6", "BD-7", "BD-7b", "BD-7c", "BD-7d", "BD-8", "BD-9",
             "ST-1", "ST-3", "ST-4", "ST-5", "ST-6", "ST-7", "ST-8", "ST-9", "ST-10", "CS-2", "CS-3"], ids);

        // Brazil signed BD but took no part in the safety testing session: the Bletchley commitments, and CS-3, which every
        // country attending agreed to.
        var br = Ids((await (await api.Anonymous().GetAsync("/v1/participants/BR/obligations?cycle=seoul-2024")).AssertOkAsync())["commitments"]!);
        Assert.Equal(["BD-1", "BD-1a", "BD-2", "BD-3", "BD-5", "BD-6", "BD-7", "BD-7b", "BD-7c", "BD-7d", "BD-8", "BD-9", "CS-3"], br);
        // New Zealand joined BD in October 2024 and signed the Ministerial Statement, which is not in the cycle's scope.
        var nz = (await (await api.Anonymous().GetAsync("/v1/participants/NZ/obligations?cycle=seoul-2024")).AssertOkAsync())["commitments"]!;
        Assert.Empty(nz.AsArray());
    }

    [SkippableFact]
    public async Task ACompanysObligationsAreTheCommitmentsForCompaniesOfWhatItSigned()
    {
        await using var api = await Start();
        var anthropic = Ids((await (await api.Anonymous().GetAsync("/v1/participants/anthropic/obligations?cycle=seoul-2024")).AssertOkAsync())["commitments"]!);
        Assert.Equal(["ST-1", "ST-2", "ST-10", "CS-1"], anthropic);
        // Google DeepMind reports through Google: none of its own, so the group is counted once.
        var deepmind = (await (await api.Anonymous().GetAsync("/v1/participants/google-deepmind/obligations?cycle=seoul-2024")).AssertOkAsync())["commitments"]!;
        Assert.Empty(deepmind.AsArray());
        var google = Ids((await (await api.Anonymous().GetAsync("/v1/participants/google/obligations?cycle=seoul-2024")).AssertOkAsync())["commitments"]!);
        Assert.Equal(["ST-1", "ST-2", "ST-10", "CS-1"], google);
        // xAI took part in the safety testing session ("... Mistral AI, Open AI and xAI").
        var xai = Ids((await (await api.Anonymous().GetAsync("/v1/participants/xai/obligations?cycle=seoul-2024")).AssertOkAsync())["commitments"]!);
        Assert.Equal(["ST-1", "ST-2", "ST-10", "CS-1"], xai);
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
        Assert.Equal(["BD", "CS", "ST", "FAISC", "SD", "SOI", "SMS"], Ids(await api.Anonymous().AllItemsAsync("/v1/instruments"), "code"));
        var fa = await (await api.Anonymous().GetAsync("/v1/instruments/FAISC")).AssertOkAsync();
        Assert.Equal("2024-05-21", fa["adoptedOn"]!.GetValue<string>());
        Assert.Equal(("updated", "2025-02-07"), (fa["edition"].Str("label"), fa["edition"].Str("on")));
        var bd = await (await api.Anonymous().GetAsync("/v1/instruments/BD")).AssertOkAsync();
        Assert.Equal(("updated", "2025-02-13"), (bd["edition"].Str("label"), bd["edition"].Str("on")));
        var sd = await (await api.Anonymous().GetAsync("/v1/instruments/SD")).AssertOkAsync();
        Assert.Equal(("published", "2024-05-21"), (sd["edition"].Str("label"), sd["edition"].Str("on")));
        Assert.EndsWith("/seoul-declaration-for-safe-innovative-and-inclusive-ai-by-participants-attending-the-leaders-session-ai-seoul-summit-21-may-2024", sd.Str("sourceUrl"));
        var st = await (await api.Anonymous().GetAsync("/v1/instruments/ST")).AssertOkAsync();
        Assert.Null(st["edition"]!["on"]);
        await (await api.Anonymous().GetAsync("/v1/instruments/XYZ")).AssertProblemAsync(HttpStatusCode.NotFound);

        var cycle = await (await api.Anonymous().GetAsync("/v1/cycles/seoul-2024")).AssertOkAsync();
        Assert.Equal(["BD", "CS", "ST"], cycle["instruments"]!.AsArray().Select(i => i!.GetValue<string>()));
        Assert.Equal("2024-05-21", cycle["sessionOn"]!.GetValue<string>());
        Assert.Contains("illustrative", cycle.Str("description"));
        Assert.True(DateTime.Parse(cycle["dueAt"]!.GetValue<string>()).ToUniversalTime() < new DateTime(2024, 5, 21, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal(["seoul-2024", "paris-2025"], Ids(await api.Anonymous().AllItemsAsync("/v1/cycles")));
        await (await api.Anonymous().GetAsync("/v1/cycles/none")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task TheParisCycleBindsEveryFrontierSignatoryInForceByItsDueDateToPublishAFramework()
    {
        await using var api = await Start();
        string[] originals = ["amazon", "anthropic", "cohere", "google", "g42", "ibm", "inflection-ai", "meta", "microsoft", "mistral-ai",
            "naver", "openai", "samsung-electronics", "tii", "xai", "zhipu-ai"];
        string[] faisc = ["FAISC-I", "FAISC-II", "FAISC-III", "FAISC-IV", "FAISC-V", "FAISC-VI", "FAISC-VII", "FAISC-VIII", "FAISC-FW", "FAISC-PU", "FAISC-BP"];
        // Joined later, by 7 February 2025 (the page of that day lists them): in force before the cycle was due on the 9th.
        foreach (var company in originals.Concat(["magic", "minimax", "01-ai", "nvidia"]))
        {
            var ids = Ids((await (await api.Anonymous().GetAsync($"/v1/participants/{company}/obligations?cycle=paris-2025")).AssertOkAsync())["commitments"]!);
            Assert.Equal(faisc, ids);
        }
        Assert.Empty((await (await api.Anonymous().GetAsync("/v1/participants/google-deepmind/obligations?cycle=paris-2025")).AssertOkAsync())["commitments"]!.AsArray());
        // The Seoul Declaration, its Statement of Intent and the Ministerial Statement are asked in the same cycle.
        var gb = Ids((await (await api.Anonymous().GetAsync("/v1/participants/GB/obligations?cycle=paris-2025")).AssertOkAsync())["commitments"]!);
        Assert.Equal(["SD-1", "SD-2", "SOI-1", "SOI-2", "SOI-3", "SOI-4", "SMS-1"], gb);
        var nz = Ids((await (await api.Anonymous().GetAsync("/v1/participants/NZ/obligations?cycle=paris-2025")).AssertOkAsync())["commitments"]!);
        Assert.Equal(["SMS-1"], nz);
        var paris = await (await api.Anonymous().GetAsync("/v1/cycles/paris-2025")).AssertOkAsync();
        Assert.Equal("2025-02-10", paris.Str("sessionOn"));
        Assert.True(DateTime.Parse(paris.Str("dueAt")).ToUniversalTime() < new DateTime(2025, 2, 10, 0, 0, 0, DateTimeKind.Utc));
        Assert.Contains("illustrative", paris.Str("description"));
    }

    [SkippableFact]
    public async Task APackOfTheSeoulCycleCountsNoFrontierEndorsementNoNewZealandAndGoogleDeepMindOnceThroughGoogle()
    {
        // Packs frozen as the secretariat would have, before the summit: the clock stands in May 2024.
        var clock = new MovableClock(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero));
        await using var api = await TestApi.StartAsync(database, services: s => s.AddSingleton<TimeProvider>(clock));
        var admin = api.Secretariat();
        await (await admin.PostAsJsonAsync("/v1/cycles/seoul-2024/briefing-packs", new { })).AssertOkAsync(HttpStatusCode.Created);
        clock.Advance(TimeSpan.FromDays(15));
        var frozen = await (await admin.PostAsJsonAsync("/v1/cycles/seoul-2024/briefing-packs", new { })).AssertOkAsync(HttpStatusCode.Created);
        var pack = await (await admin.GetAsync(frozen.Str("href"))).AssertOkAsync();

        Assert.Equal("2024-05-16", pack.Str("asOf")[..10]);
        Assert.NotNull(pack["changes"]!["previousPackId"]);
        Assert.DoesNotContain(pack["changes"]!["newEndorsements"]!.AsArray(), e => e.Str("instrument") == "FAISC");
        Assert.DoesNotContain("\"NZ\"", pack.ToJsonString());
        Assert.DoesNotContain(pack["matrix"]!.AsArray(), r => r.Str("participantId") == "google-deepmind");
        var through = Assert.Single(pack["reportedThroughParents"]!.AsArray())!;
        Assert.Equal(("google-deepmind", "google"), (through.Str("participantId"), through.Str("parentId")));
        var chairs = pack["instrumentSources"]!.AsArray().Where(i => i.Str("kind") == "chairs_statement").Select(i => i.Str("code")).Order();
        Assert.Equal(["CS", "ST"], chairs);
        Assert.All(pack["commitments"]!.AsArray(), c => Assert.Equal(c.Str("instrument") is "ST" or "CS", c!["fromChairsStatement"]!.GetValue<bool>()));
    }

    [SkippableFact]
    public async Task EveryCountryAttendingTheSummitIsBoundToSupportTheStateOfTheScienceReportAndNothingElseOfTheChairsSummary()
    {
        await using var api = await Start();
        var admin = api.Secretariat();
        foreach (var country in new[] { "BR", "CN", "IN", "KE" })
        {
            var ids = Ids((await (await api.Anonymous().GetAsync($"/v1/participants/{country}/obligations?cycle=seoul-2024")).AssertOkAsync())["commitments"]!);
            Assert.Contains("CS-3", ids);
            Assert.DoesNotContain("CS-2", ids);
        }
        // Filing follows the same rule: Brazil may report on CS-3, not on the safety testing session's CS-2.
        await (await admin.PostAsJsonAsync("/v1/updates", Filing.Body("BR", "CS-3", "seoul-2024"))).AssertOkAsync(HttpStatusCode.Created);
        var refused = await (await admin.PostAsJsonAsync("/v1/updates", Filing.Body("BR", "CS-2", "seoul-2024"))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("covers only CS-3", refused.Str("detail"));
        // And so does coverage: the cell is obligated for Brazil's CS-3 only.
        var coverage = await (await admin.GetAsync("/v1/cycles/seoul-2024/coverage")).AssertOkAsync();
        var brazil = coverage["matrix"]!.AsArray().Single(r => r.Str("participantId") == "BR")!;
        var obligatedCs = brazil["cells"]!.AsArray().Where(c => c!["obligated"]!.GetValue<bool>() && c.Str("commitmentId").StartsWith("CS-"));
        Assert.Equal(["CS-3"], obligatedCs.Select(c => c.Str("commitmentId")));
    }

    [SkippableFact]
    public async Task AnEndorsementsCoverNamesCommitmentsOfItsOwnInstrument()
    {
        await using var api = await Start();
        var admin = api.Secretariat();
        var problem = await (await admin.PostAsJsonAsync("/v1/participants", new
        {
            id = "FI", name = "Finland", kind = "government",
            endorsements = new[] { new { instrument = "CS", endorsedOn = "2023-11-02", basis = "took_part", covers = new[] { "BD-1" } } },
        })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("BD-1", problem.Str("detail"));
        await (await admin.PostAsJsonAsync("/v1/participants", new
        {
            id = "FI", name = "Finland", kind = "government",
            endorsements = new[] { new { instrument = "CS", endorsedOn = "2023-11-02", basis = "took_part", covers = new[] { "CS-3" } } },
        })).AssertOkAsync(HttpStatusCode.Created);
        var ids = Ids((await (await api.Anonymous().GetAsync("/v1/participants/FI/obligations?cycle=seoul-2024")).AssertOkAsync())["commitments"]!);
        Assert.Equal(["CS-3"], ids);
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

        await (await admin.PostAsJsonAsync("/v1/commitments", new { id = "SD-9", instrument = "SD", paragraphRef = "para 2", appliesTo = "governments", title = "Safe, innovative and inclusive AI" }))
            .AssertOkAsync(HttpStatusCode.Created);
        await (await admin.PatchAsJsonAsync("/v1/commitments/SD-9", new { title = "Safe, innovative, inclusive AI" })).AssertOkAsync();
        Assert.Equal("SD-9", Ids(await api.Anonymous().AllItemsAsync("/v1/commitments"))[^1]);

        await (await admin.PostAsJsonAsync("/v1/cycles", new
        {
            id = "geneva-2026", title = "Geneva", opensAt = "2024-11-01T00:00:00Z", dueAt = "2025-01-31T00:00:00Z", graceUntil = "2025-02-07T00:00:00Z",
            state = "open", instruments = new[] { "BD", "SD" },
        })).AssertOkAsync(HttpStatusCode.Created);
        var patched = await (await admin.PatchAsJsonAsync("/v1/cycles/geneva-2026", new { state = "closed" })).AssertOkAsync();
        Assert.Equal("closed", patched["state"]!.GetValue<string>());
        var fiObligations = Ids((await (await api.Anonymous().GetAsync("/v1/participants/FI/obligations?cycle=geneva-2026")).AssertOkAsync())["commitments"]!);
        Assert.Contains("BD-1", fiObligations);
        Assert.DoesNotContain("SD-9", fiObligations); // Finland did not endorse SD
    }
}

public sealed class CatalogueOnSqlite() : CatalogueContract(SqliteProvisioner.Instance);

[Collection(SqlServerCollection.Name)]
public sealed class CatalogueOnSqlServer(SqlServerProvisioner sqlServer) : CatalogueContract(sqlServer);

using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Commitments.Tests.Access;
using Commitments.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Commitments.Tests.Reports;

/// <summary>
/// A cycle with known updates: on time, late, missing, returned, withdrawn, contested, restricted; every cell, count and
/// share checked in JSON and CSV, and the as-of reproduction.
/// </summary>
public abstract class BriefingPackContract(IDatabaseProvisioner database) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly MovableClock _clock = new(T0);
    private TestApi _api = null!;
    private HttpClient _admin = null!;
    private DateTime _midway;
    private const string Cycle = "report-2026";
    private const string DeRestrictedMessage = "DE only: the evaluation budget is not yet agreed.";

    public async Task InitializeAsync()
    {
        if (database.SkipReason is not null) return; // each test reports the skip
        _api = await TestApi.StartAsync(database, services: s => s.AddSingleton<TimeProvider>(_clock));
        _admin = _api.Secretariat();
        await (await _admin.PostAsJsonAsync("/v1/cycles", new
        {
            id = Cycle, title = "Report test", opensAt = T0.AddDays(-10), dueAt = T0.AddDays(5), graceUntil = T0.AddDays(10),
            state = "open", sessionOn = "2026-04-01", instruments = new[] { "BD", "ST", "CS" },
        })).AssertOkAsync(HttpStatusCode.Created);

        var gb = await _api.LiaisonAsync("GB");
        var bd1 = (await gb.FileAsync(Filing.Body(commitment: "BD-1", cycle: Cycle, status: "complete", submit: true))).Id();
        await Review(bd1, new { decision = "accept", comment = "Accepted; we assess it as limited.", assessedStatus = "limited" });
        var bd2 = (await gb.FileAsync(Filing.Body(commitment: "BD-2", cycle: Cycle, status: "substantial", submit: true))).Id();
        await Review(bd2, new { decision = "return", comment = "Evidence missing." });
        var fr = await _api.LiaisonAsync("FR");
        var frDraft = (await fr.FileAsync(Filing.Body(participant: "FR", commitment: "BD-1", cycle: Cycle))).Id();
        await (await fr.PostAsync($"/v1/updates/{frDraft}/withdraw", null)).AssertOkAsync();
        var de = await _api.LiaisonAsync("DE");
        await de.FileAsync(Filing.Body(participant: "DE", commitment: "BD-1", cycle: Cycle, status: "limited", confidentiality: "restricted", submit: true,
            mainMessage: DeRestrictedMessage));

        _clock.Advance(TimeSpan.FromDays(7)); // past due, within grace
        var jp = await _api.LiaisonAsync("JP");
        await jp.FileAsync(Filing.Body(participant: "JP", commitment: "BD-1", cycle: Cycle, status: "substantial", submit: true));
        _midway = _clock.GetUtcNow().UtcDateTime;

        _clock.Advance(TimeSpan.FromDays(13)); // past grace: T0 + 20 days
    }

    public async Task DisposeAsync()
    {
        if (_api is not null) await _api.DisposeAsync();
    }

    private async Task Review(string id, object decision) =>
        await (await _admin.ReviewAsync(id, decision)).AssertOkAsync();

    private async Task<JsonNode> Pack(string query = "")
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        return await PackOf(query);
    }

    private async Task<JsonNode> PackOf(string query) =>
        await (await _admin.GetAsync($"/v1/cycles/{Cycle}/briefing-pack{query}")).AssertOkAsync();

    private static JsonNode Row(JsonNode pack, string participant) =>
        pack["matrix"]!.AsArray().Single(r => r!.Str("participantId") == participant)!;

    private static JsonNode Cell(JsonNode pack, string participant, string commitment) =>
        Row(pack, participant)["cells"]!.AsArray().Single(c => c!.Str("commitmentId") == commitment)!;

    private static JsonNode Summary(JsonNode pack, string commitment) =>
        pack["commitments"]!.AsArray().Single(c => c!.Str("commitmentId") == commitment)!;

    [SkippableFact]
    public async Task EveryKindOfCellCarriesItsStatusStateTimelinessAndFlags()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var pack = await Pack();
        Assert.Equal("secretariat", pack.Str("audience"));
        Assert.Contains("restricted", pack.Str("confidentiality"));

        var accepted = Cell(pack, "GB", "BD-1");
        Assert.Equal("complete", accepted.Str("status"));
        Assert.Equal("limited", accepted.Str("assessedStatus"));
        Assert.Equal("accepted", accepted.Str("state"));
        Assert.Equal("on_time", accepted.Str("timeliness"));
        Assert.True(accepted["contested"]!.GetValue<bool>());
        Assert.Equal(1, accepted["evidenceCount"]!.GetValue<int>());

        var returned = Cell(pack, "GB", "BD-2");
        Assert.Equal("returned", returned.Str("state"));
        Assert.Null(returned["status"]);
        Assert.Equal("on_time", returned.Str("timeliness"));

        var notApplicable = Cell(pack, "GB", "CS-1"); // companies' commitment: bound only the companies that endorsed ST
        Assert.False(notApplicable["obligated"]!.GetValue<bool>());
        Assert.Equal("n/a", notApplicable.Str("mark"));

        var withdrawn = Cell(pack, "FR", "BD-1");
        Assert.Equal("withdrawn", withdrawn.Str("state"));
        Assert.Equal("missing", withdrawn.Str("timeliness"));

        Assert.Equal("limited", Cell(pack, "DE", "BD-1").Str("status")); // restricted, seen by the secretariat
        Assert.Equal("late", Cell(pack, "JP", "BD-1").Str("timeliness"));
        var missing = Cell(pack, "IT", "BD-1");
        Assert.Equal("missing", missing.Str("timeliness"));
        Assert.Null(missing["state"]);
        Assert.DoesNotContain(pack["matrix"]!.AsArray(), r => r!.Str("participantId") == "UN"); // no obligations
    }

    [SkippableFact]
    public async Task CountsAndSharesFollowTheObligationDenominator()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var pack = await Pack();
        var bd1 = Summary(pack, "BD-1");
        // 28 BD governments + EU + NZ (joined later, before the as-of date) are obligated.
        Assert.Equal(30, bd1["obligated"]!.GetValue<int>());
        Assert.Equal(3, bd1["reported"]!.GetValue<int>()); // GB accepted, DE submitted, JP submitted
        var counts = bd1["statusCounts"]!.AsArray().ToDictionary(c => c!.Str("status"), c => c!["count"]!.GetValue<int>());
        Assert.Equal(1, counts["complete"]);
        Assert.Equal(1, counts["substantial"]);
        Assert.Equal(1, counts["limited"]);
        Assert.Equal(0, counts["not_started"]);
        Assert.Equal(0.0667, bd1["highCompletionShare"]!.GetValue<double>());

        var gb = Row(pack, "GB");
        Assert.Equal(23, gb["obligations"]!.GetValue<int>());
        Assert.Equal(1, gb["reported"]!.GetValue<int>());
        Assert.Equal(0.0435, gb["reportedShare"]!.GetValue<double>()); // 1 of 23
        // Companies' commitments of the Bletchley Declaration, which no company endorsed: listed once, not as empty rows.
        Assert.Equal(["BD-4", "BD-7a"], pack["commitmentsWithoutObligations"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.DoesNotContain(pack["commitments"]!.AsArray(), c => c.Str("commitmentId") == "BD-4");
        Assert.DoesNotContain(pack["commitmentIds"]!.AsArray(), c => c!.GetValue<string>() == "BD-7a");
        Assert.Contains(pack["commitmentIds"]!.AsArray(), c => c!.GetValue<string>() == "CS-1");
    }

    [SkippableFact]
    public async Task TheLateListIsSortedByDaysOverdue()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var late = (await (await _admin.GetAsync($"/v1/cycles/{Cycle}/late")).AssertOkAsync())["items"]!.AsArray();
        var days = late.Select(l => l!["daysOverdue"]!.GetValue<int>()).ToList();
        Assert.Equal(days.OrderByDescending(d => d), days);
        var jp = late.Single(l => l!.Str("participantId") == "JP" && l.Str("commitmentId") == "BD-1")!;
        Assert.Equal("late", jp.Str("timeliness"));
        Assert.Equal(2, jp["daysOverdue"]!.GetValue<int>());
        var it = late.Single(l => l!.Str("participantId") == "IT" && l.Str("commitmentId") == "BD-1")!;
        Assert.Equal("missing", it.Str("timeliness"));
        Assert.Equal(15, it["daysOverdue"]!.GetValue<int>());
        Assert.DoesNotContain(late, l => l!.Str("participantId") == "GB" && l.Str("commitmentId") == "BD-1");
    }

    [SkippableFact]
    public async Task APublicPackShowsARestrictedReportAsReportedWithoutItsContent()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var response = await _admin.GetAsync($"/v1/cycles/{Cycle}/briefing-pack?audience=public");
        var pack = await response.AssertOkAsync();
        Assert.Equal("public", pack.Str("audience"));
        var de = Cell(pack, "DE", "BD-1");
        Assert.Null(de["status"]);
        Assert.Null(de["state"]);
        Assert.Null(de["updateId"]);
        Assert.True(de["withheld"]!.GetValue<bool>());
        Assert.Equal("reported_restricted", de.Str("mark"));
        Assert.Equal("on_time", de.Str("timeliness")); // reported on time: never "missing"
        Assert.Equal(3, Summary(pack, "BD-1")["reported"]!.GetValue<int>());
        Assert.Equal(1, Summary(pack, "BD-1")["withheld"]!.GetValue<int>());
        Assert.Equal(0, Summary(pack, "BD-1")["statusCounts"]!.AsArray().Single(c => c.Str("status") == "limited")!["count"]!.GetValue<int>());
        Assert.DoesNotContain(pack["late"]!.AsArray(), l => l!.Str("participantId") == "DE" && l.Str("commitmentId") == "BD-1");
        Assert.DoesNotContain(DeRestrictedMessage, await response.Content.ReadAsStringAsync());
        var html = await (await Request("text/html", "?audience=public")).Content.ReadAsStringAsync();
        Assert.Contains("Public updates only", html);
        Assert.DoesNotContain(DeRestrictedMessage, html);
        Assert.DoesNotContain("DE only", await (await Request("text/csv", "?audience=public")).Content.ReadAsStringAsync());
        await (await _admin.GetAsync($"/v1/cycles/{Cycle}/briefing-pack?audience=everyone")).AssertProblemAsync(HttpStatusCode.BadRequest, "audience");
    }

    private Task<HttpResponseMessage> Request(string accept, string query = "")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/cycles/{Cycle}/briefing-pack{query}");
        request.Headers.Accept.ParseAdd(accept);
        return _admin.SendAsync(request);
    }

    [SkippableFact]
    public async Task TheCsvCarriesTheSameFigures()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var response = await Request("text/csv");
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        var header = lines[0].Split(',');
        Dictionary<string, string> Find(string section, string participant, string commitment)
        {
            var line = lines.Single(l => l.StartsWith(section + ",", StringComparison.Ordinal)
                && l.Split(',')[3] == participant && l.Split(',')[5] == commitment);
            return header.Zip(line.Split(',')).ToDictionary(p => p.First, p => p.Second);
        }
        var gbBd1 = Find("cell", "GB", "BD-1");
        Assert.Equal("complete", gbBd1["status"]);
        Assert.Equal("limited", gbBd1["assessed_status"]);
        Assert.Equal("on_time", gbBd1["timeliness"]);
        Assert.Equal("true", gbBd1["contested"]);
        Assert.Equal("1", gbBd1["evidence_count"]);
        Assert.Equal("n/a", Find("cell", "GB", "CS-1")["status"]);
        Find("commitment_without_obligations", "", "BD-4");
        Assert.Equal("2", Find("cell", "JP", "BD-1")["days_overdue"]);
        var bd1 = Find("commitment", "", "BD-1");
        Assert.Equal("30", bd1["obligated"]);
        Assert.Equal("3", bd1["reported"]);
        Assert.Equal("0.0667", bd1["high_completion_share"]);
        Assert.Equal("0.0435", Find("participant", "GB", "")["reported_share"]);
    }

    [SkippableFact]
    public async Task APackAsOfAnEarlierTimeIsReproducedExactlyAfterLaterChanges()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var asOf = Uri.EscapeDataString(_midway.ToString("O"));
        var before = await (await _admin.GetAsync($"/v1/cycles/{Cycle}/briefing-pack?asOf={asOf}")).Content.ReadAsByteArrayAsync();
        var frozen = await (await _admin.PostAsJsonAsync($"/v1/cycles/{Cycle}/briefing-packs", new { asOf = _midway })).AssertOkAsync(HttpStatusCode.Created);

        // Later: Italy files, GB amends nothing but files BD-6.
        await (await _api.LiaisonAsync("IT")).FileAsync(Filing.Body(participant: "IT", commitment: "BD-1", cycle: Cycle, submit: true));
        await (await _api.LiaisonAsync("GB")).FileAsync(Filing.Body(commitment: "BD-6", cycle: Cycle, status: "limited", submit: true));

        var after = await (await _admin.GetAsync($"/v1/cycles/{Cycle}/briefing-pack?asOf={asOf}")).Content.ReadAsByteArrayAsync();
        Assert.Equal(before, after);
        var first = await (await _admin.GetAsync(frozen.Str("href"))).Content.ReadAsByteArrayAsync();
        var second = await (await _admin.GetAsync(frozen.Str("href"))).Content.ReadAsByteArrayAsync();
        Assert.Equal(first, second);
        Assert.Equal(before, first);
        Assert.Equal(frozen.Str("contentHash"), Convert.ToHexStringLower(SHA256.HashData(first)));

        // The current pack, a moment later, says what moved since the frozen one. (A pack frozen at the very instant of an
        // as-of time did not exist yet at that time, so it is not its previous pack.)
        _clock.Advance(TimeSpan.FromMinutes(1));
        var now = await Pack();
        Assert.Equal(frozen.Str("id"), now["changes"]!.Str("previousPackId"));
        var moves = now["changes"]!["statusMoves"]!.AsArray();
        Assert.Contains(moves, m => m!.Str("participantId") == "GB" && m.Str("commitmentId") == "BD-6" && m!["from"] is null && m.Str("to") == "limited");
        Assert.Contains(moves, m => m!.Str("participantId") == "IT" && m.Str("commitmentId") == "BD-1");
        var gbDigest = now["digests"]!.AsArray().Single(d => d!.Str("participantId") == "GB")!;
        Assert.Contains(gbDigest["changes"]!.AsArray(), m => m!.Str("commitmentId") == "BD-6");
    }

    [SkippableFact]
    public async Task ThePresentReadFromCurrentStateEqualsTheSameTimeReadFromHistory()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var present = await Pack(); // no asOf: read from the cycle's coverage cells
        var publicPresent = await Pack("?audience=public");
        _clock.Advance(TimeSpan.FromMilliseconds(1)); // the same instant, now past: read from the history
        var fromHistory = await Pack($"?asOf={Uri.EscapeDataString(present.Str("asOf"))}");
        Assert.Equal(present.ToJsonString(), fromHistory.ToJsonString());
        Assert.Equal(publicPresent.ToJsonString(), (await Pack($"?audience=public&asOf={Uri.EscapeDataString(present.Str("asOf"))}")).ToJsonString());
    }

    [SkippableFact]
    public async Task AnExemptObligationLeavesTheDenominatorAndTheLateList()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var exempt = await (await _admin.PostAsJsonAsync($"/v1/cycles/{Cycle}/exemptions",
            new { participantId = "IT", commitmentId = "BD-1", reason = "Reported through the G7 process." })).AssertOkAsync(HttpStatusCode.Created);
        Assert.Equal("IT", exempt.Str("participantId"));
        var pack = await Pack();
        Assert.Equal("exempt", Cell(pack, "IT", "BD-1").Str("timeliness"));
        Assert.Equal(29, Summary(pack, "BD-1")["obligated"]!.GetValue<int>());
        Assert.Equal(0.069, Summary(pack, "BD-1")["highCompletionShare"]!.GetValue<double>());
        Assert.DoesNotContain(pack["late"]!.AsArray(), l => l!.Str("participantId") == "IT" && l.Str("commitmentId") == "BD-1");
        var list = (await (await _admin.GetAsync($"/v1/cycles/{Cycle}/exemptions")).AssertOkAsync())["items"]!;
        Assert.Equal("Reported through the G7 process.", list[0]!.Str("reason"));

        await (await _admin.PostAsJsonAsync($"/v1/cycles/{Cycle}/exemptions", new { participantId = "IT", commitmentId = "BD-1", reason = "again" }))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        await (await _admin.PostAsJsonAsync($"/v1/cycles/{Cycle}/exemptions", new { participantId = "IT", commitmentId = "BD-4", reason = "n/a" }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await _admin.PostAsJsonAsync($"/v1/cycles/{Cycle}/exemptions", new { participantId = "IT", commitmentId = "BD-2" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "reason");
    }

    [SkippableFact]
    public async Task AFutureAsOfIsRefused()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var future = Uri.EscapeDataString(_clock.GetUtcNow().AddDays(3).ToString("O"));
        await (await _admin.GetAsync($"/v1/cycles/{Cycle}/coverage?asOf={future}")).AssertProblemAsync(HttpStatusCode.BadRequest, "asOf");
        await (await _admin.GetAsync("/v1/cycles/nope/coverage")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _admin.GetAsync("/v1/briefing-packs/00000000-0000-0000-0000-000000000000")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task ALiaisonPullsItsOwnDigestWithItsRestrictedUpdatesOnly()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var de = await _api.LiaisonAsync("DE");
        var digest = await (await de.GetAsync($"/v1/participants/DE/digest?cycle={Cycle}")).AssertOkAsync();
        Assert.Equal("participant:DE", digest.Str("audience"));
        var item = digest["participant"]!["items"]!.AsArray().Single(i => i!.Str("commitmentId") == "BD-1")!;
        Assert.Equal("limited", item.Str("status"));
        Assert.Equal(DeRestrictedMessage, item.Str("mainMessage"));
        await (await de.GetAsync($"/v1/participants/GB/digest?cycle={Cycle}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await de.GetAsync("/v1/participants/DE/digest")).AssertProblemAsync(HttpStatusCode.BadRequest, "cycle");
        // GB's digest, pulled by GB, is GB's: its own accepted BD-1 is there, and DE's restricted message is nowhere in the response.
        var response = await (await _api.LiaisonAsync("GB")).GetAsync($"/v1/participants/GB/digest?cycle={Cycle}");
        var gb = await response.AssertOkAsync();
        Assert.Equal("participant:GB", gb.Str("audience"));
        Assert.Equal("GB", gb["participant"]!.Str("participantId"));
        var own = gb["participant"]!["items"]!.AsArray().Single(i => i!.Str("commitmentId") == "BD-1")!;
        Assert.Equal("complete", own.Str("status"));
        Assert.Equal("accepted", own.Str("state"));
        Assert.DoesNotContain(DeRestrictedMessage, await response.Content.ReadAsStringAsync());
    }

    [SkippableFact]
    public async Task CoverageIsTheMatrixWithItsFigures()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var coverage = await (await _admin.GetAsync($"/v1/cycles/{Cycle}/coverage")).AssertOkAsync();
        var pack = await Pack();
        Assert.Equal(pack["matrix"]!.ToJsonString(), coverage["matrix"]!.ToJsonString());
        Assert.Equal(pack["commitments"]!.ToJsonString(), coverage["commitments"]!.ToJsonString());
    }
}

public sealed class BriefingPackOnSqlite() : BriefingPackContract(SqliteProvisioner.Instance);

[Collection(SqlServerCollection.Name)]
public sealed class BriefingPackOnSqlServer(SqlServerProvisioner sqlServer) : BriefingPackContract(sqlServer);

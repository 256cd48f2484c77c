using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Commitments.Tests.Support;

namespace Commitments.Tests.Trust;

/// <summary>
/// Each defect the attacker's and the official's trials found, replayed over HTTP against the real server process (Kestrel,
/// the production pipeline, a SQLite file), so what the in-process tests show holds where it is deployed.
/// </summary>
[Trait("Category", "Drill")]
public sealed class TrustRegressionDrill
{
    private const string Secret = "cmt_drill-secretariat-bootstrap-key-0123456789";

    [Fact]
    public async Task EveryTrustDefectStaysFixedOnTheRealServer()
    {
        var (folder, env) = ApiProcess.FreshSqlite();
        env["COMMITMENTS_BOOTSTRAP_KEY"] = Secret;
        await using var api = await ApiProcess.StartAsync(env, folder);
        HttpClient As(string? key)
        {
            var client = new HttpClient { BaseAddress = api.Address };
            if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
            return client;
        }
        var admin = As(Secret);
        async Task<HttpClient> Key(string role, string? participant = null)
        {
            var created = await (await admin.PostAsJsonAsync("/v1/api-keys", new { role, participantId = participant, label = $"drill {role}" }))
                .AssertOkAsync(HttpStatusCode.Created);
            return As(created["secret"]!.GetValue<string>());
        }
        var now = DateTime.UtcNow;
        await (await admin.PostAsJsonAsync("/v1/cycles", new
        {
            id = Filing.OpenCycle, title = "Drill", opensAt = now.AddDays(-10), dueAt = now.AddDays(30), graceUntil = now.AddDays(37),
            state = "open", instruments = new[] { "BD", "ST" },
        })).AssertOkAsync(HttpStatusCode.Created);
        var gb = await Key("liaison", "GB");
        var observer = await Key("observer");

        // History leak: a restricted first revision stays hidden after the update is made public and submitted.
        var leaked = (await gb.FileAsync(Filing.Body(confidentiality: "restricted", summary: "Restricted bilateral detail."))).Id();
        await (await gb.SendAsync(Filing.Put(leaked, Filing.Content(summary: "Public account."), "\"1\""))).AssertOkAsync();
        await (await gb.PostAsync($"/v1/updates/{leaked}/submit", null)).AssertOkAsync();
        Assert.DoesNotContain("Restricted bilateral", await (await observer.GetAsync($"/v1/updates/{leaked}/revisions")).Content.ReadAsStringAsync());

        // A draft never submitted stays hidden once withdrawn; the withdrawn update can be reopened by its participant.
        var draft = (await gb.FileAsync(Filing.Body(commitment: "BD-2", summary: "Unsubmitted draft text."))).Id();
        await (await gb.PostAsync($"/v1/updates/{draft}/withdraw", null)).AssertOkAsync();
        await (await observer.GetAsync($"/v1/updates/{draft}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("draft", (await (await gb.PostAsync($"/v1/updates/{draft}/reopen", null)).AssertOkAsync()).Str("state"));

        // Public reports show no drafts.
        var publicCoverage = await (await admin.GetAsync($"/v1/cycles/{Filing.OpenCycle}/coverage?audience=public")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(draft, publicCoverage);
        Assert.DoesNotContain("\"draft\"", publicCoverage);

        // Refusals are problem details whatever the Accept header.
        foreach (var accept in new[] { "text/csv", "text/html" })
        {
            var bad = new HttpRequestMessage(HttpMethod.Get, $"/v1/cycles/{Filing.OpenCycle}/briefing-pack");
            bad.Headers.Add("X-Api-Key", "cmt_not-a-key-000000000000000000000000");
            bad.Headers.Accept.ParseAdd(accept);
            await (await As(null).SendAsync(bad)).AssertProblemAsync(HttpStatusCode.Unauthorized);
            var forbidden = new HttpRequestMessage(HttpMethod.Get, $"/v1/cycles/{Filing.OpenCycle}/briefing-pack");
            forbidden.Headers.Accept.ParseAdd(accept);
            await (await observer.SendAsync(forbidden)).AssertProblemAsync(HttpStatusCode.Forbidden);
        }

        // The only secretariat key cannot revoke itself.
        var me = await (await admin.GetAsync("/v1/me")).AssertOkAsync();
        await (await admin.DeleteAsync($"/v1/api-keys/{me.Str("keyId")}")).AssertProblemAsync(HttpStatusCode.Conflict);

        // The secretariat reviews the revision it read; "01" is not revision 1.
        var reviewed = (await gb.FileAsync(Filing.Body(commitment: "BD-7", submit: true))).Id();
        await (await admin.SendAsync(Filing.Review(reviewed, new { decision = "accept" }, null))).AssertProblemAsync(HttpStatusCode.PreconditionRequired);
        await (await gb.SendAsync(Filing.Put(reviewed, Filing.Content(), "\"01\""))).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        var accepted = await (await admin.SendAsync(Filing.Review(reviewed,
            new { decision = "accept", comment = "Internal: overstated.", commentVisibility = "internal" }, "\"1\""))).AssertOkAsync();
        Assert.Equal("accepted", accepted.Str("state"));
        var asObserver = await (await observer.GetAsync($"/v1/updates/{reviewed}/revisions/2")).AssertOkAsync();
        Assert.Null(asObserver["comment"]);
        Assert.Null(asObserver["actorKeyId"]);

        // A trailing newline is not an id; a year-1 offset is not a time; a look-alike host is stored in ASCII.
        await (await admin.PostAsJsonAsync("/v1/participants", new { id = "ZZ\n", name = "Nowhere", kind = "government" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "id");
        await (await admin.GetAsync($"/v1/cycles/{Filing.OpenCycle}/coverage?asOf={Uri.EscapeDataString("0001-01-01T00:00:00+05:00")}"))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "asOf");
        var lookalike = await gb.FileAsync(new
        {
            participantId = "GB", commitmentId = "BD-5", cycleId = Filing.OpenCycle, status = "limited", summary = "Look-alike link.", mainMessage = "x;=1+2",
            evidence = new[] { new { url = "https://g\u043ev.uk/report", title = "Report" } }, confidentiality = "public", submit = true,
        });
        Assert.StartsWith("https://xn--", lookalike["evidence"]![0]!.Str("url"));

        // Non-public answers are not cached; CSV neutralises formulas in every separator locale.
        var updateResponse = await gb.GetAsync($"/v1/updates/{leaked}");
        Assert.True(updateResponse.Headers.CacheControl?.NoStore, "no-store on an update read with a key");
        var csvRequest = new HttpRequestMessage(HttpMethod.Get, $"/v1/cycles/{Filing.OpenCycle}/briefing-pack");
        csvRequest.Headers.Accept.ParseAdd("text/csv");
        var csv = await (await admin.SendAsync(csvRequest)).Content.ReadAsStringAsync();
        Assert.Contains("'x;=1+2", csv);

        // A public pack as of a time keeps what was published then, even after the content is restricted.
        var published = (await gb.FileAsync(Filing.Body(commitment: "BD-6", submit: true, summary: "Published then."))).Id();
        await Task.Delay(50);
        var asOf = Uri.EscapeDataString(DateTime.UtcNow.ToString("O"));
        await Task.Delay(50);
        var before = await (await admin.GetAsync($"/v1/cycles/{Filing.OpenCycle}/briefing-pack?audience=public&asOf={asOf}")).Content.ReadAsStringAsync();
        Assert.Contains(published, before);
        await (await gb.SendAsync(Filing.Put(published, Filing.Content(confidentiality: "restricted"), "\"1\""))).AssertOkAsync();
        var after = await (await admin.GetAsync($"/v1/cycles/{Filing.OpenCycle}/briefing-pack?audience=public&asOf={asOf}")).Content.ReadAsStringAsync();
        Assert.Equal(before, after);
        var current = await (await admin.GetAsync($"/v1/cycles/{Filing.OpenCycle}/briefing-pack?audience=public")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(published, current);

        Assert.DoesNotContain("   at ", api.Output);
        Assert.DoesNotContain(Secret[..12], api.Output);
    }
}

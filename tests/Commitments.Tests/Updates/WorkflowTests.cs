using System.Net;
using System.Net.Http.Json;
using Commitments.Tests.Access;
using Commitments.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Commitments.Tests.Updates;

/// <summary>The workflow holes an attacker and a secretariat official found, closed.</summary>
public sealed class WorkflowTests
{
    [Fact]
    public async Task AWithdrawnUpdateReopensAsADraftAndItsNextSubmissionIsItsFirst()
    {
        await using var api = await TestApi.StartAsync();
        await api.CreateOpenCycleAsync();
        var gb = await api.LiaisonAsync("GB");
        var id = (await gb.FileAsync(Filing.Body(submit: true))).Id();
        await (await gb.PostAsync($"/v1/updates/{id}/withdraw", null)).AssertOkAsync();
        // Filing again for the same obligation still names the existing update, which can now be reopened.
        var again = await (await gb.PostAsJsonAsync("/v1/updates", Filing.Body())).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(id, again["existingId"]!.GetValue<string>());

        var fr = await api.LiaisonAsync("FR");
        await (await fr.PostAsync($"/v1/updates/{id}/reopen", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        var reopened = await (await gb.PostAsync($"/v1/updates/{id}/reopen", null)).AssertOkAsync();
        Assert.Equal("draft", reopened.Str("state"));
        Assert.Null(reopened["firstSubmittedAt"]);
        Assert.Null(reopened["timeliness"]);
        await (await gb.PostAsync($"/v1/updates/{id}/reopen", null)).AssertProblemAsync(HttpStatusCode.Conflict);

        await (await gb.SendAsync(Filing.Put(id, Filing.Content(summary: "Refiled."), "\"3\""))).AssertOkAsync();
        var submitted = await (await gb.PostAsync($"/v1/updates/{id}/submit", null)).AssertOkAsync();
        Assert.Equal("submitted", submitted.Str("state"));
        Assert.True(submitted["firstSubmittedAt"]!.GetValue<DateTime>() > reopened["updatedAt"]!.GetValue<DateTime>().AddTicks(-1));
        var actions = (await gb.AllItemsAsync($"/v1/updates/{id}/revisions")).Select(r => r.Str("action"));
        Assert.Equal(["create", "withdraw", "reopen", "amend", "submit"], actions);

        // Reports as of now count it as submitted once more, from its new first submission.
        var coverage = await (await api.Secretariat().GetAsync($"/v1/cycles/{Filing.OpenCycle}/coverage")).AssertOkAsync();
        var cell = coverage["matrix"]!.AsArray().Single(r => r.Str("participantId") == "GB")!["cells"]!.AsArray()
            .Single(c => c.Str("commitmentId") == "BD-1");
        Assert.Equal("submitted", cell.Str("state"));
        Assert.Equal("on_time", cell.Str("timeliness"));
    }

    [Fact]
    public async Task AnETagWithLeadingZerosIsNotTheRevisionItSpells()
    {
        await using var api = await TestApi.StartAsync();
        await api.CreateOpenCycleAsync();
        var gb = await api.LiaisonAsync("GB");
        var id = (await gb.FileAsync(Filing.Body())).Id();
        await (await gb.SendAsync(Filing.Put(id, Filing.Content(), "\"01\""))).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await gb.SendAsync(Filing.Put(id, Filing.Content(), "\"1\""))).AssertOkAsync();
    }

    [Fact]
    public async Task TheSecretariatReviewsOnlyTheRevisionItRead()
    {
        await using var api = await TestApi.StartAsync();
        await api.CreateOpenCycleAsync();
        var gb = await api.LiaisonAsync("GB");
        var admin = api.Secretariat();
        var id = (await gb.FileAsync(Filing.Body(submit: true))).Id();
        var accept = new { decision = "accept" };
        await (await admin.SendAsync(Filing.Review(id, accept, null))).AssertProblemAsync(HttpStatusCode.PreconditionRequired);
        await (await admin.SendAsync(Filing.Review(id, accept, "*"))).AssertProblemAsync(HttpStatusCode.PreconditionRequired);
        // The liaison replaces the content after the secretariat read revision 1: accepting revision 1 is refused.
        await (await gb.SendAsync(Filing.Put(id, Filing.Content(summary: "Swapped after reading."), "\"1\""))).AssertOkAsync();
        await (await admin.SendAsync(Filing.Review(id, accept, "\"1\""))).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        var accepted = await (await admin.SendAsync(Filing.Review(id, accept, "\"2\""))).AssertOkAsync();
        Assert.Equal("accepted", accepted.Str("state"));
        Assert.Equal("Swapped after reading.", accepted.Str("summary"));
    }

    [Fact]
    public async Task OnlyTheSecretariatSeesWhichKeyMadeARevision()
    {
        await using var api = await TestApi.StartAsync();
        await api.CreateOpenCycleAsync();
        var gb = await api.LiaisonAsync("GB");
        var id = (await gb.FileAsync(Filing.Body(submit: true))).Id();
        var observer = api.As((await api.IssueKeyAsync("observer")).Secret);
        foreach (var reader in new[] { observer, gb, await api.LiaisonAsync("FR") })
        {
            var revision = await (await reader.GetAsync($"/v1/updates/{id}/revisions/1")).AssertOkAsync();
            Assert.Null(revision["actorKeyId"]);
            Assert.Equal("liaison", revision.Str("actorRole"));
        }
        var seen = await (await api.Secretariat().GetAsync($"/v1/updates/{id}/revisions/1")).AssertOkAsync();
        Assert.False(string.IsNullOrEmpty(seen.Str("actorKeyId")));
    }

    [Fact]
    public async Task AnInternalReviewCommentReachesOnlyTheSecretariat()
    {
        await using var api = await TestApi.StartAsync();
        await api.CreateOpenCycleAsync();
        var gb = await api.LiaisonAsync("GB");
        var admin = api.Secretariat();
        var id = (await gb.FileAsync(Filing.Body(submit: true))).Id();
        await (await admin.SendAsync(Filing.Review(id, new { decision = "return", comment = "x", commentVisibility = "internal" }, "\"1\"")))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "commentVisibility");
        var accepted = await (await admin.SendAsync(Filing.Review(id,
            new { decision = "accept", comment = "Minister's office says this overstates progress.", commentVisibility = "internal" }, "\"1\""))).AssertOkAsync();
        Assert.Equal("internal", accepted.Str("commentVisibility"));

        var observer = api.As((await api.IssueKeyAsync("observer")).Secret);
        foreach (var reader in new[] { gb, observer, await api.LiaisonAsync("FR") })
        {
            foreach (var path in new[] { $"/v1/updates/{id}", $"/v1/updates/{id}/revisions", $"/v1/updates/{id}/revisions/2", $"/v1/updates?limit=200" })
            {
                var text = await (await reader.GetAsync(path)).Content.ReadAsStringAsync();
                Assert.DoesNotContain("overstates", text);
            }
        }
        var seen = await (await admin.GetAsync($"/v1/updates/{id}")).AssertOkAsync();
        Assert.Equal("Minister's office says this overstates progress.", seen.Str("comment"));
        var revision = await (await admin.GetAsync($"/v1/updates/{id}/revisions/2")).AssertOkAsync();
        Assert.Equal("internal", revision.Str("commentVisibility"));

        // A comment for the participant is shown to it.
        var other = (await gb.FileAsync(Filing.Body(commitment: "BD-2", submit: true))).Id();
        await (await admin.SendAsync(Filing.Review(other, new { decision = "return", comment = "Add the evidence link." }, "\"1\""))).AssertOkAsync();
        var returned = await (await gb.GetAsync($"/v1/updates/{other}")).AssertOkAsync();
        Assert.Equal("Add the evidence link.", returned.Str("comment"));
        Assert.Equal("participant", returned.Str("commentVisibility"));
    }

    [Fact]
    public async Task APlaceholderSubmittedOnTimeAndReplacedAfterTheDueDateShowsAsAmendedLate()
    {
        var clock = new MovableClock(DateTimeOffset.UtcNow);
        await using var api = await TestApi.StartAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        await api.CreateOpenCycleAsync(dueInDays: 2);
        var gb = await api.LiaisonAsync("GB");
        var id = (await gb.FileAsync(Filing.Body(submit: true, summary: "Placeholder."))).Id();
        // Amended before the due date: nothing to flag.
        var early = await (await gb.SendAsync(Filing.Put(id, Filing.Content(summary: "Still a placeholder."), "\"1\""))).AssertOkAsync();
        Assert.Null(early["amendedAfterDueAt"]);

        clock.Advance(TimeSpan.FromDays(5));
        var amended = await (await gb.SendAsync(Filing.Put(id, Filing.Content(summary: "The real report."), "\"2\""))).AssertOkAsync();
        Assert.Equal("on_time", amended.Str("timeliness"));
        Assert.NotNull(amended["amendedAfterDueAt"]);
        var revisions = (await gb.AllItemsAsync($"/v1/updates/{id}/revisions"));
        Assert.Equal([false, false, true], revisions.Select(r => r!["lateAmendment"]!.GetValue<bool>()));

        // The report says so, now and as of a time after the amendment, and not as of a time before it.
        foreach (var (query, flagged) in new[] { ("", true), ($"?asOf={Uri.EscapeDataString(clock.GetUtcNow().ToString("O"))}", true),
                     ($"?asOf={Uri.EscapeDataString(clock.GetUtcNow().AddDays(-4).ToString("O"))}", false) })
        {
            var coverage = await (await api.Secretariat().GetAsync($"/v1/cycles/{Filing.OpenCycle}/coverage{query}")).AssertOkAsync();
            var cell = coverage["matrix"]!.AsArray().Single(r => r.Str("participantId") == "GB")!["cells"]!.AsArray()
                .Single(c => c.Str("commitmentId") == "BD-1");
            Assert.Equal("on_time", cell.Str("timeliness"));
            Assert.True(flagged == cell!["amendedAfterDue"]!.GetValue<bool>(), $"coverage{query}");
        }
    }
}

/// <summary>
/// A single read and a page of the list write an update's evidence as stored, without parsing it into objects; what they
/// write must be what the API writes for the same evidence held in memory (a filing's own answer), byte for byte.
/// </summary>
public sealed class StoredEvidenceTests
{
    private static string EvidenceOf(string body)
    {
        var match = System.Text.RegularExpressions.Regex.Match(body, "\"evidence\":(\\[.*?\\]),\"plannedCompletion\"");
        Assert.True(match.Success, body);
        return match.Groups[1].Value;
    }

    [Fact]
    public async Task EvidenceReadAsStoredIsWrittenAsTheApiWritesItFromMemory()
    {
        await using var api = await TestApi.StartAsync();
        await api.CreateOpenCycleAsync();
        var gb = await api.LiaisonAsync("GB");
        // Every kind and none; titles and a URL with characters a JSON writer escapes (quotes, <, &, +, accents, an emoji).
        object[] evidence =
        [
            .. Enum.GetNames<Commitments.Domain.EvidenceKind>().Select((kind, i) => new { url = $"https://example.org/{i}?a=1&b=<2>+x", title = $"\"{kind}\" <b>&amp; é — 💡", kind = System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(kind) }),
            new { url = "https://münchen.example/ä", title = "No kind, 'single' \\ backslash", kind = (string?)null },
        ];
        var body = System.Text.Json.JsonSerializer.SerializeToNode(Filing.Body(submit: true), HttpAssertions.Web)!.AsObject();
        body["evidence"] = System.Text.Json.JsonSerializer.SerializeToNode(evidence, HttpAssertions.Web);
        var filed = await gb.PostAsJsonAsync("/v1/updates", body);
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var written = EvidenceOf(await filed.Content.ReadAsStringAsync());
        Assert.Contains("xn--", written); // the host in canonical (ASCII) form, as stored
        Assert.Equal(evidence.Length, System.Text.Json.JsonDocument.Parse(written).RootElement.GetArrayLength());

        var id = System.Text.Json.Nodes.JsonNode.Parse(await filed.Content.ReadAsStringAsync())!.Str("id");
        Assert.Equal(written, EvidenceOf(await (await gb.GetAsync($"/v1/updates/{id}")).Content.ReadAsStringAsync()));
        Assert.Equal(written, EvidenceOf(await (await gb.GetAsync($"/v1/updates?participant=GB")).Content.ReadAsStringAsync()));
        // Evidence with nothing to escape (written as stored), and none (an empty list).
        var plain = await gb.PostAsJsonAsync("/v1/updates", Filing.Body(commitment: "BD-2"));
        var plainBody = await plain.Content.ReadAsStringAsync();
        Assert.Contains("\"title\":\"AISI overview\",\"kind\":\"webpage\"", EvidenceOf(plainBody));
        var plainId = System.Text.Json.Nodes.JsonNode.Parse(plainBody)!.Str("id");
        Assert.Equal(EvidenceOf(plainBody), EvidenceOf(await (await gb.GetAsync($"/v1/updates/{plainId}")).Content.ReadAsStringAsync()));
        var none = (await gb.FileAsync(WithoutEvidence(Filing.Body(commitment: "BD-5")))).Id();
        Assert.Equal("[]", EvidenceOf(await (await gb.GetAsync($"/v1/updates/{none}")).Content.ReadAsStringAsync()));
    }

    private static System.Text.Json.Nodes.JsonObject WithoutEvidence(object body)
    {
        var node = System.Text.Json.JsonSerializer.SerializeToNode(body, HttpAssertions.Web)!.AsObject();
        node["evidence"] = new System.Text.Json.Nodes.JsonArray();
        return node;
    }
}

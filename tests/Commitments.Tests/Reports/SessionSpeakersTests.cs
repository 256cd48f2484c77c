using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Commitments.Tests.Access;
using Commitments.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Commitments.Tests.Reports;

/// <summary>The secretariat names a cycle's session speakers; the list is audited, validated, readable, and leads the pack as of its time.</summary>
public sealed class SessionSpeakersTests
{
    [Fact]
    public async Task TheSecretariatNamesSpeakersInRunningOrderAndThePackLeadsWithThem()
    {
        var clock = new MovableClock(DateTimeOffset.UtcNow);
        await using var api = await TestApi.StartAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        var admin = api.Secretariat();
        var before = clock.GetUtcNow().UtcDateTime;
        var named = await (await admin.PutAsJsonAsync("/v1/cycles/seoul-2024/speakers", new { participantIds = new[] { "KR", "GB", "anthropic" } })).AssertOkAsync();
        Assert.Equal(["KR", "GB", "anthropic"], named["speakers"]!.AsArray().Select(s => s.Str("participantId")));
        Assert.Equal("Republic of Korea", named["speakers"]![0].Str("name"));

        // Any key reads them; the pack lists them in running order and gives each a digest marked as a speaker.
        var observer = api.As((await api.IssueKeyAsync("observer")).Secret);
        var read = await (await observer.GetAsync("/v1/cycles/seoul-2024/speakers")).AssertOkAsync();
        Assert.Equal(named.ToJsonString(), read.ToJsonString());
        clock.Advance(TimeSpan.FromMinutes(1));
        var pack = await (await admin.GetAsync("/v1/cycles/seoul-2024/briefing-pack")).AssertOkAsync();
        Assert.Equal(["KR", "GB", "anthropic"], pack["speakers"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(["KR", "GB", "anthropic"], pack["brief"]!["speakers"]!.AsArray().Select(s => s.Str("participantId")));
        Assert.True(pack["digests"]!.AsArray().Single(d => d.Str("participantId") == "GB")!["speaker"]!.GetValue<bool>());

        // A new list replaces the old one now; a pack as of before still leads with the old list, and one as of before any with none.
        var midway = clock.GetUtcNow().UtcDateTime;
        clock.Advance(TimeSpan.FromMinutes(1));
        await (await admin.PutAsJsonAsync("/v1/cycles/seoul-2024/speakers", new { participantIds = new[] { "FR" } })).AssertOkAsync();
        clock.Advance(TimeSpan.FromMinutes(1));
        JsonNode Speakers(JsonNode p) => p["speakers"]!;
        async Task<JsonNode> PackAsOf(DateTime t) => await (await admin.GetAsync(
            $"/v1/cycles/seoul-2024/briefing-pack?asOf={Uri.EscapeDataString(t.ToString("O"))}")).AssertOkAsync();
        Assert.Equal("[\"KR\",\"GB\",\"anthropic\"]", Speakers(await PackAsOf(midway)).ToJsonString());
        Assert.Equal("[]", Speakers(await PackAsOf(before.AddSeconds(-1))).ToJsonString());
        Assert.Equal("[\"FR\"]", Speakers(await (await admin.GetAsync("/v1/cycles/seoul-2024/briefing-pack")).AssertOkAsync()).ToJsonString());

        var audit = await (await admin.GetAsync("/v1/audit?action=cycle.speakers")).AssertOkAsync();
        var entries = audit["items"]!.AsArray();
        Assert.Equal(2, entries.Count);
        Assert.Contains(entries, e => e!.ToJsonString().Contains("FR") && e.ToJsonString().Contains("anthropic"));
    }

    [Fact]
    public async Task AnUnknownOrUnboundSpeakerIsRefusedNamingItsPlaceInTheList()
    {
        await using var api = await TestApi.StartAsync();
        var admin = api.Secretariat();
        await (await admin.PutAsJsonAsync("/v1/cycles/seoul-2024/speakers", new { participantIds = new[] { "GB", "XX" } }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "participantIds[1]");
        // The UN endorsed nothing in the cycle's scope: it has no obligations to speak on.
        await (await admin.PutAsJsonAsync("/v1/cycles/seoul-2024/speakers", new { participantIds = new[] { "UN" } }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "participantIds[0]");
        await (await admin.PutAsJsonAsync("/v1/cycles/seoul-2024/speakers", new { participantIds = new[] { "GB", "GB" } }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "participantIds");
        await (await admin.PutAsJsonAsync("/v1/cycles/seoul-2024/speakers", new { }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "participantIds");
        await (await admin.PutAsJsonAsync("/v1/cycles/nope/speakers", new { participantIds = Array.Empty<string>() })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.GetAsync("/v1/cycles/nope/speakers")).AssertProblemAsync(HttpStatusCode.NotFound);
        // Nothing refused was stored.
        var read = await (await admin.GetAsync("/v1/cycles/seoul-2024/speakers")).AssertOkAsync();
        Assert.Empty(read["speakers"]!.AsArray());
        Assert.Null(read["namedAt"]);
    }
}

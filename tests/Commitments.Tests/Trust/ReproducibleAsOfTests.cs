using System.Net;
using System.Net.Http.Json;
using Commitments.Tests.Access;
using Commitments.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Commitments.Tests.Trust;

/// <summary>
/// Every as-of answer is reproducible: a long scenario of filings, reviews and catalogue edits (names, titles, cycle dates and
/// scope, endorsements, exemptions) with packs frozen between them; afterwards each frozen pack, recomputed as of its time
/// for its audience, has the same bytes.
/// </summary>
public sealed class ReproducibleAsOfTests
{
    [Fact]
    public async Task EveryFrozenPackOfALongScenarioIsRecomputedByteForByte()
    {
        var clock = new MovableClock(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        await using var api = await TestApi.StartAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        var admin = api.Secretariat();
        const string cycle = "long-run";
        var t0 = clock.GetUtcNow().UtcDateTime;
        await (await admin.PostAsJsonAsync("/v1/cycles", new
        {
            id = cycle, title = "Long run", opensAt = t0.AddDays(-1), dueAt = t0.AddDays(6), graceUntil = t0.AddDays(9),
            state = "open", instruments = new[] { "BD" },
        })).AssertOkAsync(HttpStatusCode.Created);
        var gb = await api.LiaisonAsync("GB");
        var fr = await api.LiaisonAsync("FR");
        List<(string Id, DateTime AsOf, string Audience)> frozen = [];

        async Task Freeze(string audience)
        {
            var pack = await (await admin.PostAsJsonAsync($"/v1/cycles/{cycle}/briefing-packs", new { audience })).AssertOkAsync(HttpStatusCode.Created);
            frozen.Add((pack.Id(), pack["asOf"]!.GetValue<DateTime>(), audience));
            clock.Advance(TimeSpan.FromMinutes(1)); // what happens next happens after the pack's time, as on a real clock
        }

        var commitments = new[] { "BD-1", "BD-2", "BD-7b", "BD-5", "BD-6", "BD-7" };
        string? gbUpdate = null;
        for (var round = 0; round < commitments.Length; round++)
        {
            // Filing and review.
            var filed = (await gb.FileAsync(Filing.Body(commitment: commitments[round], cycle: cycle, submit: round % 2 == 0,
                confidentiality: round % 3 == 0 ? "restricted" : "public"))).Id();
            gbUpdate ??= filed;
            await (await fr.PostAsJsonAsync("/v1/updates", Filing.Body("FR", commitments[round], cycle, submit: true))).AssertOkAsync(HttpStatusCode.Created);
            if (round == 2) await (await admin.ReviewAsync(gbUpdate, new { decision = "accept", assessedStatus = "limited" })).AssertOkAsync();
            clock.Advance(TimeSpan.FromHours(5));

            // Catalogue edits between the freezes.
            await (await admin.PatchAsJsonAsync("/v1/participants/FR", new { name = $"France (edit {round})" })).AssertOkAsync();
            await (await admin.PatchAsJsonAsync($"/v1/commitments/{commitments[round]}", new { title = $"Retitled in round {round}" })).AssertOkAsync();
            await (await admin.PatchAsJsonAsync($"/v1/cycles/{cycle}", new { title = $"Long run, round {round}" })).AssertOkAsync();
            if (round == 1)
                await (await admin.PostAsJsonAsync($"/v1/cycles/{cycle}/exemptions", new { participantId = "DE", commitmentId = "BD-7d", reason = "Agreed." }))
                    .AssertOkAsync(HttpStatusCode.Created);
            if (round == 3)
                await (await admin.PatchAsJsonAsync("/v1/participants/NZ", new
                {
                    endorsements = new[] { new { instrument = "BD", endorsedOn = "2023-11-01", basis = "original" } },
                })).AssertOkAsync();
            if (round == 4)
                await (await admin.PatchAsJsonAsync($"/v1/cycles/{cycle}", new { dueAt = t0.AddDays(2), instruments = new[] { "BD", "ST" } })).AssertOkAsync();
            clock.Advance(TimeSpan.FromHours(19));
            await Freeze(round % 2 == 0 ? "secretariat" : "public");
        }
        Assert.Equal(commitments.Length, frozen.Count);

        foreach (var (id, asOf, audience) in frozen)
        {
            var stored = await (await admin.GetAsync($"/v1/briefing-packs/{id}")).Content.ReadAsByteArrayAsync();
            var recomputed = await admin.GetAsync(
                $"/v1/cycles/{cycle}/briefing-pack?audience={audience}&asOf={Uri.EscapeDataString(asOf.ToString("O"))}");
            Assert.Equal(HttpStatusCode.OK, recomputed.StatusCode);
            var bytes = await recomputed.Content.ReadAsByteArrayAsync();
            var (a, b) = (System.Text.Encoding.UTF8.GetString(stored), System.Text.Encoding.UTF8.GetString(bytes));
            var at = Enumerable.Range(0, Math.Min(a.Length, b.Length)).FirstOrDefault(i => a[i] != b[i], Math.Min(a.Length, b.Length));
            Assert.True(a == b, $"pack {id} as of {asOf:O} ({audience}) differs when recomputed, from character {at}:\n"
                + $"frozen:     …{a[Math.Max(0, at - 150)..Math.Min(a.Length, at + 250)]}\nrecomputed: …{b[Math.Max(0, at - 150)..Math.Min(b.Length, at + 250)]}");
        }
    }
}

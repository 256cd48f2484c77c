using System.Net;
using System.Net.Http.Json;
using Commitments.Tests.Access;
using Commitments.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Commitments.Tests.Trust;

/// <summary>
/// A pack as of a past time is the same bytes whenever it is asked for: freezing packs later, as of a later or an
/// earlier time, does not change which pack it compares with.
/// </summary>
public sealed class ReproduciblePackTests
{
    private static readonly DateTime T1 = new(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Between = new(2024, 5, 15, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime T2 = new(2024, 6, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task FreezingLaterPacksDoesNotChangeAPastPack()
    {
        await using var api = await TestApi.StartAsync();
        var admin = api.Secretariat();
        async Task<byte[]> PackAsOf(DateTime asOf) =>
            await (await admin.GetAsync($"/v1/cycles/seoul-2024/briefing-pack?asOf={Uri.EscapeDataString(asOf.ToString("O"))}"))
                .Content.ReadAsByteArrayAsync();
        async Task Freeze(DateTime asOf) =>
            await (await admin.PostAsJsonAsync("/v1/cycles/seoul-2024/briefing-packs", new { asOf })).AssertOkAsync(HttpStatusCode.Created);

        await Freeze(T1);
        var atT1 = await PackAsOf(T1);
        var atT2 = await PackAsOf(T2);
        await Freeze(T2);
        Assert.Equal(atT1, await PackAsOf(T1));
        await Freeze(Between); // a pack frozen now as of an earlier time did not exist at T2
        Assert.Equal(atT2, await PackAsOf(T2));
        Assert.Equal(atT1, await PackAsOf(T1));
    }

    [Fact]
    public async Task APackCannotBeFrozenAsOfTheFuture()
    {
        await using var api = await TestApi.StartAsync();
        var response = await api.Secretariat().PostAsJsonAsync("/v1/cycles/seoul-2024/briefing-packs", new { asOf = DateTime.UtcNow.AddDays(1) });
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "asOf");
    }

    [Fact]
    public async Task AtMostFiftyPacksAreFrozenPerCycleAndDay()
    {
        // A clock at midday, so that the fifty freezes cannot straddle midnight (the allowance is per UTC day).
        var clock = new MovableClock(new DateTimeOffset(DateTime.UtcNow.Date.AddHours(12), TimeSpan.Zero));
        await using var api = await TestApi.StartAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        var admin = api.Secretariat();
        for (var i = 0; i < 50; i++)
            await (await admin.PostAsJsonAsync("/v1/cycles/seoul-2024/briefing-packs", new { asOf = T1 })).AssertOkAsync(HttpStatusCode.Created);
        await (await admin.PostAsJsonAsync("/v1/cycles/seoul-2024/briefing-packs", new { asOf = T1 })).AssertProblemAsync(HttpStatusCode.Conflict);
        // Another cycle has its own allowance.
        await api.CreateOpenCycleAsync();
        await (await admin.PostAsJsonAsync($"/v1/cycles/{Filing.OpenCycle}/briefing-packs", new { })).AssertOkAsync(HttpStatusCode.Created);
        // The next day brings a new allowance.
        clock.Advance(TimeSpan.FromHours(12));
        await (await admin.PostAsJsonAsync("/v1/cycles/seoul-2024/briefing-packs", new { asOf = T1 })).AssertOkAsync(HttpStatusCode.Created);
    }
}

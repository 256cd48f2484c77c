using System.Net;
using System.Net.Http.Json;
using Commitments.Tests.Support;

namespace Commitments.Tests.Catalogue;

/// <summary>An endorsement counts for a cycle only when it is in force by the cycle's due date, in every report.</summary>
public sealed class EndorsementDatesTests
{
    [Fact]
    public async Task NewZealandWhichJoinedAfterTheSeoulCycleWasDueIsInNoSeoulFigure()
    {
        await using var api = await TestApi.StartAsync();
        var admin = api.Secretariat();
        var pack = await (await admin.GetAsync("/v1/cycles/seoul-2024/briefing-pack?asOf=2024-05-16T00:00:00Z")).AssertOkAsync();
        Assert.Contains(pack["matrix"]!.AsArray(), r => r.Str("participantId") == "GB");
        Assert.DoesNotContain(pack["matrix"]!.AsArray(), r => r.Str("participantId") == "NZ");
        Assert.DoesNotContain(pack["digests"]!.AsArray(), d => d.Str("participantId") == "NZ");

        // Now, with its endorsement in force, New Zealand (joined October 2024) is still in no seoul-2024 figure, though it
        // has obligations in a cycle due later.
        var now = await (await admin.GetAsync("/v1/cycles/seoul-2024/coverage")).AssertOkAsync();
        Assert.DoesNotContain(now["matrix"]!.AsArray(), r => r.Str("participantId") == "NZ");
        Assert.Contains(now["matrix"]!.AsArray(), r => r.Str("participantId") == "GB");
        await api.CreateOpenCycleAsync();
        var later = await (await admin.GetAsync($"/v1/cycles/{Filing.OpenCycle}/coverage")).AssertOkAsync();
        Assert.Contains(later["matrix"]!.AsArray(), r => r.Str("participantId") == "NZ");
    }
}

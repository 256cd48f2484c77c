using System.Net;
using Commitments.Tests.Support;

namespace Commitments.Tests.Trust;

/// <summary>A date-time query value whose offset takes it outside the calendar is refused, not read as another time.</summary>
public sealed class InstantQueryTests
{
    [Theory]
    [InlineData("/v1/cycles/seoul-2024/briefing-pack?asOf=", "asOf")]
    [InlineData("/v1/cycles/seoul-2024/coverage?asOf=", "asOf")]
    [InlineData("/v1/participants/GB/digest?cycle=seoul-2024&asOf=", "asOf")]
    [InlineData("/v1/updates?changedSince=", "changedSince")]
    [InlineData("/v1/audit?since=", "since")]
    public async Task AnInstantBeforeYearOneOnceItsOffsetIsAppliedIsRefused(string path, string field)
    {
        await using var api = await TestApi.StartAsync();
        var response = await api.Secretariat().GetAsync(path + Uri.EscapeDataString("0001-01-01T00:00:00+05:00"));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task TheSameInstantWithItsOffsetIsAnswered()
    {
        await using var api = await TestApi.StartAsync();
        var response = await api.Secretariat().GetAsync("/v1/cycles/seoul-2024/coverage?asOf=" + Uri.EscapeDataString("2024-05-21T05:00:00+05:00"));
        await response.AssertOkAsync();
    }
}

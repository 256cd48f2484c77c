using System.Net;
using System.Net.Http.Json;
using Commitments.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Commitments.Tests.Access;

public sealed class AuditLogTests
{
    [Fact]
    public async Task TheAuditLogPagesInOrderAndFiltersByActionTargetKeyAndTime()
    {
        var clock = new MovableClock(DateTimeOffset.UtcNow);
        await using var api = await TestApi.StartAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        var admin = api.Secretariat();
        for (var i = 0; i < 5; i++)
            await (await admin.PatchAsJsonAsync("/v1/participants/KE", new { name = $"Kenya {i}" })).AssertOkAsync();
        var (keyId, secret) = await api.IssueKeyAsync("secretariat");
        clock.Advance(TimeSpan.FromHours(1));
        var since = clock.GetUtcNow().AddMinutes(-30);
        // One later change, made with the second key.
        await (await api.As(secret).PatchAsJsonAsync("/v1/participants/KE", new { name = "Kenya 5" })).AssertOkAsync();

        List<long> seen = [];
        string? cursor = null;
        do
        {
            var page = await (await admin.GetAsync("/v1/audit?action=participant.update&limit=2" + (cursor is null ? "" : $"&cursor={cursor}"))).AssertOkAsync();
            var items = page["items"]!.AsArray();
            Assert.True(items.Count <= 2);
            seen.AddRange(items.Select(i => i!["seq"]!.GetValue<long>()));
            Assert.All(items, i => Assert.Equal("participant.update", i!.Str("action")));
            cursor = page["next"]?.GetValue<string>();
        }
        while (cursor is not null);
        Assert.Equal(6, seen.Count);
        Assert.Equal(seen.Order(), seen);

        // By target: the changes of KE and no other participant's.
        var changes = (await (await admin.GetAsync("/v1/audit?targetType=participant&targetId=KE")).AssertOkAsync())["items"]!.AsArray();
        Assert.Equal(seen, changes.Select(i => i!["seq"]!.GetValue<long>()));
        Assert.Contains("Kenya 3", changes[^2]!.Str("before"));
        Assert.Contains("Kenya 4", changes[^2]!.Str("after"));
        var otherTarget = await (await admin.GetAsync("/v1/audit?targetType=participant&targetId=GB")).AssertOkAsync();
        Assert.Empty(otherTarget["items"]!.AsArray());

        // By key: only what the second key did, though the first key did more of the same action.
        var byKey = (await (await admin.GetAsync($"/v1/audit?apiKeyId={keyId}")).AssertOkAsync())["items"]!.AsArray();
        var single = Assert.Single(byKey)!;
        Assert.Equal(seen[^1], single["seq"]!.GetValue<long>());
        Assert.Equal(keyId, single.Str("apiKeyId"));
        Assert.Contains("Kenya 5", single.Str("after"));

        // By time: what was recorded at or after 'since' only.
        var bySince = (await (await admin.GetAsync($"/v1/audit?since={Uri.EscapeDataString(since.ToString("O"))}")).AssertOkAsync())["items"]!.AsArray();
        Assert.Equal([seen[^1]], bySince.Select(i => i!["seq"]!.GetValue<long>()));

        var created = await (await admin.GetAsync("/v1/audit?action=api_key.create")).AssertOkAsync();
        Assert.Equal([keyId], created["items"]!.AsArray().Select(i => i!.Str("targetId")));
        await (await admin.GetAsync("/v1/audit?cursor=abc")).AssertProblemAsync(HttpStatusCode.BadRequest, "cursor");
        await (await admin.GetAsync("/v1/audit?limit=0")).AssertProblemAsync(HttpStatusCode.BadRequest, "limit");
    }
}

using System.Net;
using System.Net.Http.Json;
using Commitments.Tests.Support;

namespace Commitments.Tests.Access;

public sealed class AuditLogTests
{
    [Fact]
    public async Task TheAuditLogPagesInOrderAndFiltersByKeyAndAction()
    {
        await using var api = await TestApi.StartAsync();
        var admin = api.Secretariat();
        for (var i = 0; i < 5; i++)
            await (await admin.PatchAsJsonAsync("/v1/participants/KE", new { name = $"Kenya {i}" })).AssertOkAsync();
        var (keyId, _) = await api.IssueKeyAsync("observer");

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
        Assert.Equal(5, seen.Count);
        Assert.Equal(seen.Order(), seen);

        var changes = await (await admin.GetAsync("/v1/audit?targetType=participant&targetId=KE")).AssertOkAsync();
        var lastChange = changes["items"]!.AsArray()[^1]!;
        Assert.Contains("Kenya 3", lastChange.Str("before"));
        Assert.Contains("Kenya 4", lastChange.Str("after"));

        var created = await (await admin.GetAsync($"/v1/audit?action=api_key.create")).AssertOkAsync();
        Assert.Contains(created["items"]!.AsArray(), i => i!.Str("targetId") == keyId);
        await (await admin.GetAsync("/v1/audit?cursor=abc")).AssertProblemAsync(HttpStatusCode.BadRequest, "cursor");
        await (await admin.GetAsync("/v1/audit?limit=0")).AssertProblemAsync(HttpStatusCode.BadRequest, "limit");
    }
}

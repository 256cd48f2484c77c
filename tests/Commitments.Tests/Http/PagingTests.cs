using System.Net;
using System.Net.Http.Json;
using Commitments.Api.Http;
using Commitments.Tests.Support;

namespace Commitments.Tests.Http;

public sealed class PagingTests
{
    [Fact]
    public async Task TheAuditListGivesNextAndALinkHeaderUntilTheLastPage()
    {
        await using var api = await TestApi.StartAsync();
        var admin = api.Secretariat();
        for (var i = 0; i < 3; i++)
            await (await admin.PatchAsJsonAsync("/v1/participants/KE", new { name = $"Kenya {i}" })).AssertOkAsync();

        var first = await admin.GetAsync("/v1/audit?action=participant.update&limit=2");
        var firstBody = await first.AssertOkAsync();
        Assert.Equal(2, firstBody["items"]!.AsArray().Count);
        var next = firstBody.Str("next");
        var link = Assert.Single(first.Headers.GetValues("Link"));
        Assert.Equal($"</v1/audit?action=participant.update&limit=2&cursor={next}>; rel=\"next\"", link);

        var last = await admin.GetAsync(link[1..link.IndexOf('>')]);
        var lastBody = await last.AssertOkAsync();
        Assert.Contains("Kenya 2", lastBody["items"]!.AsArray().Single().Str("after"));
        Assert.Null(lastBody["next"]);
        Assert.False(last.Headers.Contains("Link"));
    }

    [Fact]
    public async Task TheKeyListPagesTheSameWay()
    {
        await using var api = await TestApi.StartAsync();
        for (var i = 0; i < 2; i++) await api.IssueKeyAsync("observer");
        var admin = api.Secretariat();
        List<string> ids = [];
        var path = "/v1/api-keys?limit=2";
        while (true)
        {
            var response = await admin.GetAsync(path);
            var page = await response.AssertOkAsync();
            ids.AddRange(page["items"]!.AsArray().Select(k => k!.Str("id")));
            if (page["next"] is null) break;
            var link = Assert.Single(response.Headers.GetValues("Link"));
            Assert.Contains($"cursor={page.Str("next")}>", link);
            path = link[1..link.IndexOf('>')];
        }
        Assert.Equal(3, ids.Count);
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
    }

    [Fact]
    public async Task TheParticipantListWalksPageByPageEveryParticipantOnceInKindThenIdOrder()
    {
        await using var api = await TestApi.StartAsync();
        var anonymous = api.Anonymous();
        List<(string Kind, string Id)> seen = [];
        var path = "/v1/participants?limit=7";
        var pages = 0;
        while (true)
        {
            var response = await anonymous.GetAsync(path);
            var page = await response.AssertOkAsync();
            var items = page["items"]!.AsArray();
            seen.AddRange(items.Select(p => (p.Str("kind"), p.Str("id"))));
            pages++;
            if (page["next"] is null)
            {
                Assert.False(response.Headers.Contains("Link"));
                Assert.InRange(items.Count, 1, 7);
                break;
            }
            Assert.Equal(7, items.Count);
            var link = Assert.Single(response.Headers.GetValues("Link"));
            Assert.Equal($"</v1/participants?limit=7&cursor={page.Str("next")}>; rel=\"next\"", link);
            path = link[1..link.IndexOf('>')];
        }

        var whole = (await (await anonymous.GetAsync("/v1/participants?limit=200")).AssertOkAsync())["items"]!.AsArray()
            .Select(p => (p.Str("kind"), p.Str("id"))).ToList();
        Assert.Equal(53, seen.Count);
        Assert.Equal((seen.Count + 6) / 7, pages);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(whole, seen);
        Assert.Equal(seen.OrderBy(p => p.Kind, StringComparer.Ordinal).ThenBy(p => p.Id, StringComparer.Ordinal), seen);

        var participantsCursor = (await (await anonymous.GetAsync("/v1/participants?limit=7")).AssertOkAsync()).Str("next");
        await (await anonymous.GetAsync($"/v1/commitments?cursor={participantsCursor}")).AssertProblemAsync(HttpStatusCode.BadRequest, "cursor");
        var commitmentsCursor = (await (await anonymous.GetAsync("/v1/commitments?limit=7")).AssertOkAsync()).Str("next");
        await (await anonymous.GetAsync($"/v1/participants?cursor={commitmentsCursor}")).AssertProblemAsync(HttpStatusCode.BadRequest, "cursor");
    }

    [Theory]
    [InlineData("/v1/audit?limit=0", "limit")]
    [InlineData("/v1/audit?limit=201", "limit")]
    [InlineData("/v1/audit?limit=abc", "limit")]
    [InlineData("/v1/audit?cursor=not-a-cursor", "cursor")]
    [InlineData("/v1/api-keys?limit=-1", "limit")]
    [InlineData("/v1/api-keys?cursor=%E2%9C%93", "cursor")]
    public async Task ABadLimitOrCursorIs400NamingIt(string path, string field)
    {
        await using var api = await TestApi.StartAsync();
        var body = await (await api.Secretariat().GetAsync(path)).AssertProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.DoesNotContain("Int32", body.ToJsonString());
        Assert.DoesNotContain("Nullable", body.ToJsonString());
    }

    [Fact]
    public async Task ACursorOfOneListIsRefusedByAnother()
    {
        await using var api = await TestApi.StartAsync();
        await api.IssueKeyAsync("observer");
        var keys = await (await api.Secretariat().GetAsync("/v1/api-keys?limit=1")).AssertOkAsync();
        await (await api.Secretariat().GetAsync($"/v1/audit?cursor={keys.Str("next")}")).AssertProblemAsync(HttpStatusCode.BadRequest, "cursor");
    }

    [Fact]
    public void ACursorIsUnpaddedBase64UrlThatDecodesOnlyForItsKind()
    {
        var id = "019a2f1a-0000-7000-8000-0000000000ff";
        var cursor = Cursor.Encode("u1", id);
        Assert.Equal("dTE6MDE5YTJmMWEtMDAwMC03MDAwLTgwMDAtMDAwMDAwMDAwMGZm", cursor);
        Assert.True(Cursor.TryDecode(cursor, "u1", out var key));
        Assert.Equal(id, key);
        Assert.False(Cursor.TryDecode(cursor, "a1", out _));
        Assert.False(Cursor.TryDecode(cursor + "!", "u1", out _));
        Assert.False(Cursor.TryDecode(Cursor.Encode("u1", ""), "u1", out _));
        Assert.False(Cursor.TryDecode(new string('A', 400), "u1", out _));
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Commitments.Domain;
using Commitments.Tests.Support;

namespace Commitments.Tests.Updates;

/// <summary>Single reads, lists, revisions and public reports agree with the one visibility predicate, for every role x state x confidentiality.</summary>
public sealed class VisibilityTests
{
    /// <summary>How each state is reached from a new draft, with the secretariat reviewing.</summary>
    private static readonly Dictionary<string, string[]> Paths = new()
    {
        ["draft"] = [],
        ["submitted"] = ["submit"],
        ["returned"] = ["submit", "return"],
        ["accepted"] = ["submit", "accept"],
        ["withdrawn"] = ["submit", "withdraw"],
        ["withdrawn-draft"] = ["withdraw"],
    };

    [Fact]
    public void OnlyPublishedPublicContentReachesReadersOtherThanTheSecretariatAndTheParticipant()
    {
        var observer = new Caller(Role.Observer, null, "k");
        foreach (var state in Enum.GetValues<UpdateState>())
        {
            Assert.False(Visibility.CanSee(observer, "GB", Confidentiality.Governments, state));
            Assert.Equal(state is UpdateState.Submitted or UpdateState.Accepted, Visibility.CanSee(observer, "GB", Confidentiality.Public, state));
            Assert.False(Visibility.CanSee(observer, "GB", Confidentiality.Restricted, state));
            Assert.False(Visibility.CanSee(new Caller(Role.Liaison, "FR", "k"), "GB", Confidentiality.Restricted, state));
            Assert.True(Visibility.CanSee(new Caller(Role.Liaison, "GB", "k"), "GB", Confidentiality.Restricted, state));
            Assert.True(Visibility.CanSee(new Caller(Role.Secretariat, null, "k"), "GB", Confidentiality.Restricted, state));
        }
    }

    [Fact]
    public async Task ReadsListsAndRevisionsAgreeWithThePredicateForEveryRoleStateAndConfidentiality()
    {
        await using var api = await TestApi.StartAsync();
        await api.CreateOpenCycleAsync();
        var admin = api.Secretariat();
        var gb = await api.LiaisonAsync("GB");
        var readers = new Dictionary<Caller, HttpClient>
        {
            [new Caller(Role.Secretariat, null, null)] = admin,
            [new Caller(Role.Liaison, "GB", null, ParticipantKind.Government)] = gb,
            [new Caller(Role.Liaison, "FR", null, ParticipantKind.Government)] = await api.LiaisonAsync("FR"),
            [new Caller(Role.Liaison, "EU", null, ParticipantKind.InternationalOrganisation)] = await api.LiaisonAsync("EU"),
            [new Caller(Role.Liaison, "anthropic", null, ParticipantKind.Company)] = await api.LiaisonAsync("anthropic"),
            [new Caller(Role.Observer, null, null)] = api.As((await api.IssueKeyAsync("observer")).Secret),
        };

        // Fifteen of GB's obligations in a cycle: a second cycle gives the rest a fresh obligation each.
        await api.CreateOpenCycleAsync("visibility-2");
        string[] obligations = ["BD-1", "BD-2", "BD-5", "BD-6", "BD-7", "BD-7b", "BD-7c", "BD-7d", "ST-1", "ST-3", "ST-4", "ST-5", "ST-9", "CS-2", "CS-3"];
        var commitments = new Queue<(string Commitment, string Cycle)>(
            obligations.Select(o => (o, Filing.OpenCycle)).Concat(obligations.Select(o => (o, "visibility-2"))));
        List<(string Id, Confidentiality Confidentiality, UpdateState State)> updates = [];
        foreach (var confidentiality in new[] { "public", "governments", "restricted" })
        foreach (var (name, steps) in Paths)
        {
            var (commitment, cycle) = commitments.Dequeue();
            var id = (await gb.FileAsync(Filing.Body(commitment: commitment, cycle: cycle, confidentiality: confidentiality))).Id();
            foreach (var step in steps)
            {
                var response = step is "accept" or "return"
                    ? await admin.ReviewAsync(id, new { decision = step, comment = "Reviewed." })
                    : await gb.PostAsync($"/v1/updates/{id}/{step}", null);
                await response.AssertOkAsync();
            }
            updates.Add((id, Codes.Parse<Confidentiality>(confidentiality), Codes.Parse<UpdateState>(name.Split('-')[0])));
        }

        foreach (var (caller, client) in readers)
        {
            HashSet<string> listed = [];
            foreach (var cycle in new[] { Filing.OpenCycle, "visibility-2" })
                listed.UnionWith((await (await client.GetAsync($"/v1/updates?cycle={cycle}&limit=200")).AssertOkAsync())["items"]!.AsArray()
                    .Select(u => u!.Id()));
            foreach (var (id, confidentiality, state) in updates)
            {
                var visible = Visibility.CanSee(caller, "GB", confidentiality, state);
                var because = $"{caller.Role?.ToString() ?? "anonymous"} {caller.ParticipantId} reading a {confidentiality} {state} update";
                var single = await client.GetAsync($"/v1/updates/{id}");
                Assert.True(visible == (single.StatusCode == HttpStatusCode.OK), $"{because}: GET answered {(int)single.StatusCode}");
                Assert.True(visible == listed.Contains(id), $"{because}: the list disagrees");
                var history = await client.GetAsync($"/v1/updates/{id}/revisions");
                if (!visible)
                {
                    await history.AssertProblemAsync(HttpStatusCode.NotFound);
                    continue;
                }
                foreach (var revision in (await history.AssertOkAsync())["items"]!.AsArray())
                    Assert.True(Visibility.CanSee(caller, "GB", Codes.Parse<Confidentiality>(revision.Str("confidentiality")), Codes.Parse<UpdateState>(revision.Str("state"))),
                        $"{because}: revision {revision!["number"]} should be hidden");
            }
        }

        // An anonymous caller reads no update at all: every update route asks for a key.
        foreach (var (id, _, _) in updates)
            foreach (var path in new[] { $"/v1/updates/{id}", $"/v1/updates/{id}/revisions", $"/v1/updates/{id}/revisions/1" })
                await (await api.Anonymous().GetAsync(path)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await api.Anonymous().GetAsync("/v1/updates")).AssertProblemAsync(HttpStatusCode.Unauthorized);

        // A public report shows a cell's update only when the public may see it; drafts and restricted content never.
        HashSet<string?> shown = [];
        foreach (var cycle in new[] { Filing.OpenCycle, "visibility-2" })
        {
            var pack = await (await admin.GetAsync($"/v1/cycles/{cycle}/coverage?audience=public")).AssertOkAsync();
            shown.UnionWith(pack["matrix"]!.AsArray().Single(r => r.Str("participantId") == "GB")!["cells"]!.AsArray()
                .Select(c => c!["updateId"]?.GetValue<string>()).Where(id => id is not null));
        }
        Assert.Equal(updates.Where(u => Visibility.IsPublished(u.Confidentiality, u.State)).Select(u => u.Id).Order(), shown.Order()!);
    }

    [Fact]
    public async Task HistoryShowsEachRevisionByItsOwnConfidentialityAndState()
    {
        await using var api = await TestApi.StartAsync();
        await api.CreateOpenCycleAsync();
        var gb = await api.LiaisonAsync("GB");
        var observer = api.As((await api.IssueKeyAsync("observer")).Secret);
        // Filed restricted with a secret, then made public and submitted: the first revision must stay hidden.
        var id = (await gb.FileAsync(Filing.Body(confidentiality: "restricted", summary: "Secret bilateral arrangement with a named lab."))).Id();
        await (await gb.SendAsync(Filing.Put(id, Filing.Content(summary: "Public account."), "\"1\""))).AssertOkAsync();
        await (await gb.PostAsync($"/v1/updates/{id}/submit", null)).AssertOkAsync();

        var history = await observer.GetAsync($"/v1/updates/{id}/revisions");
        var text = await history.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, history.StatusCode);
        Assert.DoesNotContain("Secret bilateral", text);
        Assert.Equal([3], (await history.ReadJsonAsync())["items"]!.AsArray().Select(r => r!["number"]!.GetValue<int>()));
        await (await observer.GetAsync($"/v1/updates/{id}/revisions/1")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await observer.GetAsync($"/v1/updates/{id}/revisions/2")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await observer.GetAsync($"/v1/updates/{id}/revisions/3")).AssertOkAsync();
        // The participant itself still sees its whole history.
        Assert.Equal(3, (await gb.AllItemsAsync($"/v1/updates/{id}/revisions")).Count);

        // A draft that was never submitted stays hidden once withdrawn.
        var draft = (await gb.FileAsync(Filing.Body(commitment: "BD-2", summary: "Unfinished internal draft."))).Id();
        await (await gb.PostAsync($"/v1/updates/{draft}/withdraw", null)).AssertOkAsync();
        await (await observer.GetAsync($"/v1/updates/{draft}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await observer.GetAsync($"/v1/updates/{draft}/revisions")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain("Unfinished internal draft", await (await observer.GetAsync($"/v1/updates?limit=200")).Content.ReadAsStringAsync());
    }
}

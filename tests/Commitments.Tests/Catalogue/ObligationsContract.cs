using System.Net;
using System.Net.Http.Json;
using Commitments.Tests.Support;

namespace Commitments.Tests.Catalogue;

/// <summary>
/// One answer to "must this participant report on this commitment in this cycle?": the obligations list, the cells marked
/// obligated in coverage, and the commitments filing accepts are the same set, for every seeded participant (in the seeded
/// cycle) and for participants whose endorsement is dated before, during and after a cycle, or not dated at all.
/// </summary>
public abstract class ObligationsContract(IDatabaseProvisioner database)
{
    private static readonly DateTime Now = DateTime.UtcNow;

    /// <summary>Endorsements of BD around the test cycle (opened 10 days ago, due in 30 days), and one with no date.</summary>
    private static readonly (string Id, string? EndorsedOn)[] Joiners =
    [
        ("XA", "2024-01-15"),                              // before both cycles were due
        ("XB", Now.AddDays(-2).ToString("yyyy-MM-dd")),   // while it is open, before it is due
        ("XC", Now.AddDays(60).ToString("yyyy-MM-dd")),   // after it is due
        ("XD", null),                                     // undated: in force from now, when it is recorded
    ];

    [SkippableFact]
    public async Task ObligationsCoverageAndFilingGiveTheSameAnswerForEveryParticipant()
    {
        await using var api = await TestApi.StartAsync(database);
        await api.CreateOpenCycleAsync();
        var admin = api.Secretariat();
        foreach (var (id, endorsedOn) in Joiners)
            await (await admin.PostAsJsonAsync("/v1/participants", new
            {
                id, name = $"Joiner {id}", kind = "government",
                endorsements = new[] { new { instrument = "BD", endorsedOn, basis = "joined_later" } },
            })).AssertOkAsync(HttpStatusCode.Created);
        var participants = Items(await (await admin.GetAsync("/v1/participants?limit=200")).AssertOkAsync())
            .Select(p => p.Str("id")).ToList();
        Assert.True(participants.Count > 50, $"{participants.Count} participants");
        var commitments = Items(await (await admin.GetAsync("/v1/commitments?limit=200")).AssertOkAsync());

        foreach (var cycle in new[] { "seoul-2024", Filing.OpenCycle })
        {
            var scope = (await (await admin.GetAsync($"/v1/cycles/{cycle}")).AssertOkAsync())["instruments"]!.AsArray().Select(i => i!.GetValue<string>()).ToHashSet();
            var inScope = commitments.Where(c => scope.Contains(c.Str("instrument"))).Select(c => c.Str("id")).ToList();
            var coverage = await (await admin.GetAsync($"/v1/cycles/{cycle}/coverage")).AssertOkAsync();
            var covered = coverage["matrix"]!.AsArray()
                .SelectMany(r => r!["cells"]!.AsArray().Where(c => c!["obligated"]!.GetValue<bool>()).Select(c => (r.Str("participantId"), c.Str("commitmentId"))))
                .ToHashSet();
            HashSet<(string, string)> listed = [], accepted = [];
            // Every seeded participant in the seeded cycle; in the test cycle, the joiners and a few seeded ones suffice to show the
            // dates at work (each filing attempt is a request, and the inner test loop should stay fast).
            var who = cycle == "seoul-2024" ? participants : participants.Where(p => p.StartsWith('X') || p is "NZ" or "GB" or "EU" or "anthropic").ToList();
            foreach (var participant in who)
            {
                var obligations = await (await admin.GetAsync($"/v1/participants/{participant}/obligations?cycle={cycle}")).AssertOkAsync();
                listed.UnionWith(obligations["commitments"]!.AsArray().Select(c => (participant, c.Str("id"))));
                foreach (var commitment in inScope)
                {
                    var filed = await admin.PostAsJsonAsync("/v1/updates", Filing.Body(participant, commitment, cycle));
                    if (filed.StatusCode == HttpStatusCode.Created) accepted.Add((participant, commitment));
                    else await filed.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
                }
            }

            Assert.NotEmpty(listed);
            covered.RemoveWhere(o => !who.Contains(o.Item1));
            Assert.Equal(listed.Order(), covered.Order());
            Assert.Equal(listed.Order(), accepted.Order());
            var joiners = listed.Where(o => o.Item1.StartsWith('X')).Select(o => o.Item1).Distinct().Order().ToList();
            if (cycle == "seoul-2024")
            {
                // Due 7 May 2024: only the joiner from long before was in force; New Zealand joined in October 2024.
                Assert.Equal(["XA"], joiners);
                Assert.DoesNotContain(listed, o => o.Item1 == "NZ");
                Assert.Contains(("GB", "ST-3"), listed);
            }
            else
            {
                // Due in 30 days: every endorsement in force by then counts, the undated one from when it was recorded.
                Assert.Equal(["XA", "XB", "XD"], joiners);
                Assert.Contains(listed, o => o.Item1 == "NZ");
            }
        }
    }

    /// <summary>A list's items, whether it answers a bare array or a page.</summary>
    private static System.Text.Json.Nodes.JsonArray Items(System.Text.Json.Nodes.JsonNode list) =>
        list as System.Text.Json.Nodes.JsonArray ?? list["items"]!.AsArray();
}

public sealed class ObligationsOnSqlite() : ObligationsContract(SqliteProvisioner.Instance);

[Collection(SqlServerCollection.Name)]
public sealed class ObligationsOnSqlServer(SqlServerProvisioner sqlServer) : ObligationsContract(sqlServer);

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Commitments.Tests.Access;
using Commitments.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Commitments.Tests.Updates;

/// <summary>The filing workflow over HTTP, run on SQLite and on SQL Server.</summary>
public abstract class UpdatesContract(IDatabaseProvisioner database)
{
    private async Task<TestApi> Start()
    {
        var api = await TestApi.StartAsync(database);
        await api.CreateOpenCycleAsync();
        return api;
    }

    [SkippableFact]
    public async Task ALiaisonFilesADraftSubmitsItAndTheSecretariatAcceptsIt()
    {
        await using var api = await Start();
        var gb = await api.LiaisonAsync("GB");
        var response = await gb.PostAsJsonAsync("/v1/updates", Filing.Body());
        var created = await response.AssertOkAsync(HttpStatusCode.Created);
        var id = created.Id();
        Assert.Equal($"/v1/updates/{id}", response.Headers.Location!.ToString());
        Assert.Equal("\"1\"", response.Headers.ETag!.Tag);
        Assert.Equal("draft", created.Str("state"));
        Assert.Equal("substantial", created.Str("status"));
        Assert.Null(created["timeliness"]);

        var submitted = await (await gb.PostAsync($"/v1/updates/{id}/submit", null)).AssertOkAsync();
        Assert.Equal("submitted", submitted.Str("state"));
        Assert.Equal(2, submitted["revision"]!.GetValue<int>());
        Assert.Equal("on_time", submitted.Str("timeliness"));

        var accepted = await (await api.Secretariat().ReviewAsync(id, new { decision = "accept", comment = "Complete and eligible." }))
            .AssertOkAsync();
        Assert.Equal("accepted", accepted.Str("state"));
        Assert.False(accepted["contested"]!.GetValue<bool>());

        var revisions = await gb.AllItemsAsync($"/v1/updates/{id}/revisions");
        Assert.Equal([1, 2, 3], revisions.Select(r => r!["number"]!.GetValue<int>()));
        Assert.Equal(["create", "submit", "accept"], revisions.Select(r => r!.Str("action")));
        Assert.Equal(["liaison", "liaison", "secretariat"], revisions.Select(r => r!.Str("actorRole")));
        var second = await (await gb.GetAsync($"/v1/updates/{id}/revisions/2")).AssertOkAsync();
        Assert.Equal("submitted", second.Str("state"));
        await (await gb.GetAsync($"/v1/updates/{id}/revisions/9")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task AReturnedUpdateIsAmendedResubmittedAndAContestedAssessmentShows()
    {
        await using var api = await Start();
        var gb = await api.LiaisonAsync("GB");
        var id = (await gb.FileAsync(Filing.Body(submit: true))).Id();
        var returned = await (await api.Secretariat().ReviewAsync(id, new { decision = "return", comment = "Evidence link missing." }))
            .AssertOkAsync();
        Assert.Equal("returned", returned.Str("state"));
        Assert.Equal("Evidence link missing.", returned.Str("comment"));

        var amended = await (await gb.SendAsync(Filing.Put(id, Filing.Content(), "\"2\""))).AssertOkAsync();
        Assert.Equal("complete", amended.Str("status"));
        Assert.Equal("returned", amended.Str("state"));
        await (await gb.PostAsync($"/v1/updates/{id}/submit", null)).AssertOkAsync();
        var accepted = await (await api.Secretariat().ReviewAsync(id, new { decision = "accept", comment = "Accepted; our assessment differs.", assessedStatus = "limited" })).AssertOkAsync();
        Assert.Equal("limited", accepted.Str("assessedStatus"));
        Assert.True(accepted["contested"]!.GetValue<bool>());
        Assert.Equal(5, accepted["revision"]!.GetValue<int>());
    }

    [SkippableFact]
    public async Task AnIllegalTransitionIsAConflictNamingTheCurrentState()
    {
        await using var api = await Start();
        var gb = await api.LiaisonAsync("GB");
        var id = (await gb.FileAsync(Filing.Body())).Id();
        var problem = await (await api.Secretariat().ReviewAsync(id, new { decision = "accept" }))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("draft", problem.Str("currentState"));
        await (await gb.PostAsync($"/v1/updates/{id}/withdraw", null)).AssertOkAsync();
        var again = await (await gb.PostAsync($"/v1/updates/{id}/submit", null)).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("withdrawn", again.Str("currentState"));
        await (await gb.SendAsync(Filing.Put(id, Filing.Content(), "\"2\""))).AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [SkippableFact]
    public async Task FilingOnSomethingThatIsNotAnObligationIsRefusedSayingWhy()
    {
        await using var api = await Start();
        var gb = await api.LiaisonAsync("GB");
        var forCompanies = await (await gb.PostAsJsonAsync("/v1/updates", Filing.Body(commitment: "BD-4"))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("applies to companies", forCompanies.Str("detail"));
        var outOfScope = await (await gb.PostAsJsonAsync("/v1/updates", Filing.Body(commitment: "FAISC-I"))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("not in the scope", outOfScope.Str("detail"));
        var anthropic = await api.LiaisonAsync("anthropic");
        var notEndorsed = await (await anthropic.PostAsJsonAsync("/v1/updates", Filing.Body(participant: "anthropic", commitment: "BD-5")))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("has not endorsed BD", notEndorsed.Str("detail"));
        await (await gb.PostAsJsonAsync("/v1/updates", Filing.Body(cycle: "no-such-cycle"))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var list = await (await api.Secretariat().GetAsync("/v1/updates")).AssertOkAsync();
        Assert.Empty(list["items"]!.AsArray());
    }

    [SkippableFact]
    public async Task ASecondUpdateForTheSameObligationIsAConflictNamingTheFirst()
    {
        await using var api = await Start();
        var gb = await api.LiaisonAsync("GB");
        var id = (await gb.FileAsync(Filing.Body())).Id();
        var problem = await (await gb.PostAsJsonAsync("/v1/updates", Filing.Body(summary: "Another go"))).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(id, problem.Str("existingId"));
        Assert.Contains(id, problem.Str("detail"));
    }

    [SkippableFact]
    public async Task FilingForAnotherParticipantIsForbidden()
    {
        await using var api = await Start();
        var fr = await api.LiaisonAsync("FR");
        await (await fr.PostAsJsonAsync("/v1/updates", Filing.Body(participant: "GB"))).AssertProblemAsync(HttpStatusCode.Forbidden);
        var gbUpdate = (await (await api.LiaisonAsync("GB")).FileAsync(Filing.Body(submit: true))).Id();
        await (await fr.SendAsync(Filing.Put(gbUpdate, Filing.Content(), "\"1\""))).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await fr.PostAsync($"/v1/updates/{gbUpdate}/withdraw", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await fr.ReviewAsync(gbUpdate, new { decision = "accept" })).AssertProblemAsync(HttpStatusCode.Forbidden);
        var observer = api.As((await api.IssueKeyAsync("observer")).Secret);
        await (await observer.PostAsJsonAsync("/v1/updates", Filing.Body())).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await api.Anonymous().PostAsJsonAsync("/v1/updates", Filing.Body())).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [SkippableFact]
    public async Task AmendingNeedsACurrentIfMatch()
    {
        await using var api = await Start();
        var gb = await api.LiaisonAsync("GB");
        var id = (await gb.FileAsync(Filing.Body())).Id();
        await (await gb.SendAsync(Filing.Put(id, Filing.Content(), null))).AssertProblemAsync(HttpStatusCode.PreconditionRequired);
        await (await gb.SendAsync(Filing.Put(id, Filing.Content(), "\"7\""))).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await gb.SendAsync(Filing.Put(id, Filing.Content(), "seven"))).AssertProblemAsync(HttpStatusCode.BadRequest, "If-Match");
        var response = await gb.SendAsync(Filing.Put(id, Filing.Content(), "\"1\""));
        await response.AssertOkAsync();
        Assert.Equal("\"2\"", response.Headers.ETag!.Tag);
        await (await gb.SendAsync(Filing.Put(id, Filing.Content(summary: "late write"), "\"1\""))).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        var current = await (await gb.GetAsync($"/v1/updates/{id}")).AssertOkAsync();
        Assert.Equal("Amended summary.", current.Str("summary"));
    }

    [SkippableFact]
    public async Task LiaisonsCannotChangeUpdatesOfAClosedCycle()
    {
        await using var api = await Start();
        var gb = await api.LiaisonAsync("GB");
        var id = (await gb.FileAsync(Filing.Body())).Id();
        await (await api.Secretariat().PatchAsJsonAsync($"/v1/cycles/{Filing.OpenCycle}", new { state = "closed" })).AssertOkAsync();
        await (await gb.SendAsync(Filing.Put(id, Filing.Content(), "\"1\""))).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await gb.PostAsync($"/v1/updates/{id}/submit", null)).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await gb.PostAsJsonAsync("/v1/updates", Filing.Body(commitment: "BD-2"))).AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [SkippableFact]
    public async Task ARestrictedUpdateExistsOnlyForTheSecretariatAndItsOwnParticipant()
    {
        await using var api = await Start();
        var gb = await api.LiaisonAsync("GB");
        var restricted = (await gb.FileAsync(Filing.Body(confidentiality: "restricted", submit: true))).Id();
        var publicDraft = (await gb.FileAsync(Filing.Body(commitment: "BD-2"))).Id();
        var publicSubmitted = (await gb.FileAsync(Filing.Body(commitment: "BD-6", submit: true))).Id();
        var fr = await api.LiaisonAsync("FR");
        var observer = api.As((await api.IssueKeyAsync("observer")).Secret);

        foreach (var outsider in new[] { fr, observer })
        {
            await (await outsider.GetAsync($"/v1/updates/{restricted}")).AssertProblemAsync(HttpStatusCode.NotFound);
            await (await outsider.GetAsync($"/v1/updates/{restricted}/revisions")).AssertProblemAsync(HttpStatusCode.NotFound);
            await (await outsider.GetAsync($"/v1/updates/{publicDraft}")).AssertProblemAsync(HttpStatusCode.NotFound);
            await (await outsider.GetAsync($"/v1/updates/{publicSubmitted}")).AssertOkAsync();
            var seen = Ids(await (await outsider.GetAsync("/v1/updates")).AssertOkAsync());
            Assert.Equal([publicSubmitted], seen);
        }
        Assert.Equal(3, Ids(await (await gb.GetAsync("/v1/updates")).AssertOkAsync()).Count);
        Assert.Equal(3, Ids(await (await api.Secretariat().GetAsync("/v1/updates")).AssertOkAsync()).Count);
        await (await fr.PostAsync($"/v1/updates/{restricted}/withdraw", null)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task ListsFilterByParticipantCommitmentCycleStatusAndState()
    {
        await using var api = await Start();
        var gb = await api.LiaisonAsync("GB");
        var a = (await gb.FileAsync(Filing.Body(commitment: "BD-1", submit: true))).Id();
        var b = (await gb.FileAsync(Filing.Body(commitment: "BD-2", status: "limited"))).Id();
        var c = (await (await api.LiaisonAsync("FR")).FileAsync(Filing.Body(participant: "FR", commitment: "BD-1", submit: true))).Id();
        var admin = api.Secretariat();
        Assert.Equal([a, b], Ids(await (await admin.GetAsync("/v1/updates?participant=GB")).AssertOkAsync()));
        Assert.Equal([a, c], Ids(await (await admin.GetAsync("/v1/updates?commitment=BD-1")).AssertOkAsync()));
        Assert.Equal([b], Ids(await (await admin.GetAsync("/v1/updates?status=limited")).AssertOkAsync()));
        Assert.Equal([a, c], Ids(await (await admin.GetAsync("/v1/updates?state=submitted&cycle=test-open")).AssertOkAsync()));
        Assert.Empty(Ids(await (await admin.GetAsync("/v1/updates?cycle=seoul-2024")).AssertOkAsync()));
        await (await admin.GetAsync("/v1/updates?status=done")).AssertProblemAsync(HttpStatusCode.BadRequest, "status");
        await (await admin.GetAsync("/v1/updates?limit=0")).AssertProblemAsync(HttpStatusCode.BadRequest, "limit");
        await (await admin.GetAsync("/v1/updates?limit=5000")).AssertProblemAsync(HttpStatusCode.BadRequest, "limit");
        await (await admin.GetAsync("/v1/updates?cursor=not-a-cursor")).AssertProblemAsync(HttpStatusCode.BadRequest, "cursor");
    }

    [SkippableFact]
    public async Task ChangedSinceListsTheUpdatesChangedFromThatTimeOnAndNoOthers()
    {
        var clock = new MovableClock(DateTimeOffset.UtcNow);
        await using var api = await TestApi.StartAsync(database, services: s => s.AddSingleton<TimeProvider>(clock));
        await api.CreateOpenCycleAsync();
        var gb = await api.LiaisonAsync("GB");
        var start = clock.GetUtcNow();
        var untouched = (await gb.FileAsync(Filing.Body(commitment: "BD-1"))).Id();
        var amended = (await gb.FileAsync(Filing.Body(commitment: "BD-2"))).Id();
        clock.Advance(TimeSpan.FromMinutes(10));
        var since = clock.GetUtcNow();
        clock.Advance(TimeSpan.FromMinutes(1));
        await (await gb.SendAsync(Filing.Put(amended, Filing.Content(), "\"1\""))).AssertOkAsync();
        var filedLater = (await gb.FileAsync(Filing.Body(commitment: "BD-6"))).Id();

        var admin = api.Secretariat();
        async Task<List<string>> ChangedSince(DateTimeOffset at) =>
            Ids(await (await admin.GetAsync($"/v1/updates?changedSince={Uri.EscapeDataString(at.ToString("O"))}")).AssertOkAsync()).Order().ToList();
        Assert.Equal(new[] { amended, filedLater }.Order(), await ChangedSince(since));
        Assert.Equal(new[] { untouched, amended, filedLater }.Order(), await ChangedSince(start.AddMinutes(-1)));
        Assert.Empty(await ChangedSince(clock.GetUtcNow().AddMinutes(5)));
    }

    [SkippableFact]
    public async Task AnUpdateSubmittedAfterTheDueDateIsLate()
    {
        await using var api = await TestApi.StartAsync(database);
        var gb = await api.LiaisonAsync("GB");
        // seoul-2024 is open but its due date (May 2024) has passed.
        var filed = await gb.FileAsync(Filing.Body(cycle: "seoul-2024", submit: true));
        Assert.Equal("late", filed.Str("timeliness"));
        var draft = await gb.FileAsync(Filing.Body(cycle: "seoul-2024", commitment: "BD-2"));
        Assert.Equal("missing", draft.Str("timeliness"));
    }

    [SkippableFact]
    public async Task EveryWriteLandsInTheAuditLogWithTheCaller()
    {
        await using var api = await Start();
        var (keyId, secret) = await api.IssueKeyAsync("liaison", "GB");
        var gb = api.As(secret);
        var id = (await gb.FileAsync(Filing.Body())).Id();
        await (await gb.PostAsync($"/v1/updates/{id}/submit", null)).AssertOkAsync();
        var audit = await (await api.Secretariat().GetAsync($"/v1/audit?targetType=update&targetId={id}")).AssertOkAsync();
        var items = audit["items"]!.AsArray();
        Assert.Equal(["update.create", "update.submit"], items.Select(i => i!.Str("action")));
        Assert.All(items, i =>
        {
            Assert.Equal(keyId, i!.Str("apiKeyId"));
            Assert.Equal("liaison", i!.Str("role"));
            Assert.Equal("GB", i!.Str("participantId"));
            Assert.False(string.IsNullOrEmpty(i!.Str("traceId")));
        });
        Assert.Contains("\"state\":\"draft\"", items[1]!.Str("before"));
        Assert.Contains("\"state\":\"submitted\"", items[1]!.Str("after"));
    }

    private static List<string> Ids(JsonNode page) => page["items"]!.AsArray().Select(n => n!.Id()).ToList();
}

public sealed class UpdatesOnSqlite() : UpdatesContract(SqliteProvisioner.Instance);

[Collection(SqlServerCollection.Name)]
public sealed class UpdatesOnSqlServer(SqlServerProvisioner sqlServer) : UpdatesContract(sqlServer);

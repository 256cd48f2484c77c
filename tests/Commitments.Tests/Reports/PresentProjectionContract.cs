using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Commitments.Domain;
using Commitments.Infrastructure.Catalogue;
using Commitments.Infrastructure.Updates;
using Commitments.Tests.Access;
using Commitments.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Commitments.Tests.Reports;

/// <summary>
/// Reports as of now read the updates' rows (the one stored projection of the present); reports as of an earlier time replay the
/// revisions recorded by then. After a workflow with every kind of write (files, amends before and after the due date, submits,
/// accepts and returns with shown and internal comments, contested assessments, withdraw and reopen, restricted and
/// governments-level content, an exemption, a bulk upload, a frozen pack, a filing after the grace period), both give the same
/// updates and the same reports, for every audience; and a review made on a returned restricted revision reaches no reader of
/// the public revision resubmitted after it.
/// </summary>
public abstract class PresentProjectionContract(IDatabaseProvisioner database) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly MovableClock _clock = new(T0);
    private TestApi _api = null!;
    private HttpClient _admin = null!;
    private const string Cycle = "cells-2026";
    private string _resubmitted = "";
    private string _madePublic = "";
    private const string ReturnedComment = "Returned: the restricted evidence does not convince us";

    public async Task InitializeAsync()
    {
        if (database.SkipReason is not null) return;
        _api = await TestApi.StartAsync(database, services: s => s.AddSingleton<TimeProvider>(_clock));
        _admin = _api.Secretariat();
        await (await _admin.PostAsJsonAsync("/v1/cycles", new
        {
            id = Cycle, title = "Cells test", opensAt = T0.AddDays(-10), dueAt = T0.AddDays(5), graceUntil = T0.AddDays(10),
            state = "open", sessionOn = "2026-04-01", instruments = new[] { "BD", "ST", "CS" },
        })).AssertOkAsync(HttpStatusCode.Created);

        var gb = await _api.LiaisonAsync("GB");
        var gbBd1 = (await gb.FileAsync(Filing.Body(commitment: "BD-1", cycle: Cycle, status: "complete", submit: true))).Id();
        await Ok(await _admin.ReviewAsync(gbBd1, new { decision = "accept", comment = "We assess it as limited.", assessedStatus = "limited", commentVisibility = "internal" }));
        var gbBd2 = _resubmitted = (await gb.FileAsync(Filing.Body(commitment: "BD-2", cycle: Cycle, status: "substantial", submit: true))).Id();
        await Ok(await _admin.ReviewAsync(gbBd2, new { decision = "return", comment = "Evidence missing." }));
        await Ok(await Amend(gb, gbBd2, Filing.Content(status: "substantial")));
        await Ok(await gb.PostAsync($"/v1/updates/{gbBd2}/submit", null));

        // Filed restricted, returned with a comment and an assessment, then made public and resubmitted.
        var gbBd3 = _madePublic = (await gb.FileAsync(Filing.Body(commitment: "BD-7", cycle: Cycle, status: "complete", confidentiality: "restricted",
            submit: true))).Id();
        await Ok(await _admin.ReviewAsync(gbBd3, new { decision = "return", comment = ReturnedComment, assessedStatus = "limited" }));
        await Ok(await Amend(gb, gbBd3, Filing.Content(status: "complete", summary: "Now public.", confidentiality: "public")));
        await Ok(await gb.PostAsync($"/v1/updates/{gbBd3}/submit", null));

        var fr = await _api.LiaisonAsync("FR");
        var frBd1 = (await fr.FileAsync(Filing.Body(participant: "FR", commitment: "BD-1", cycle: Cycle))).Id();
        await Ok(await fr.PostAsync($"/v1/updates/{frBd1}/withdraw", null));
        await Ok(await fr.PostAsync($"/v1/updates/{frBd1}/reopen", null));
        var frBd2 = (await fr.FileAsync(Filing.Body(participant: "FR", commitment: "BD-2", cycle: Cycle, submit: true))).Id();
        await Ok(await fr.PostAsync($"/v1/updates/{frBd2}/withdraw", null));

        var de = await _api.LiaisonAsync("DE");
        await de.FileAsync(Filing.Body(participant: "DE", commitment: "BD-1", cycle: Cycle, status: "limited", confidentiality: "restricted", submit: true));
        var deBd2 = (await de.FileAsync(Filing.Body(participant: "DE", commitment: "BD-2", cycle: Cycle, confidentiality: "governments", submit: true))).Id();
        await Ok(await _admin.ReviewAsync(deBd2, new { decision = "accept", assessedStatus = "complete", comment = "Ahead of plan." }));
        // An answer that also answers two linked commitments, with a planned completion date.
        var cited = JsonSerializer.SerializeToNode(Filing.Body(commitment: "BD-7d", cycle: Cycle, submit: true), HttpAssertions.Web)!.AsObject();
        cited["alsoAnswers"] = new JsonArray("ST-4", "CS-2");
        cited["plannedCompletion"] = "2026-12-31";
        await gb.FileAsync(cited);
        var ca = await _api.LiaisonAsync("CA");
        var caBd1 = (await ca.FileAsync(Filing.Body(participant: "CA", commitment: "BD-1", cycle: Cycle, status: "limited", submit: true))).Id();
        await (await _admin.PostAsJsonAsync($"/v1/cycles/{Cycle}/exemptions",
            new { participantId = "IT", commitmentId = "BD-1", reason = "Reported through the G7 process." })).AssertOkAsync(HttpStatusCode.Created);
        await (await _admin.PostAsJsonAsync($"/v1/cycles/{Cycle}/briefing-packs", new { })).AssertOkAsync(HttpStatusCode.Created);

        _clock.Advance(TimeSpan.FromDays(7)); // past due, within grace
        await Ok(await Amend(ca, caBd1, Filing.Content(status: "complete"))); // amended after the due date
        await (await _api.LiaisonAsync("JP")).FileAsync(Filing.Body(participant: "JP", commitment: "BD-1", cycle: Cycle, status: "substantial", submit: true));
        var bulk = new HttpRequestMessage(HttpMethod.Post, $"/v1/participants/GB/updates/bulk?cycle={Cycle}")
        {
            Content = JsonContent.Create(new object[]
            {
                new { commitmentId = "BD-6", status = "limited", summary = "Bulk filed.", confidentiality = "public", submit = true },
                new { commitmentId = "BD-5", status = "complete", summary = "Bulk draft.", confidentiality = "governments", submit = false },
            }),
        };
        await Ok(await gb.SendAsync(bulk));
        _clock.Advance(TimeSpan.FromDays(5)); // past grace
        await (await _admin.PostAsJsonAsync("/v1/updates", Filing.Body(participant: "KR", commitment: "BD-1", cycle: Cycle, submit: true)))
            .AssertOkAsync(HttpStatusCode.Created);
        _clock.Advance(TimeSpan.FromHours(1));
    }

    public async Task DisposeAsync()
    {
        if (_api is not null) await _api.DisposeAsync();
    }

    private static async Task Ok(HttpResponseMessage response) => await response.AssertOkAsync();

    /// <summary>Amends the revision just read (its ETag in If-Match).</summary>
    private static async Task<HttpResponseMessage> Amend(HttpClient client, string id, object content)
    {
        var current = await client.GetAsync($"/v1/updates/{id}");
        var request = new HttpRequestMessage(HttpMethod.Put, $"/v1/updates/{id}") { Content = JsonContent.Create(content) };
        request.Headers.TryAddWithoutValidation("If-Match", current.Headers.ETag!.Tag);
        return await client.SendAsync(request);
    }

    private async Task<string> Read(string path, string accept = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd(accept);
        var response = await _admin.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static string Normalised<T>(IEnumerable<T> rows) => JsonSerializer.Serialize(rows);

    [SkippableFact]
    public async Task EveryUpdateRowIsItsRevisionsReplayed()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var now = _clock.GetUtcNow().UtcDateTime;
        await using var scope = _api.Services.CreateAsyncScope();
        var updates = scope.ServiceProvider.GetRequiredService<UpdateStore>();
        var cycle = (await scope.ServiceProvider.GetRequiredService<CatalogueStore>().CycleAsync(Cycle, default))!;
        var rows = (await updates.OfCycleAsync(Cycle, default)).OrderBy(u => u.Id, StringComparer.Ordinal).ToList();
        var replayed = (await updates.OfCycleAsOfAsync(Cycle, now, cycle.Dates, default)).OrderBy(u => u.Id, StringComparer.Ordinal).ToList();
        Assert.Equal(13, rows.Count);
        Assert.Equal(Normalised(replayed), Normalised(rows));
        // What the workflow made: a contested accept with an internal comment, a late amendment, a withdrawn and a reopened update,
        // and a resubmission whose latest review is on its returned restricted revision.
        Assert.Contains(rows, u => u.ParticipantId == "GB" && u.CommitmentId == "BD-1" && u.LastReview is { CommentInternal: true, AssessedStatus: ImplementationStatus.Limited });
        Assert.Contains(rows, u => u.ParticipantId == "CA" && u.AmendedAfterDueAt is not null && u.Content.Status == ImplementationStatus.Complete);
        Assert.Contains(rows, u => u.ParticipantId == "FR" && u.CommitmentId == "BD-1" && u.State == UpdateState.Draft && u.FirstSubmittedAt is null);
        var madePublic = rows.Single(u => u.Id == _madePublic);
        Assert.Equal((UpdateState.Submitted, Confidentiality.Public), (madePublic.State, madePublic.Content.Confidentiality));
        Assert.Equal(new Review(2, UpdateState.Returned, Confidentiality.Restricted, ImplementationStatus.Limited, ReturnedComment, false),
            madePublic.LastReview);
    }

    [SkippableFact]
    public async Task AReviewOfAReturnedRestrictedRevisionReachesNoReaderOfThePublicResubmission()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var asOf = Uri.EscapeDataString(_clock.GetUtcNow().UtcDateTime.ToString("O"));
        List<(string Audience, string Path)> packs = [];
        foreach (var audience in new[] { "secretariat", "governments", "public" })
        {
            var frozen = await (await _admin.PostAsJsonAsync($"/v1/cycles/{Cycle}/briefing-packs", new { audience })).AssertOkAsync(HttpStatusCode.Created);
            packs.Add((audience, frozen.Str("href")));
        }
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        foreach (var audience in new[] { "secretariat", "governments", "public" })
        {
            packs.Add((audience, $"/v1/cycles/{Cycle}/briefing-pack?audience={audience}"));
            packs.Add((audience, $"/v1/cycles/{Cycle}/briefing-pack?audience={audience}&asOf={asOf}"));
            packs.Add((audience, $"/v1/cycles/{Cycle}/coverage?audience={audience}"));
        }
        foreach (var (audience, path) in packs)
            foreach (var media in path.Contains("/coverage") ? ["application/json"] : new[] { "application/json", "text/csv", "text/html" })
            {
                var text = await Read(path, media);
                if (audience == "secretariat")
                {
                    if (!path.Contains("/coverage")) Assert.Contains(ReturnedComment, text); // the secretariat's own review: it reads it
                    continue;
                }
                Assert.DoesNotContain(ReturnedComment, text);
                if (media != "application/json") continue;
                // The assessment belongs to the returned revision too: the public resubmission is neither assessed nor contested.
                var cell = JsonNode.Parse(text)!["matrix"]!.AsArray().Single(r => r!.Str("participantId") == "GB")!["cells"]!.AsArray()
                    .Single(c => c!.Str("commitmentId") == "BD-7")!;
                Assert.Equal("complete", cell.Str("status"));
                Assert.Null(cell["assessedStatus"]);
                Assert.False(cell["contested"]!.GetValue<bool>());
            }

        // A single read and every revision, for an anonymous reader and another participant's liaison: the same.
        foreach (var reader in new[] { _api.As((await _api.IssueKeyAsync("observer")).Secret), await _api.LiaisonAsync("FR") })
        {
            var read = await (await reader.GetAsync($"/v1/updates/{_madePublic}")).AssertOkAsync();
            Assert.Null(read["assessedStatus"]);
            Assert.Null(read["comment"]);
            Assert.False(read["contested"]!.GetValue<bool>());
            var revisions = await reader.AllItemsAsync($"/v1/updates/{_madePublic}/revisions");
            Assert.Equal([4], revisions.Select(r => r!["number"]!.GetValue<int>()));
            Assert.Null(revisions[0]!["assessedStatus"]);
            var listed = (await reader.AllItemsAsync($"/v1/updates?participant=GB&cycle={Cycle}")).Single(u => u!.Str("id") == _madePublic)!;
            Assert.Null(listed["assessedStatus"]);
            Assert.Null(listed["comment"]);
        }
        // The participant reads why its report was returned, and the secretariat's assessment of it.
        var own = await (await (await _api.LiaisonAsync("GB")).GetAsync($"/v1/updates/{_madePublic}")).AssertOkAsync();
        Assert.Equal((ReturnedComment, "limited"), (own.Str("comment"), own.Str("assessedStatus")));
    }

    [SkippableFact]
    public async Task EveryReportAsOfNowEqualsTheSameReportAsOfTheSameTimeForEveryAudience()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        // Each report as of now, then the same report as of that instant once it has passed: read from the history.
        var asOf = Uri.EscapeDataString(_clock.GetUtcNow().UtcDateTime.ToString("O"));
        List<(string Path, string Media, string Present)> reports = [];
        foreach (var audience in new[] { "secretariat", "governments", "public" })
        {
            foreach (var report in new[] { "coverage", "late", "briefing-pack" })
                reports.Add(($"/v1/cycles/{Cycle}/{report}?audience={audience}", "application/json", ""));
            foreach (var media in new[] { "text/csv", "text/html" })
                reports.Add(($"/v1/cycles/{Cycle}/briefing-pack?audience={audience}", media, ""));
        }
        for (var i = 0; i < reports.Count; i++) reports[i] = reports[i] with { Present = await Read(reports[i].Path, reports[i].Media) };
        var gb = await _api.LiaisonAsync("GB");
        var digest = await (await gb.GetAsync($"/v1/participants/GB/digest?cycle={Cycle}")).Content.ReadAsStringAsync();
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        foreach (var (path, media, present) in reports)
            Assert.Equal(present, await Read($"{path}&asOf={asOf}", media));
        Assert.Equal(digest, await (await gb.GetAsync($"/v1/participants/GB/digest?cycle={Cycle}&asOf={asOf}")).Content.ReadAsStringAsync());
        var pack = JsonNode.Parse(reports.Single(r => r.Path.EndsWith("briefing-pack?audience=secretariat") && r.Media == "application/json").Present)!;
        // The pack compares with the one frozen before the due date, so what moved since is in both.
        Assert.NotEmpty(pack["changes"]!["statusMoves"]!.AsArray());
        // A returned update amended and resubmitted still carries the comment of its latest review.
        var gbItems = pack["digests"]!.AsArray().Single(d => d!.Str("participantId") == "GB")!["items"]!.AsArray();
        Assert.Equal("Evidence missing.", gbItems.Single(i => i!.Str("commitmentId") == "BD-2")!.Str("comment"));
    }
}

public sealed class PresentProjectionOnSqlite() : PresentProjectionContract(SqliteProvisioner.Instance);

[Collection(SqlServerCollection.Name)]
public sealed class PresentProjectionOnSqlServer(SqlServerProvisioner sqlServer) : PresentProjectionContract(sqlServer);

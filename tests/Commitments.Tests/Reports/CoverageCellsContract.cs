using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Commitments.Domain;
using Commitments.Infrastructure.Data;
using Commitments.Infrastructure.Reports;
using Commitments.Tests.Access;
using Commitments.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Commitments.Tests.Reports;

/// <summary>
/// Reports as of now read the cycle's coverage cells, kept by the write path; reports as of an earlier time read the history.
/// After a workflow with every kind of write (files, amends before and after the due date, submits, accepts and returns with
/// shown and internal comments, contested assessments, withdraw and reopen, restricted and governments-level content, an
/// exemption, a bulk upload, a frozen pack, a filing after the grace period), both reads give the same cells and the same
/// reports, for every audience; and the migration's backfill gives the same cells the writes kept.
/// </summary>
public abstract class CoverageCellsContract(IDatabaseProvisioner database) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly MovableClock _clock = new(T0);
    private TestApi _api = null!;
    private HttpClient _admin = null!;
    private const string Cycle = "cells-2026";
    private string _resubmitted = "";

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
    public async Task EveryCellReadFromTheCoverageTableEqualsTheSameTimeReadFromHistory()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var now = _clock.GetUtcNow().UtcDateTime;
        await using var scope = _api.Services.CreateAsyncScope();
        var reports = scope.ServiceProvider.GetRequiredService<ReportStore>();
        var due = T0.AddDays(5).UtcDateTime;
        var table = (await reports.CountedUpdatesAsync(Cycle, now, due, current: true, default)).OrderBy(u => u.UpdateId, StringComparer.Ordinal).ToList();
        var history = (await reports.CountedUpdatesAsync(Cycle, now, due, current: false, default)).OrderBy(u => u.UpdateId, StringComparer.Ordinal).ToList();
        Assert.Equal(12, table.Count);
        Assert.Equal(history.Select(u => u.UpdateId), table.Select(u => u.UpdateId));
        for (var i = 0; i < table.Count; i++)
            Assert.Equal(Normalised([history[i]]), Normalised([table[i]]));
        // What the workflow made: a contested accept with an internal comment, a late amendment, a withdrawn and a reopened update.
        Assert.Contains(table, u => u.ParticipantId == "GB" && u.CommitmentId == "BD-1" && u.CommentInternal && u.AssessedStatus == ImplementationStatus.Limited);
        Assert.Contains(table, u => u.ParticipantId == "CA" && u.AmendedAfterDueAt is not null && u.Status == ImplementationStatus.Complete);
        Assert.Contains(table, u => u.ParticipantId == "FR" && u.CommitmentId == "BD-1" && u.State == UpdateState.Draft && u.FirstSubmittedAt is null);

        // The stored contested flag is the domain's.
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        var contested = (await session.QueryAsync<(string UpdateId, bool Contested)>(
            "SELECT update_id AS UpdateId, contested AS Contested FROM coverage_cells WHERE cycle_id = @Cycle", new { Cycle }, default)).ToDictionary(c => c.UpdateId, c => c.Contested);
        Assert.All(table, u => Assert.Equal(u.AssessedStatus is { } a && a != u.Status, contested[u.UpdateId]));
        Assert.Contains(true, contested.Values);
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

    [SkippableFact]
    public async Task EveryUpdateRowCarriesItsCurrentRevisionsContentAsTheMigrationComputesIt()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        await using var scope = _api.Services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        const string Content = "status, state, assessed_status, summary, details, main_message, evidence, confidentiality, planned_completion, also_answers, comment, comment_internal";
        var onRevisions = string.Join(", ", Content.Split(", ").Select(c => "r." + c));
        async Task<string> Rows(string sql) => JsonSerializer.Serialize((await session.QueryAsync<dynamic>(sql, null, default))
            .Select(r => ((IDictionary<string, object?>)r).ToDictionary(kv => kv.Key, kv => kv.Value?.ToString())));
        var kept = await Rows($"SELECT id, {Content} FROM updates ORDER BY id");
        // What get-one and the list read (the update's own row) is its current revision, for every kind of write.
        Assert.Equal(await Rows($"SELECT u.id, {onRevisions} FROM updates u JOIN update_revisions r ON r.update_id = u.id AND r.number = u.revision ORDER BY u.id"), kept);
        Assert.Contains("ST-4", kept);
        Assert.Contains("2026-12-31", kept);
        Assert.Contains("Ahead of plan.", kept);

        const string NotCurrent = "SELECT COUNT(*) FROM updates WHERE content_revision IS NULL OR content_revision <> revision";
        Assert.Equal(0L, await session.ScalarAsync<long>(NotCurrent, null, default));

        // Migration 0014's statement computes the same from the revisions for rows written before it.
        await session.ExecuteAsync("UPDATE updates SET summary = '', details = NULL, planned_completion = NULL, also_answers = NULL, comment = NULL, "
            + "comment_internal = 0, content_revision = NULL", null, default);
        Assert.NotEqual(kept, await Rows($"SELECT id, {Content} FROM updates ORDER BY id"));
        await session.ExecuteAsync(Migrator.Statement(session.Dialect, "0014_", "UPDATE "), null, default);
        Assert.Equal(kept, await Rows($"SELECT id, {Content} FROM updates ORDER BY id"));
        Assert.Equal(0L, await session.ScalarAsync<long>(NotCurrent, null, default));
    }

    [SkippableFact]
    public async Task ARowAdvancedByAnEarlierVersionIsReadFromItsCurrentRevisionNotItsStaleCopy()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var expected = await (await _admin.GetAsync($"/v1/updates/{_resubmitted}")).AssertOkAsync();
        await using var scope = _api.Services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        // An instance of the version before migration 0014, still running during a rollout, advances an update and writes only
        // the columns it knows: the row's copy of the content is then of an earlier revision (here, words it once held).
        Assert.Equal(1, await session.ExecuteAsync("UPDATE updates SET summary = 'Stale restricted words.', details = 'Stale details.', "
            + "comment = 'Stale comment.', comment_internal = 0, content_revision = revision - 1 WHERE id = @Id", new { Id = _resubmitted }, default));

        var read = await (await _admin.GetAsync($"/v1/updates/{_resubmitted}")).AssertOkAsync();
        var listed = (await _admin.AllItemsAsync($"/v1/updates?participant=GB&cycle={Cycle}")).Single(u => u!.Str("id") == _resubmitted)!;
        foreach (var answer in new[] { read, listed })
        {
            Assert.DoesNotContain("Stale", answer.ToJsonString());
            foreach (var field in new[] { "summary", "details", "comment", "commentVisibility", "plannedCompletion" })
                Assert.Equal(expected[field]?.ToJsonString(), answer[field]?.ToJsonString());
        }
        Assert.Equal("Amended summary.", read.Str("summary"));
    }

    [SkippableFact]
    public async Task TheMigrationBackfillGivesTheCellsTheWritesKept()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        await using var scope = _api.Services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        const string Columns = """
            SELECT cycle_id, participant_id, commitment_id, update_id, revision, state, status, assessed_status, contested, confidentiality,
                first_submitted_at, amended_after_due_at, recorded_at, evidence_count, evidence, main_message, summary, comment, comment_internal
            FROM coverage_cells ORDER BY update_id
            """;
        async Task<string> Cells() => JsonSerializer.Serialize((await session.QueryAsync<dynamic>(Columns, null, default))
            .Select(r => ((IDictionary<string, object?>)r).ToDictionary(kv => kv.Key, kv => kv.Value?.ToString())));
        var kept = await Cells();
        await CoverageBackfill.RebuildAsync(session, default); // migration 0011's statement
        Assert.Equal(kept, await Cells());
    }
}

public sealed class CoverageCellsOnSqlite() : CoverageCellsContract(SqliteProvisioner.Instance);

[Collection(SqlServerCollection.Name)]
public sealed class CoverageCellsOnSqlServer(SqlServerProvisioner sqlServer) : CoverageCellsContract(sqlServer);

using System.Net;
using System.Net.Http.Json;
using Commitments.Tests.Access;
using Commitments.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Commitments.Tests.Reports;

/// <summary>
/// Reports as of now carry a weak ETag; If-None-Match with it is a 304 with no body until a write or the passing of time could
/// change the report. One audience's or rendering's tag never validates another's copy.
/// </summary>
public sealed class ReportETagTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly MovableClock _clock = new(T0);
    private TestApi _api = null!;
    private HttpClient _admin = null!;
    private HttpClient _gb = null!;
    private const string Cycle = "etag-2026";
    private const string Restricted = "DE only: not for the public.";

    public async Task InitializeAsync()
    {
        _api = await TestApi.StartAsync(services: s => s.AddSingleton<TimeProvider>(_clock));
        _admin = _api.Secretariat();
        await (await _admin.PostAsJsonAsync("/v1/cycles", new
        {
            id = Cycle, title = "ETag test", opensAt = T0.AddDays(-10), dueAt = T0.AddDays(5), graceUntil = T0.AddDays(10),
            state = "open", instruments = new[] { "BD" },
        })).AssertOkAsync(HttpStatusCode.Created);
        _gb = await _api.LiaisonAsync("GB");
        await _gb.FileAsync(Filing.Body(commitment: "BD-1", cycle: Cycle, submit: true));
        await (await _api.LiaisonAsync("DE")).FileAsync(Filing.Body(participant: "DE", commitment: "BD-1", cycle: Cycle, confidentiality: "restricted",
            submit: true, mainMessage: Restricted));
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    /// <summary>Every report as of now that carries a tag: by whom it is read, where, and in which rendering.</summary>
    private IEnumerable<(HttpClient Client, string Path, string Accept)> Reports() =>
    [
        (_admin, $"/v1/cycles/{Cycle}/coverage", "application/json"),
        (_admin, $"/v1/cycles/{Cycle}/late", "application/json"),
        (_admin, $"/v1/cycles/{Cycle}/briefing-pack", "application/json"),
        (_admin, $"/v1/cycles/{Cycle}/briefing-pack", "text/csv"),
        (_admin, $"/v1/cycles/{Cycle}/briefing-pack", "text/html"),
        (_gb, $"/v1/participants/GB/digest?cycle={Cycle}", "application/json"),
    ];

    private static Task<HttpResponseMessage> Get(HttpClient client, string path, string accept = "application/json", string? ifNoneMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd(accept);
        if (ifNoneMatch is not null) request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        return client.SendAsync(request);
    }

    private static async Task<string> Tag(HttpClient client, string path, string accept = "application/json")
    {
        var response = await Get(client, path, accept);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.ETag?.IsWeak, $"{path} as {accept} carries no weak ETag");
        return response.Headers.ETag!.ToString();
    }

    private Task<string> CoverageTag(string audience = "secretariat") => Tag(_admin, $"/v1/cycles/{Cycle}/coverage?audience={audience}");

    [Fact]
    public async Task AnUnchangedReportIsNotModifiedAndAFilingMakesItNew()
    {
        foreach (var (client, path, accept) in Reports())
        {
            var tag = await Tag(client, path, accept);
            var again = await Get(client, path, accept, tag);
            Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
            Assert.Empty(await again.Content.ReadAsByteArrayAsync());
            Assert.Equal(tag, again.Headers.ETag!.ToString());
            Assert.Equal(HttpStatusCode.NotModified, (await Get(client, path, accept, $"\"other\", {tag}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await Get(client, path, accept, "W/\"0123456789abcdef0123456789abcdef\"")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await Get(client, path, accept, "not a tag")).StatusCode);
        }
        List<(HttpClient Client, string Path, string Accept, string Tag)> before = [];
        foreach (var (client, path, accept) in Reports()) before.Add((client, path, accept, await Tag(client, path, accept)));

        await _gb.FileAsync(Filing.Body(commitment: "BD-2", cycle: Cycle, submit: true));
        foreach (var (client, path, accept, old) in before)
        {
            var response = await Get(client, path, accept, old);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotEqual(old, response.Headers.ETag!.ToString());
            Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task EveryWriteThatCanChangeAReportChangesItsTag()
    {
        var gbBd1 = (await (await _gb.GetAsync($"/v1/updates?cycle={Cycle}&participant=GB")).AssertOkAsync())["items"]![0]!.Id();
        List<(string What, Func<Task> Write)> writes =
        [
            ("a review", async () => await (await _admin.ReviewAsync(gbBd1, new { decision = "accept", assessedStatus = "limited" })).AssertOkAsync()),
            ("an exemption", async () => await (await _admin.PostAsJsonAsync($"/v1/cycles/{Cycle}/exemptions",
                new { participantId = "IT", commitmentId = "BD-1", reason = "G7." })).AssertOkAsync(HttpStatusCode.Created)),
            ("a speakers list", async () => await (await _admin.PutAsJsonAsync($"/v1/cycles/{Cycle}/speakers",
                new { participantIds = new[] { "GB" } })).AssertOkAsync()),
            ("a frozen pack", async () => await (await _admin.PostAsJsonAsync($"/v1/cycles/{Cycle}/briefing-packs", new { }))
                .AssertOkAsync(HttpStatusCode.Created)),
            ("a catalogue edit", async () => await (await _admin.PatchAsJsonAsync("/v1/participants/FR", new { name = "French Republic" })).AssertOkAsync()),
        ];
        var tag = await Tag(_admin, $"/v1/cycles/{Cycle}/briefing-pack");
        foreach (var (what, write) in writes)
        {
            await write();
            var next = await Tag(_admin, $"/v1/cycles/{Cycle}/briefing-pack");
            Assert.True(next != tag, $"{what} left the tag as it was");
            tag = next;
        }
    }

    [Fact]
    public async Task OneAudiencesOrRenderingsTagNeverValidatesAnothersCopy()
    {
        var tags = new List<string>();
        foreach (var audience in new[] { "secretariat", "governments", "public" })
            foreach (var accept in new[] { "application/json", "text/csv", "text/html" })
                tags.Add(await Tag(_admin, $"/v1/cycles/{Cycle}/briefing-pack?audience={audience}", accept));
        tags.Add(await CoverageTag());
        tags.Add(await Tag(_admin, $"/v1/participants/GB/digest?cycle={Cycle}"));
        tags.Add(await Tag(_gb, $"/v1/participants/GB/digest?cycle={Cycle}"));
        Assert.Equal(tags.Count, tags.Distinct().Count());

        // The public copy's tag sent for the secretariat's pack: the full pack, not a 304 that would leave the public copy in place.
        var publicTag = await Tag(_admin, $"/v1/cycles/{Cycle}/briefing-pack?audience=public");
        var full = await Get(_admin, $"/v1/cycles/{Cycle}/briefing-pack", ifNoneMatch: publicTag);
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.Contains(Restricted, await full.Content.ReadAsStringAsync());
        Assert.True(full.Headers.CacheControl?.Private, "a key holder's report is private");
        Assert.True(full.Headers.CacheControl?.NoStore, "a key holder's report is not stored");
        Assert.Contains("X-Api-Key", full.Headers.Vary);
        Assert.Contains("Accept", full.Headers.Vary);
    }

    [Fact]
    public async Task TimeChangesTheTagOnlyWhereItCanChangeTheReport()
    {
        var early = await CoverageTag();
        _clock.Advance(TimeSpan.FromHours(1)); // same day, not yet due: the same report but for its as-of time
        Assert.Equal(early, await CoverageTag());
        _clock.Advance(TimeSpan.FromDays(5)); // just past due: the unsubmitted cells become overdue
        var due = await CoverageTag();
        Assert.NotEqual(early, due);
        _clock.Advance(TimeSpan.FromHours(1)); // another hour, still the first day overdue
        Assert.Equal(due, await CoverageTag());
        _clock.Advance(TimeSpan.FromDays(1)); // a day more overdue
        Assert.NotEqual(due, await CoverageTag());
    }

    [Fact]
    public async Task AReportAsOfAnEarlierTimeCarriesNoTag()
    {
        var asOf = Uri.EscapeDataString(T0.AddMinutes(-1).UtcDateTime.ToString("O"));
        var response = await Get(_admin, $"/v1/cycles/{Cycle}/coverage?asOf={asOf}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, (await Get(_admin, $"/v1/cycles/{Cycle}/coverage?asOf={asOf}", ifNoneMatch: "*")).StatusCode);
    }

    [Fact]
    public async Task AReadersTagChangesOnlyWithWhatThatReaderMaySee()
    {
        List<(HttpClient Client, string Path, string Tag)> readers = [];
        foreach (var (client, path) in new[]
        {
            (_gb, $"/v1/participants/GB/digest?cycle={Cycle}"), (_admin, $"/v1/cycles/{Cycle}/coverage?audience=public"),
            (_admin, $"/v1/cycles/{Cycle}/briefing-pack?audience=governments"), (_admin, $"/v1/cycles/{Cycle}/late?audience=public"),
        })
            readers.Add((client, path, await Tag(client, path)));
        var secretariat = await CoverageTag();

        // Another participant's draft: nobody but DE and the secretariat may know of it.
        await (await _api.LiaisonAsync("DE")).FileAsync(Filing.Body(participant: "DE", commitment: "BD-2", cycle: Cycle, confidentiality: "restricted"));
        foreach (var (client, path, tag) in readers)
        {
            var again = await Get(client, path, ifNoneMatch: tag);
            Assert.True(again.StatusCode == HttpStatusCode.NotModified, $"{path}: a hidden draft changed the tag");
            Assert.Equal(tag, again.Headers.ETag!.ToString());
        }
        Assert.NotEqual(secretariat, await CoverageTag()); // the secretariat sees the draft

        // What the readers do see: GB's own filing changes every one of them but the late list, which is empty before the due date.
        await _gb.FileAsync(Filing.Body(commitment: "BD-2", cycle: Cycle, submit: true));
        foreach (var (client, path, tag) in readers.Where(r => !r.Path.Contains("/late")))
            Assert.Equal(HttpStatusCode.OK, (await Get(client, path, ifNoneMatch: tag)).StatusCode);
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Commitments.Tests.Access;
using Commitments.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace Commitments.Tests.Reports;

/// <summary>
/// The briefing pack as a secretariat official prints it: a realistic cycle (twenty updates from eighteen participants: on time,
/// late, restricted, governments-only, contested, returned, withdrawn, a draft, an exemption) on a fake clock, rendered by the
/// API as HTML, printed by Debian's Chromium to PDF from the HTML alone, and read back page by page.
/// </summary>
[Trait("Category", "Drill")] // launches headless Chromium
public sealed class PrintedPackDrill
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private const string Cycle = "leaders-2026";
    private const string RestrictedMessage = "Elysee pilot: the evaluation budget of forty million is not yet agreed";
    private const string RestrictedSummary = "Confidential arrangement with the Marigold laboratory for pre-deployment access";
    private const string GovernmentsMessage = "Bundestag briefing on the testing institute is scheduled";
    private static readonly string[] Speakers = ["GB", "FR", "KR", "anthropic"];
    private static readonly string[] SpeakerNames = ["United Kingdom", "France", "Republic of Korea", "Anthropic"];

    private sealed class Scenario(TestApi api, MovableClock clock)
    {
        private readonly Dictionary<string, HttpClient> _liaisons = [];
        public TestApi Api => api;
        public MovableClock Clock => clock;
        public HttpClient Admin { get; } = api.Secretariat();

        public async Task<string> FileAsync(string participant, string commitment, string status, string confidentiality = "public", bool submit = true,
            string? message = null, string? summary = null)
        {
            if (!_liaisons.TryGetValue(participant, out var client)) _liaisons[participant] = client = await api.LiaisonAsync(participant);
            return (await client.FileAsync(Filing.Body(participant, commitment, Cycle, submit, confidentiality, status,
                summary ?? $"{participant} reports on {commitment}: institute staffed, evaluations under way.",
                message ?? $"{participant}: steady progress on {commitment}."))).Id();
        }

        public async Task ReviewAsync(string id, string decision, string? comment = null, string? assessed = null, bool internalComment = false) =>
            await (await Admin.ReviewAsync(id, new
            {
                decision, comment, assessedStatus = assessed, commentVisibility = internalComment ? "internal" : "participant",
            })).AssertOkAsync();

        public async Task WithdrawAsync(string participant, string id) =>
            await (await _liaisons[participant].PostAsync($"/v1/updates/{id}/withdraw", null)).AssertOkAsync();

        public async Task<string> HtmlAsync(string path)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Accept.ParseAdd("text/html");
            var response = await Admin.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        }
    }

    /// <summary>Twenty updates from eighteen participants, a frozen pack midway, speakers named, and the cycle past its grace period.</summary>
    private static async Task<Scenario> RealisticCycleAsync()
    {
        var clock = new MovableClock(T0);
        var api = await TestApi.StartAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        var s = new Scenario(api, clock);
        await (await s.Admin.PostAsJsonAsync("/v1/cycles", new
        {
            id = Cycle, title = "Bletchley commitments: progress for the Leaders' Session", opensAt = T0.AddDays(-10), dueAt = T0.AddDays(5),
            graceUntil = T0.AddDays(10), state = "open", sessionOn = "2026-03-30", instruments = new[] { "BD", "ST" },
        })).AssertOkAsync(HttpStatusCode.Created);

        // On time.
        var gbBd1 = await s.FileAsync("GB", "BD-1", "complete", message: "AI Security Institute funded for five years.");
        await s.FileAsync("GB", "ST-1", "substantial");
        var frBd1 = await s.FileAsync("FR", "BD-1", "substantial", "restricted", message: RestrictedMessage, summary: RestrictedSummary);
        var deBd1 = await s.FileAsync("DE", "BD-1", "limited", "governments", message: GovernmentsMessage);
        var usBd1 = await s.FileAsync("US", "BD-1", "complete");
        await s.FileAsync("CA", "BD-1", "substantial", submit: false);
        var itBd1 = await s.FileAsync("IT", "BD-1", "limited");
        var krBd1 = await s.FileAsync("KR", "BD-1", "complete", message: "Seoul follow-up: the AI Safety Institute opened in November.");
        var auBd1 = await s.FileAsync("AU", "BD-1", "limited");
        await s.FileAsync("SG", "BD-1", "not_started", message: "<script>alert('x')</script> on track");
        var euBd1 = await s.FileAsync("EU", "BD-1", "substantial");
        await s.FileAsync("KE", "BD-2", "substantial");
        var chBd1 = await s.FileAsync("CH", "BD-1", "complete");
        var anthropic = await s.FileAsync("anthropic", "ST-1", "complete", message: "Responsible scaling policy updated; pre-deployment tests shared.");
        await s.FileAsync("openai", "ST-1", "substantial");
        await s.FileAsync("BR", "BD-1", "no_evidence_available");
        await (await s.Admin.PostAsJsonAsync($"/v1/cycles/{Cycle}/exemptions",
            new { participantId = "NL", commitmentId = "BD-1", reason = "Reported through the G7 Hiroshima process." })).AssertOkAsync(HttpStatusCode.Created);

        // A pack frozen before the reviews, so the next one says what changed and why.
        clock.Advance(TimeSpan.FromDays(3));
        foreach (var audience in new[] { "secretariat", "public" })
            await (await s.Admin.PostAsJsonAsync($"/v1/cycles/{Cycle}/briefing-packs", new { audience })).AssertOkAsync(HttpStatusCode.Created);

        clock.Advance(TimeSpan.FromDays(1));
        await s.ReviewAsync(gbBd1, "accept", "Accepted; the evidence shows a pilot, not a national programme.", "limited");
        await s.ReviewAsync(usBd1, "return", "Two evidence links do not resolve.");
        await s.WithdrawAsync("IT", itBd1);
        await s.ReviewAsync(krBd1, "accept");
        await s.ReviewAsync(auBd1, "accept", "Embassy reports no activity yet.", "not_started", internalComment: true);
        await s.ReviewAsync(frBd1, "accept");
        await s.ReviewAsync(deBd1, "accept");
        await s.ReviewAsync(euBd1, "accept");
        await s.ReviewAsync(chBd1, "accept");
        await s.ReviewAsync(anthropic, "accept");
        await (await s.Admin.PutAsJsonAsync($"/v1/cycles/{Cycle}/speakers", new { participantIds = Speakers })).AssertOkAsync();

        // Late: after the due date, within grace.
        clock.Advance(TimeSpan.FromDays(3));
        await s.FileAsync("JP", "BD-1", "substantial");
        await s.FileAsync("IN", "BD-1", "limited");
        await s.FileAsync("meta", "ST-1", "limited");
        await s.FileAsync("GB", "BD-2", "substantial");

        clock.Advance(TimeSpan.FromDays(13)); // past grace: what nobody filed is missing
        return s;
    }

    private static List<string> PagesOf(string pdf)
    {
        using var document = PdfDocument.Open(pdf);
        // In the order the page drew its text (Chromium draws in document order), so a two-column page reads column by column.
        return document.GetPages().Select(p => Regex.Replace(ContentOrderTextExtractor.GetText(p), @"\s+", " ")).ToList();
    }

    private static async Task<(string Pdf, List<string> Pages)> PrintAsync(string html, string name)
    {
        var folder = Repo.Artefacts;
        var page = Path.Combine(folder, name + ".html");
        await File.WriteAllTextAsync(page, html);
        var pdf = await Chromium.PrintAsync(page, Path.Combine(folder, name + ".pdf"));
        return (pdf, PagesOf(pdf));
    }

    /// <summary>One page of the PDF as a PNG (poppler's pdftoppm), or, without poppler, a screenshot of the page's top in Chromium.</summary>
    private static async Task SavePageImageAsync(string pdf, int page, string png, string html)
    {
        File.Delete(png);
        if (File.Exists("/usr/bin/pdftoppm"))
        {
            var info = new ProcessStartInfo("/usr/bin/pdftoppm", ["-png", "-r", "80", "-f", $"{page}", "-l", $"{page}", "-singlefile", pdf, png[..^4]]);
            using var process = Process.Start(info)!;
            await process.WaitForExitAsync();
        }
        else
        {
            await Chromium.RunAsync("--hide-scrollbars", "--window-size=1123,794", $"--screenshot={png}", new Uri(html).AbsoluteUri);
        }
        Assert.True(File.Exists(png) && new FileInfo(png).Length > 10_000, $"{png} is missing or suspiciously small");
    }

    private static void EveryPageCarriesTheFurniture(List<string> pages, string classification, string? hash = null)
    {
        for (var i = 0; i < pages.Count; i++)
        {
            Assert.True(pages[i].Contains($"page {i + 1} of {pages.Count}"), $"page {i + 1} lacks 'page {i + 1} of {pages.Count}': {Start(pages[i])}");
            Assert.True(pages[i].Contains(classification), $"page {i + 1} lacks the banner {classification}");
            Assert.True(pages[i].Contains("As of 2026-03-21 12:00 UTC"), $"page {i + 1} lacks the as-of time");
            if (hash is not null) Assert.True(pages[i].Contains(hash), $"page {i + 1} lacks the content hash");
        }
    }

    private static string Start(string page) => page.Length > 300 ? page[..300] : page;

    [SkippableFact]
    public async Task ThePrintedPackLeadsWithTheBriefAndGivesEachSpeakerAPage()
    {
        Skip.IfNot(Chromium.Installed, $"Debian's chromium is not installed at {Chromium.Path} (.ci/run installs it); the browser drill is skipped.");
        var s = await RealisticCycleAsync();
        await using var api = s.Api;

        // The public pack, frozen: its id and content hash are on every page.
        var frozen = await (await s.Admin.PostAsJsonAsync($"/v1/cycles/{Cycle}/briefing-packs", new { audience = "public" })).AssertOkAsync(HttpStatusCode.Created);
        var html = await s.HtmlAsync(frozen.Str("href"));
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;alert(", html);
        var (pdf, pages) = await PrintAsync(html, "pack-public");
        EveryPageCarriesTheFurniture(pages, "PUBLIC", frozen.Str("contentHash"));
        Assert.All(pages, p => Assert.Contains(frozen.Str("id"), p));

        // Page one is the brief: headline figures, speakers' standing, late per participant, contested, changes with reasons.
        var brief = pages[0];
        foreach (var phrase in new[]
        {
            "Headline figures", "Obligations", "Reported", "On time", "High completion, self-assessed", "High completion, secretariat's view",
            "Session speakers", "Late or missing, per participant (worst first)", "Contested", "United Kingdom · BD-1: self-assessed complete, secretariat limited",
            "Reviewer: “Accepted; the evidence shows a pilot", "Changes since the previous pack",
            // A returned or withdrawn update is no longer published: the public learns that it went, not the workflow behind it.
            "United States · BD-1: no longer reported (was complete)", "accepted (complete", "Contents",
        })
            Assert.True(brief.Contains(phrase), $"page 1 lacks '{phrase}': {brief}");
        foreach (var name in SpeakerNames) Assert.Contains(name, brief);
        Assert.DoesNotContain("Speaker 1 of", brief);
        Assert.DoesNotContain("Embassy reports no activity", string.Join(" ", pages)); // an internal comment is the secretariat's

        // One page per speaker, in running order, right after the brief.
        for (var i = 0; i < Speakers.Length; i++)
            Assert.True(pages[i + 1].Contains($"Speaker {i + 1} of {Speakers.Length}: {SpeakerNames[i]}"), $"page {i + 2}: {Start(pages[i + 1])}");

        // France reported on time under restricted: reported, not missing, and none of its words.
        var france = pages[2];
        Assert.Contains("REPORTED (RESTRICTED)", france);
        Assert.Contains("on time", france);
        Assert.DoesNotContain("BD-1 (missing", france);
        var all = string.Join(" ", pages);
        foreach (var word in new[] { "Elysee", "forty million", "Marigold", "Bundestag" }) Assert.DoesNotContain(word, all);
        Assert.DoesNotContain("France · BD-1 · missing", all);

        await SavePageImageAsync(pdf, 1, Path.Combine(Repo.Artefacts, "pack-page-1.png"), Path.Combine(Repo.Artefacts, "pack-public.html"));
        await SavePageImageAsync(pdf, 2, Path.Combine(Repo.Artefacts, "pack-speaker-page.png"), Path.Combine(Repo.Artefacts, "pack-public.html"));

        // The secretariat's pack marks each restricted and governments-only item, and prints what the public one leaves out.
        var (_, secretariat) = await PrintAsync(await s.HtmlAsync($"/v1/cycles/{Cycle}/briefing-pack"), "pack-secretariat");
        EveryPageCarriesTheFurniture(secretariat, "RESTRICTED: SECRETARIAT ONLY");
        var franceInternal = secretariat[2];
        Assert.Contains("RESTRICTED Elysee pilot", franceInternal);
        Assert.Contains("GOVERNMENTS ONLY Bundestag", string.Join(" ", secretariat));
        Assert.Contains("Embassy reports no activity", string.Join(" ", secretariat));
        Assert.Contains("United States · BD-1: returned to the participant (was complete)", secretariat[0]);
        Assert.Contains("Italy · BD-1: withdrawn (was limited)", secretariat[0]);

        await File.AppendAllTextAsync(Path.Combine(Repo.Artefacts, "printed-pack.txt"),
            $"realistic cycle ({Cycle}): public pack {pages.Count} pages, secretariat pack {secretariat.Count} pages, {Speakers.Length} speakers\n");
    }

    /// <summary>
    /// The seeded catalogue, unfiled: seoul-2024 (BD, ST and CS), and a cycle over every seeded instrument, which binds every seeded
    /// participant that endorsed one. Each prints its brief, speakers, matrix and tables in at most
    /// 1 + speakers + 8 pages before the annex.
    /// </summary>
    [SkippableTheory]
    [InlineData("seoul-2024", 35)]
    [InlineData("all-instruments", 45)]
    public async Task TheSeededCataloguePrintsItsBriefSpeakersMatrixAndTablesInAtMostEightPagesBeyondTheSpeakers(string cycle, int atLeast)
    {
        Skip.IfNot(Chromium.Installed, $"Debian's chromium is not installed at {Chromium.Path}; the browser drill is skipped.");
        await using var api = await TestApi.StartAsync();
        var admin = api.Secretariat();
        if (cycle == "all-instruments")
            await (await admin.PostAsJsonAsync("/v1/cycles", new
            {
                id = cycle, title = "Progress on the Bletchley and Seoul commitments for the AI Action Summit", opensAt = "2024-11-01T00:00:00Z",
                dueAt = "2025-01-31T23:59:59Z", graceUntil = "2025-02-07T23:59:59Z", state = "open", sessionOn = "2025-02-10",
                instruments = new[] { "BD", "ST", "CS", "SD", "SOI", "FAISC", "SMS" },
            })).AssertOkAsync(HttpStatusCode.Created);
        string[] speakers = ["GB", "KR", "US"];
        await (await admin.PutAsJsonAsync($"/v1/cycles/{cycle}/speakers", new { participantIds = speakers })).AssertOkAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/cycles/{cycle}/briefing-pack");
        request.Headers.Accept.ParseAdd("text/html");
        var html = await (await admin.SendAsync(request)).Content.ReadAsStringAsync();
        var pack = await (await admin.GetAsync($"/v1/cycles/{cycle}/coverage")).AssertOkAsync();
        var participants = pack["matrix"]!.AsArray().Count;
        Assert.True(participants >= atLeast, $"{cycle} has {participants} participants with obligations");

        var (_, pages) = await PrintAsync(html, $"pack-{cycle}");
        var annex = pages.FindIndex(1, p => p.Contains("Annex A: late and missing, per participant")); // page one's contents names it too
        Assert.True(annex > 0, "no annex found");
        Assert.True(annex <= 1 + speakers.Length + 8, $"{annex} pages before the annex; at most {1 + speakers.Length + 8}");
        Assert.Contains("Headline figures", pages[0]);
        Assert.DoesNotContain("Speaker 1 of", pages[0]);
        for (var i = 0; i < pages.Count; i++) Assert.Contains($"page {i + 1} of {pages.Count}", pages[i]);
        await File.AppendAllTextAsync(Path.Combine(Repo.Artefacts, "printed-pack.txt"),
            $"{cycle}: {participants} participants, {pack["commitmentIds"]!.AsArray().Count} commitments, {speakers.Length} speakers, "
            + $"{annex} pages before the annex, {pages.Count} pages in all\n");
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Commitments.Tests.Access;
using Commitments.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Commitments.Tests.Reports;

/// <summary>
/// Reports are written to the response as they are produced; their bytes are the ones the whole-document rendering gave. The
/// hashes below were taken from the code that built each document whole in memory (before streaming), over a fixed workflow
/// on a fixed clock; a deliberate change of a report's content changes them, and says so here.
/// </summary>
public sealed class StreamedDocumentTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private const string Cycle = "stream-2026";

    private static async Task<(TestApi Api, HttpClient Admin, string AsOf)> WorkflowAsync()
    {
        var clock = new MovableClock(T0);
        var api = await TestApi.StartAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        var admin = api.Secretariat();
        await (await admin.PostAsJsonAsync("/v1/cycles", new
        {
            id = Cycle, title = "Streaming test", opensAt = T0.AddDays(-10), dueAt = T0.AddDays(5), graceUntil = T0.AddDays(10),
            state = "open", sessionOn = "2026-04-01", instruments = new[] { "BD", "ST", "CS" },
        })).AssertOkAsync(HttpStatusCode.Created);
        var gb = await api.LiaisonAsync("GB");
        var bd1 = (await gb.FileAsync(Filing.Body(commitment: "BD-1", cycle: Cycle, status: "complete", submit: true,
            summary: "Formula-looking =1+2 and <b>markup</b>, \"quotes\", commas, and a\nnew line."))).Id();
        await (await admin.ReviewAsync(bd1, new { decision = "accept", comment = "Accepted; assessed as limited.", assessedStatus = "limited" })).AssertOkAsync();
        var bd2 = (await gb.FileAsync(Filing.Body(commitment: "BD-2", cycle: Cycle, submit: true))).Id();
        await (await admin.ReviewAsync(bd2, new { decision = "return", comment = "Evidence missing." })).AssertOkAsync();
        var de = await api.LiaisonAsync("DE");
        await de.FileAsync(Filing.Body(participant: "DE", commitment: "BD-1", cycle: Cycle, status: "limited", confidentiality: "restricted", submit: true,
            mainMessage: "DE only: restricted."));
        clock.Advance(TimeSpan.FromDays(7));
        var jp = await api.LiaisonAsync("JP");
        await jp.FileAsync(Filing.Body(participant: "JP", commitment: "BD-1", cycle: Cycle, status: "substantial", submit: true));
        clock.Advance(TimeSpan.FromDays(13));
        return (api, admin, Uri.EscapeDataString(T0.AddDays(19).UtcDateTime.ToString("O")));
    }

    private static readonly System.Text.RegularExpressions.Regex Uuid = new("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /// <summary>The document's bytes, and the SHA-256 of them with every uuid (new on every run: update and pack ids) taken out.</summary>
    private static async Task<(byte[] Bytes, string Hash)> Fetch(HttpClient client, string path, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith(accept, response.Content.Headers.ContentType!.ToString());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var stable = System.Text.Encoding.UTF8.GetBytes(Uuid.Replace(System.Text.Encoding.UTF8.GetString(bytes), "UUID"));
        return (bytes, Convert.ToHexStringLower(SHA256.HashData(stable)));
    }

    /// <summary>SHA-256 of each document (uuids taken out) as the whole-document code wrote it.</summary>
    private static readonly Dictionary<string, string> Before = new()
    {
        ["coverage secretariat"] = "cb43389e36054c332b26be37b86ccb146ca546e719d94fde1a84230a8efb51b7",
        ["pack secretariat application/json"] = "a3a1c6cb07f9c757f39e66deefb01dc241ef45af82815305b57aaec50e3e332b",
        ["pack secretariat text/csv"] = "a932490313f53df58060c25447033496c84ee424fd38de584b77f1663eba1daf",
        ["pack secretariat text/html"] = "b091a79970bf404829963c0b08f8bc0baf0d83e67cb0d2728f3e78817e68f0b6",
        ["coverage governments"] = "394681acc43d26a29a9f89f130efb7d76ade9a8dbf98c2e70b31a22e6d965486",
        ["pack governments application/json"] = "8f8dbeea31430af25dcf8b67305e255315c326fa3ceed4968575a2a4b4ae9d34",
        ["pack governments text/csv"] = "dec3a96cc62a832daad68b9a9341f86da3ea1b2c1902a57dde71b61b6faf3744",
        ["pack governments text/html"] = "807ebf3764523a0b86acacb98e12394dd1b3e92923fdc67ed89f92578ccd4dfc",
        ["coverage public"] = "ebe7addeab4530b7bad8cd0abebec85cf3a4f5b9bdc38db1ea48eed80ed1538f",
        ["pack public application/json"] = "db4c03ae302f89525099b214af943587db2d357b39a5a3cc1443c7423f15af7f",
        ["pack public text/csv"] = "28975d8cdf133479f26f0c79092411a1d8511e8cd0c9cece614026562838824b",
        ["pack public text/html"] = "d133f837b95bda09f138b809a6ccad4c00dd919656dd7c8c04467279876ef1f1",
    };

    [Fact]
    public async Task StreamedReportsAreTheBytesTheWholeDocumentsWere()
    {
        var (api, admin, asOf) = await WorkflowAsync();
        await using var _ = api;
        var actual = new Dictionary<string, string>();
        var live = new Dictionary<string, byte[]>();
        foreach (var audience in new[] { "secretariat", "governments", "public" })
        {
            actual[$"coverage {audience}"] = (await Fetch(admin, $"/v1/cycles/{Cycle}/coverage?asOf={asOf}&audience={audience}", "application/json")).Hash;
            foreach (var accept in new[] { "application/json", "text/csv", "text/html" })
            {
                var (bytes, hash) = await Fetch(admin, $"/v1/cycles/{Cycle}/briefing-pack?asOf={asOf}&audience={audience}", accept);
                (actual[$"pack {audience} {accept}"], live[$"{audience} {accept}"]) = (hash, bytes);
            }
        }
        Assert.Equal(Before.Keys, actual.Keys);
        foreach (var (key, hash) in Before) Assert.True(actual[key] == hash, $"{key} is now {actual[key]}");

        // Frozen: the hash is of the bytes a live pack streams, the same bytes are served back, and its CSV is the live CSV.
        var frozen = await (await admin.PostAsJsonAsync($"/v1/cycles/{Cycle}/briefing-packs", new { asOf = Uri.UnescapeDataString(asOf) }))
            .AssertOkAsync(HttpStatusCode.Created);
        var id = frozen.Str("id");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(live["secretariat application/json"])), frozen.Str("contentHash"));
        Assert.Equal(live["secretariat application/json"], (await Fetch(admin, $"/v1/briefing-packs/{id}", "application/json")).Bytes);
        Assert.Equal(live["secretariat text/csv"], (await Fetch(admin, $"/v1/briefing-packs/{id}", "text/csv")).Bytes);
        var page = System.Text.Encoding.UTF8.GetString((await Fetch(admin, $"/v1/briefing-packs/{id}", "text/html")).Bytes);
        // The frozen page is the live page with the pack's id and hash in its furniture instead of "Live pack, not frozen".
        Assert.Contains(frozen.Str("contentHash"), page);
        Assert.Equal(FrozenPageHash, Hash(page.Replace(frozen.Str("contentHash"), "HASH").Replace(id.Replace("-", "\\2d "), "ID")));
    }

    /// <summary>
    /// The printed pack is written a slice at a time (PackHtml): whatever the slices, the page is the same bytes, including
    /// where a slice boundary falls inside a kind's group of matrix rows, the late list, the digests and the speakers' pages.
    /// </summary>
    [Fact]
    public async Task ThePrintedPackIsTheSameWhateverItsSlices()
    {
        var (api, admin, _) = await WorkflowAsync();
        await using var _ = api;
        await (await admin.PutAsJsonAsync($"/v1/cycles/{Cycle}/speakers", new { participantIds = new[] { "GB", "JP", "DE" } })).AssertOkAsync();
        await using var scope = api.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var built = await services.GetRequiredService<Commitments.Api.Features.Reports.BriefingPacks>()
            .BuildAsync(Cycle, null, Commitments.Api.Features.Reports.BriefingPacks.AudienceFor("secretariat"), CancellationToken.None);
        var model = new Commitments.Api.Features.Reports.Printable.PrintablePack(built.Value!, null, null, "http://localhost");
        foreach (var part in Enum.GetValues<Commitments.Api.Features.Reports.Printable.PackPart>()
            .Except([Commitments.Api.Features.Reports.Printable.PackPart.StatusMoves, Commitments.Api.Features.Reports.Printable.PackPart.NewEndorsements]))
        {
            Assert.True(model.CountOf(part) > 1, $"{part} has more than one item to slice");
        }

        async Task<string> Page(int budget)
        {
            var html = new Commitments.Api.Features.Reports.PackHtml(services, services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>())
                { SliceBudget = budget };
            Assert.True(budget > 1 || html.Slices(model, Commitments.Api.Features.Reports.Printable.PackPart.MatrixRows).Count() == model.MatrixByKind.Count);
            using var body = new MemoryStream();
            await html.WriteAsync(model, body, CancellationToken.None);
            return System.Text.Encoding.UTF8.GetString(body.ToArray());
        }

        var whole = await Page(int.MaxValue);
        Assert.Contains("<tr class=\"group\">", whole);
        Assert.DoesNotContain(Commitments.Api.Features.Reports.Printable.SliceMark.Prefix, whole);
        foreach (var budget in new[] { 1, 2, 7, 40, 250, 2_000 }) Assert.Equal(whole, await Page(budget));
    }

    private const string FrozenPageHash = "0df96d10392669499f3f0c72983ebd4c37e83b305d9fe1c34ee85c28e0b2918d";

    private static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Uuid.Replace(text, "UUID"))));
}

using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Commitments.Tests.Support;

namespace Commitments.Tests.Client;

/// <summary>
/// Stoplight Prism as a validating proxy in strict mode (--errors) in front of the real API process: the whole workflow and a
/// dozen refusals pass through it, and it reports no violation of openapi.yaml in any request or response it forwards.
/// </summary>
[Trait("Category", "Drill")] // a real API process behind a Node proxy fetched by npx
public sealed class PrismProxyDrill
{
    private const string Secret = "cmt_prism-drill-secretariat-key-000000000000000";

    private static string Repository([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", ".."));

    [SkippableFact]
    public async Task AStrictValidatingProxyFindsNoViolationOverTheWorkflowAndItsRefusals()
    {
        var (folder, env) = ApiProcess.FreshSqlite();
        env["COMMITMENTS_BOOTSTRAP_KEY"] = Secret;
        await using var api = await ApiProcess.StartAsync(env, folder);
        // Port 0: Prism binds a port of the system's choosing and names it (a port picked here and released could be taken first).
        var info = new ProcessStartInfo("npx", ["--yes", "@stoplight/prism-cli@5.14.2", "proxy", Path.Combine(Repository(), "openapi.yaml"),
            api.Address.ToString().TrimEnd('/'), "--errors", "--port", "0"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        Process? prism;
        try
        {
            prism = Process.Start(info);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new SkipException($"npx is not installed, so the validating proxy cannot run: {e.Message}");
        }
        var log = new System.Text.StringBuilder();
        prism!.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        prism.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        // Prism's output arrives on other threads while the test reads it: every read takes the same lock.
        string Log() { lock (log) return log.ToString(); }
        prism.BeginOutputReadLine();
        prism.BeginErrorReadLine();
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(120);
            System.Text.RegularExpressions.Match listening;
            while (!(listening = System.Text.RegularExpressions.Regex.Match(Log(), @"Prism is listening on (http://127\.0\.0\.1:\d+)")).Success)
            {
                var started = Log();
                Skip.If(prism.HasExited, $"the validating proxy could not start (npm registry unreachable?): {started[..Math.Min(300, started.Length)]}");
                Assert.True(DateTime.UtcNow < deadline, "the proxy did not come up within 120 s:\n" + started);
                await Task.Delay(200);
            }
            using var proxy = new HttpClient { BaseAddress = new Uri(listening.Groups[1].Value), Timeout = TimeSpan.FromSeconds(30) };
            while (true)
            {
                try
                {
                    if ((await proxy.GetAsync("/v1/instruments")).StatusCode == HttpStatusCode.OK) break;
                }
                catch (HttpRequestException) { }
                Assert.True(DateTime.UtcNow < deadline, "the proxy did not come up within 120 s:\n" + Log());
                await Task.Delay(500);
            }

            var statuses = new List<string>();
            async Task<HttpResponseMessage> Send(string what, HttpStatusCode expected, HttpMethod method, string path, string? key = Secret,
                object? body = null, params (string Name, string Value)[] headers)
            {
                var request = new HttpRequestMessage(method, path);
                if (key is not null) request.Headers.Add("X-Api-Key", key);
                if (body is not null) request.Content = body as HttpContent ?? JsonContent.Create(body);
                foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
                var response = await proxy.SendAsync(request);
                Assert.False(response.Headers.Contains("sl-violations"),
                    $"{what}: the proxy found violations: {string.Join("; ", response.Headers.TryGetValues("sl-violations", out var v) ? v : [])}");
                Assert.True(expected == response.StatusCode, $"{what}: expected {(int)expected}, got {(int)response.StatusCode}: "
                    + await response.Content.ReadAsStringAsync() + "\n" + Log());
                statuses.Add(what);
                return response;
            }

            await Send("create cycle", HttpStatusCode.Created, HttpMethod.Post, "/v1/cycles", body: new
            {
                id = "prism", title = "Prism", opensAt = DateTime.UtcNow.AddDays(-1), dueAt = DateTime.UtcNow.AddDays(30),
                graceUntil = DateTime.UtcNow.AddDays(37), state = "open", instruments = new[] { "BD", "ST", "CS" },
            });
            var liaison = (await (await Send("create liaison key", HttpStatusCode.Created, HttpMethod.Post, "/v1/api-keys",
                body: new { role = "liaison", participantId = "GB", label = "GB" })).ReadJsonAsync()).Str("secret");
            var filing = new { participantId = "GB", commitmentId = "BD-1", cycleId = "prism", status = "limited", summary = "Begun.", confidentiality = "public" };
            var id = (await (await Send("file", HttpStatusCode.Created, HttpMethod.Post, "/v1/updates", liaison, filing, ("Idempotency-Key", "p1"))).ReadJsonAsync()).Str("id");
            await Send("file again, same key", HttpStatusCode.Created, HttpMethod.Post, "/v1/updates", liaison, filing, ("Idempotency-Key", "p1"));
            var amendment = new { status = "substantial", summary = "Further.", confidentiality = "public" };
            await Send("amend", HttpStatusCode.OK, HttpMethod.Put, $"/v1/updates/{id}", liaison, amendment, ("If-Match", "\"1\""));
            await Send("submit", HttpStatusCode.OK, HttpMethod.Post, $"/v1/updates/{id}/submit", liaison, null, ("If-Match", "\"2\""));
            await Send("review", HttpStatusCode.OK, HttpMethod.Post, $"/v1/updates/{id}/review", Secret,
                new { decision = "accept", comment = "Accepted.", assessedStatus = "limited" }, ("If-Match", "\"3\""));
            await Send("revisions", HttpStatusCode.OK, HttpMethod.Get, $"/v1/updates/{id}/revisions");
            await Send("receipt", HttpStatusCode.OK, HttpMethod.Get, $"/v1/updates/{id}/revisions/1/receipt");
            await Send("coverage", HttpStatusCode.OK, HttpMethod.Get, "/v1/cycles/prism/coverage");
            await Send("pack", HttpStatusCode.OK, HttpMethod.Get, "/v1/cycles/prism/briefing-pack");
            await Send("pack as CSV", HttpStatusCode.OK, HttpMethod.Get, "/v1/cycles/prism/briefing-pack", Secret, null, ("Accept", "text/csv"));
            var frozen = await (await Send("freeze", HttpStatusCode.Created, HttpMethod.Post, "/v1/cycles/prism/briefing-packs", Secret, new { })).ReadJsonAsync();
            await Send("frozen pack", HttpStatusCode.OK, HttpMethod.Get, frozen.Str("href"));
            var csv = await (await Send("template", HttpStatusCode.OK, HttpMethod.Get, "/v1/participants/GB/obligations?cycle=prism", liaison, null,
                ("Accept", "text/csv"))).Content.ReadAsByteArrayAsync();
            const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            await Send("template as XLSX", HttpStatusCode.OK, HttpMethod.Get, "/v1/participants/GB/obligations?cycle=prism", liaison, null, ("Accept", Xlsx));
            byte[] xlsx;
            using (var direct = new HttpClient { BaseAddress = api.Address })
            {
                // The workbook's bytes from the API itself: what passes the proxy as the response above is checked, not kept.
                var request = new HttpRequestMessage(HttpMethod.Get, "/v1/participants/GB/obligations?cycle=prism") { Headers = { { "X-Api-Key", liaison } } };
                request.Headers.TryAddWithoutValidation("Accept", Xlsx);
                xlsx = await (await direct.SendAsync(request)).Content.ReadAsByteArrayAsync();
            }
            // The templates sent back as they were downloaded, as a spreadsheet user would: real CSV and XLSX bodies.
            HttpContent Sheet(string media, byte[] bytes) => new ByteArrayContent(bytes) { Headers = { ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(media) } };
            await Send("bulk dry run as CSV", HttpStatusCode.OK, HttpMethod.Post, "/v1/participants/GB/updates/bulk?cycle=prism&dryRun=true", liaison,
                Sheet("text/csv", csv));
            // Prism checks the workbook against the document (no violation), but forwards a binary body re-encoded as text, so the
            // server cannot read what arrives: only the proxy's verdict is asserted here; the drill of uploads sends XLSX directly.
            var upload = new HttpRequestMessage(HttpMethod.Post, "/v1/participants/GB/updates/bulk?cycle=prism&dryRun=true") { Content = Sheet(Xlsx, xlsx) };
            upload.Headers.Add("X-Api-Key", liaison);
            var checkedUpload = await proxy.SendAsync(upload);
            Assert.False(checkedUpload.Headers.Contains("sl-violations"), "XLSX upload: the proxy found violations");
            Assert.NotEqual(422, (int)checkedUpload.StatusCode); // 422 is Prism's own refusal of a request it found invalid

            await Send("no key", HttpStatusCode.Unauthorized, HttpMethod.Get, "/v1/updates", key: null);
            await Send("unknown key", HttpStatusCode.Unauthorized, HttpMethod.Get, "/v1/me", "cmt_not-a-key-00000000000000000000000000000");
            // A well-formed body: the refusal tested is the role's, not the schema's (the proxy answers a malformed one itself).
            await Send("liaison creates a cycle", HttpStatusCode.Forbidden, HttpMethod.Post, "/v1/cycles", liaison, new
            {
                id = "liaison-cycle", title = "A cycle a liaison may not create", opensAt = "2024-09-01T00:00:00Z", dueAt = "2024-10-31T23:59:59Z",
                graceUntil = "2024-11-07T23:59:59Z", instruments = new[] { "BD" },
            });
            await Send("unknown update", HttpStatusCode.NotFound, HttpMethod.Get, "/v1/updates/00000000-0000-7000-8000-000000000000");
            await Send("second filing", HttpStatusCode.Conflict, HttpMethod.Post, "/v1/updates", liaison, filing with { });
            await Send("stale amendment", HttpStatusCode.PreconditionFailed, HttpMethod.Put, $"/v1/updates/{id}", Secret, amendment, ("If-Match", "\"1\""));
            await Send("not an obligation", HttpStatusCode.UnprocessableEntity, HttpMethod.Post, "/v1/updates", liaison,
                filing with { commitmentId = "FAISC-I", summary = "x" });
            await Send("unknown commitment", HttpStatusCode.NotFound, HttpMethod.Get, "/v1/commitments/NOPE-1");
            await Send("unknown cycle", HttpStatusCode.NotFound, HttpMethod.Get, "/v1/cycles/nope/coverage");
            await Send("not acceptable", HttpStatusCode.NotAcceptable, HttpMethod.Get, "/v1/cycles/prism/briefing-pack", Secret, null, ("Accept", "application/xml"));
            await Send("withdraw an accepted update", HttpStatusCode.Conflict, HttpMethod.Post, $"/v1/updates/{id}/withdraw", liaison, null, ("If-Match", "\"4\""));
            await Send("future as-of", HttpStatusCode.BadRequest, HttpMethod.Get, $"/v1/cycles/prism/coverage?asOf={DateTime.UtcNow.AddDays(3):yyyy-MM-ddTHH:mm:ssZ}");

            Assert.Equal(29, statuses.Count); // the workflow (17) and the refusals (12)
            Assert.DoesNotContain("violation", Log(), StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            if (!prism.HasExited) prism.Kill(entireProcessTree: true);
        }
    }
}

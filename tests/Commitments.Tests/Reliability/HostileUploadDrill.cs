using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Commitments.Tests.Support;
using Xunit.Abstractions;

namespace Commitments.Tests.Reliability;

/// <summary>
/// Hostile uploads to the bulk route of the real server process, four at a time, while another client polls /health/live:
/// no 5xx, every refusal problem details, nothing written, the server's peak memory (VmHWM) under 400 MB, and the other
/// client always served. Its latency is printed, not asserted: a timed bound on a shared 2-core machine measures the machine.
/// </summary>
[Trait("Category", "Drill")] // the real process, megabytes of bombs
public sealed class HostileUploadDrill(ITestOutputHelper output)
{
    private const string Secret = "cmt_upload-drill-secretariat-key-0000000000000";
    private const string Cycle = "drill-open";
    private const string Xlsx = HostileUploads.XlsxMediaType;

    private static IEnumerable<(string Name, byte[] Body, string MediaType)> Cases()
    {
        static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);
        var header4 = HostileUploads.HeaderRow(["commitmentId", "status", "summary", "confidentiality"]);
        yield return ("shared-string bomb (3 KB, every cell one 30,000-character string)", HostileUploads.SharedStringBomb(300, 30_000), Xlsx);
        yield return ("shared-string error amplifier (every cell an invalid 200-character string)", HostileUploads.SharedStringBomb(500, 200), Xlsx);
        yield return ("row bomb (100,000 filled rows)", HostileUploads.RowBomb(100_000), Xlsx);
        yield return ("blank-row bomb", HostileUploads.Xlsx(header4 + string.Concat(Enumerable.Range(2, 200_000).Select(r => $"<row r=\"{r}\"/>"))), Xlsx);
        yield return ("cell bomb", HostileUploads.Xlsx(header4 + "<row r=\"2\">" + string.Concat(Enumerable.Range(0, 16_000).Select(c => $"<c r=\"{HostileUploads.Letter(c)}2\"/>")) + "</row>"
            + string.Concat(Enumerable.Range(3, 200).Select(r => $"<row r=\"{r}\">" + string.Concat(Enumerable.Range(0, 1000).Select(c => $"<c r=\"{HostileUploads.Letter(c)}{r}\"/>")) + "</row>"))), Xlsx);
        yield return ("shared-string table bomb (200,000 strings)", HostileUploads.Xlsx(header4, Enumerable.Range(0, 200_000).Select(i => "s").ToList()), Xlsx);
        yield return ("zip bomb (200 MiB declared)", HostileUploads.ZipBomb(200), Xlsx);
        yield return ("zip bomb that lies about its size (200 MiB in 1 KiB headers)", HostileUploads.LyingZipBomb(200), Xlsx);
        foreach (var (zip, i) in HostileUploads.MalformedZips().Select((z, i) => (z, i))) yield return ($"malformed zip {i}", zip, Xlsx);
        yield return ("sheet relation at the shared strings", HostileUploads.Xlsx(header4, ["a"], sheetIsTheSharedStrings: true), Xlsx);
        yield return ("shared-string cell without a value", HostileUploads.Xlsx(header4 + $"<row r=\"2\">{HostileUploads.Shared(1, 2, null)}</row>", ["a"]), Xlsx);
        yield return ("shared-string index past the table", HostileUploads.Xlsx(header4 + $"<row r=\"2\">{HostileUploads.Shared(1, 2, 99)}</row>", ["a"]), Xlsx);
        yield return ("shared-string index past int", HostileUploads.Xlsx(header4 + "<row r=\"2\"><c r=\"B2\" t=\"s\"><v>99999999999999999999</v></c></row>", ["a"]), Xlsx);
        yield return ("cell reference garbage", HostileUploads.Xlsx(header4 + "<row r=\"2\"><c r=\"!!\" t=\"inlineStr\"><is><t>x</t></is></c><c r=\"ZZZZZZ9\"><v>1</v></c></row>"), Xlsx);
        yield return ("DTD entity expansion", Utf8ToXlsxSheet("<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"), Xlsx);
        yield return ("huge XLSX cell", HostileUploads.Xlsx(HostileUploads.HeaderRow() + $"<row r=\"2\">{HostileUploads.Inline(8, 2, new string('w', 3_000_000))}</row>"), Xlsx);
        yield return ("huge CSV cell", Utf8("commitmentId,summary\r\nBD-1," + new string('w', 3_000_000) + "\r\n"), "text/csv");
        yield return ("unclosed CSV quote", Utf8("commitmentId,summary\r\nBD-1,\"" + new string('w', 3_000_000)), "text/csv");
        yield return ("CSV row bomb", Utf8("commitmentId,status\r\n" + string.Concat(Enumerable.Repeat("BD-1,limited\r\n", 250_000))), "text/csv");
        yield return ("CSV of NULs", new byte[3_000_000], "text/csv");
        yield return ("CSV of invalid UTF-8", Enumerable.Repeat((byte)0xC3, 100_000).ToArray(), "text/csv");
        yield return ("JSON row bomb", Utf8("[" + string.Join(",", Enumerable.Repeat("{}", 1_000_000)) + "]"), "application/json");
        yield return ("JSON over the body limit", Utf8("[" + string.Join(",", Enumerable.Repeat("{\"summary\":\"" + new string('x', 1000) + "\"}", 5_000)) + "]"), "application/json");
        yield return ("JSON huge string", Utf8("[{\"summary\":\"" + new string('x', 3_500_000) + "\"}]"), "application/json");
        yield return ("JSON deep", Utf8(new string('[', 5_000) + new string(']', 5_000)), "application/json");
        foreach (var json in new[] { "[{\"status\":\"bogus\"}]", "[{\"status\":2}]", "{}", "", "\uFEFF", "\"text\"", "null", "[null]", "[{\"summary\":\"\\ud800\"}]",
                     "[{\"commitmentId\":\"BD-1\",\"status\":\"limited\",\"summary\":\"\\u0001\",\"confidentiality\":\"public\"}]" })
            yield return ($"JSON {json}", Utf8(json), "application/json");
    }

    /// <summary>A workbook whose sheet XML starts with <paramref name="prolog"/> (a DTD, say).</summary>
    private static byte[] Utf8ToXlsxSheet(string prolog)
    {
        var xlsx = HostileUploads.Xlsx("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&b;</t></is></c></row>");
        using var stream = new MemoryStream();
        stream.Write(xlsx);
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry("xl/worksheets/sheet1.xml")!;
            string text;
            using (var reader = new StreamReader(entry.Open())) text = reader.ReadToEnd();
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml").Open());
            writer.Write(text.Replace("?><worksheet", "?>" + prolog + "<worksheet", StringComparison.Ordinal));
        }
        return stream.ToArray();
    }

    [Fact]
    public async Task HostileUploadsGetProblemDetailsWriteNothingAndNeitherMemoryNorAnotherClientSuffers()
    {
        var (folder, env) = ApiProcess.FreshSqlite();
        env["COMMITMENTS_BOOTSTRAP_KEY"] = Secret;
        env["RateLimiting__PermitsPerMinute"] = "1000000"; // the health poller is anonymous: one partition per address
        await using var api = await ApiProcess.StartAsync(env, folder);
        using var admin = new HttpClient { BaseAddress = api.Address, Timeout = TimeSpan.FromMinutes(2) };
        admin.DefaultRequestHeaders.Add("X-Api-Key", Secret);
        var now = DateTime.UtcNow;
        await (await admin.PostAsJsonAsync("/v1/cycles", new
        {
            id = Cycle, title = "Drill cycle", opensAt = now.AddDays(-1), dueAt = now.AddDays(30), graceUntil = now.AddDays(37), state = "open",
            instruments = new[] { "BD", "ST", "CS" },
        })).AssertOkAsync(HttpStatusCode.Created);
        var key = await (await admin.PostAsJsonAsync("/v1/api-keys", new { role = "liaison", participantId = "GB", label = "drill" })).AssertOkAsync(HttpStatusCode.Created);
        using var liaison = new HttpClient { BaseAddress = api.Address, Timeout = TimeSpan.FromMinutes(2) };
        liaison.DefaultRequestHeaders.Add("X-Api-Key", key.Str("secret"));
        var baseline = Peak(api.Id);

        var cases = Cases().ToList();
        output.WriteLine($"{cases.Count} cases, {cases.Sum(c => c.Body.Length) / 1024} KiB in all; API RSS peak before: {baseline / 1024} MiB");
        using var stop = new CancellationTokenSource();
        var latencies = new ConcurrentBag<double>();
        var pollerFailures = new ConcurrentBag<string>();
        using var health = new HttpClient { BaseAddress = api.Address, Timeout = TimeSpan.FromSeconds(10) };
        for (var i = 0; i < 20; i++) await health.GetAsync("/health/live"); // its connection open and its code compiled before timing
        // The same polling with no upload, to tell what the machine's other load costs from what the uploads cost.
        List<double> idle = [];
        for (var i = 0; i < 150; i++)
        {
            var watch = Stopwatch.StartNew();
            await health.GetAsync("/health/live");
            idle.Add(watch.Elapsed.TotalMilliseconds);
            await Task.Delay(20);
        }
        idle.Sort();
        output.WriteLine($"/health/live with no upload: p50 {idle[idle.Count / 2]:F1} ms, p99 {idle[(int)Math.Ceiling(idle.Count * 0.99) - 1]:F1} ms");
        var started = Stopwatch.StartNew();
        var slowest = new ConcurrentBag<(double At, double Ms)>();
        var poller = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var watch = Stopwatch.StartNew();
                try
                {
                    var response = await health.GetAsync("/health/live");
                    latencies.Add(watch.Elapsed.TotalMilliseconds);
                    if (watch.Elapsed.TotalMilliseconds > 50) slowest.Add((started.Elapsed.TotalSeconds, watch.Elapsed.TotalMilliseconds));
                    if (response.StatusCode != HttpStatusCode.OK) pollerFailures.Add($"{(int)response.StatusCode}");
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    pollerFailures.Add(e.GetType().Name);
                }
                await Task.Delay(20);
            }
        });

        var failures = new ConcurrentBag<string>();
        var timeline = new ConcurrentBag<string>();
        var transportErrors = new ConcurrentBag<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        // Four uploads at a time, each case sent twice.
        var work = new ConcurrentQueue<(string Name, byte[] Body, string MediaType)>(cases.Concat(cases));
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (work.TryDequeue(out var c))
            {
                var sentAt = started.Elapsed.TotalSeconds;
                var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/participants/GB/updates/bulk?cycle={Cycle}")
                {
                    Content = new ByteArrayContent(c.Body) { Headers = { ContentType = new MediaTypeHeaderValue(c.MediaType) } },
                };
                try
                {
                    var response = await liaison.SendAsync(request);
                    var status = (int)response.StatusCode;
                    statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                    timeline.Add($"{sentAt:F2}-{started.Elapsed.TotalSeconds:F2} s {status} {c.Name}");
                    var text = await response.Content.ReadAsStringAsync();
                    if (status is < 400 or >= 500) failures.Add($"{c.Name}: {status} {text[..Math.Min(text.Length, 300)]}");
                    else if (response.Content.Headers.ContentType?.MediaType != "application/problem+json") failures.Add($"{c.Name}: {status} without problem details");
                    else if (text.Length > 40_000) failures.Add($"{c.Name}: a {text.Length}-character problem document");
                }
                catch (HttpRequestException e)
                {
                    // The server may answer before it has read the whole body and close the connection while the client is
                    // still sending (always for a body over the limit): a transport error, not an answer; such a case goes
                    // round once more.
                    transportErrors.Add(c.Name);
                    if (c.Body.Length <= 4 * 1024 * 1024 && transportErrors.Count(n => n == c.Name) > 2) failures.Add($"{c.Name}: {e.Message}");
                    else if (c.Body.Length <= 4 * 1024 * 1024) work.Enqueue(c);
                }
            }
        })));
        await stop.CancelAsync();
        await poller;

        var peak = Peak(api.Id);
        var sorted = latencies.Order().ToList();
        var p99 = sorted[(int)Math.Ceiling(sorted.Count * 0.99) - 1];
        output.WriteLine("statuses: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}x{s.Value}")));
        output.WriteLine($"API peak RSS (VmHWM): {peak / 1024} MiB; /health/live: {sorted.Count} polls, p50 {sorted[sorted.Count / 2]:F1} ms, "
            + $"p99 {p99:F1} ms, max {sorted[^1]:F1} ms; poller failures: {pollerFailures.Count}");
        output.WriteLine($"transport errors (sent again): {string.Join(", ", transportErrors)}");
        output.WriteLine("polls over 50 ms (at s, ms): " + string.Join(", ", slowest.OrderBy(x => x.At).Select(x => $"{x.At:F2} {x.Ms:F0}")));
        foreach (var line in timeline.OrderBy(l => double.Parse(l.Split('-')[0], System.Globalization.CultureInfo.InvariantCulture))) output.WriteLine(line);

        // Nothing was written by any of them, and the server still files a good sheet.
        var written = await (await admin.GetAsync($"/v1/updates?cycle={Cycle}")).AssertOkAsync();
        Assert.Empty(written["items"]!.AsArray());
        var good = new ByteArrayContent(Encoding.UTF8.GetBytes("commitmentId,status,summary,confidentiality\r\nBD-1,limited,Done.,public\r\n"))
        {
            Headers = { ContentType = new MediaTypeHeaderValue("text/csv") },
        };
        Assert.Equal(1, (await (await liaison.PostAsync($"/v1/participants/GB/updates/bulk?cycle={Cycle}", good)).AssertOkAsync())["filed"]!.GetValue<int>());

        Assert.True(failures.IsEmpty, string.Join("\n", failures));
        Assert.True(pollerFailures.IsEmpty, "health poll failures: " + string.Join(", ", pollerFailures));
        Assert.True(peak < 400 * 1024, $"peak RSS {peak / 1024} MiB");
    }

    [Fact]
    public async Task ABulkBodyTricklingAtARateEnoughForAnOrdinaryBodyIsCutOff()
    {
        var (folder, env) = ApiProcess.FreshSqlite();
        env["COMMITMENTS_BOOTSTRAP_KEY"] = Secret;
        await using var api = await ApiProcess.StartAsync(env, folder);
        // 1,000 bytes a second: four times the ordinary minimum, a quarter of the bulk route's.
        var bulk = TrickleAsync(api, "/v1/participants/GB/updates/bulk?cycle=seoul-2024", "text/csv", 1024 * 1024, TimeSpan.FromSeconds(40));
        var ordinary = TrickleAsync(api, "/v1/updates", "application/json", 8_000, TimeSpan.FromSeconds(40));
        var (bulkAnswer, bulkAfter) = await bulk;
        var (ordinaryAnswer, ordinaryAfter) = await ordinary;
        output.WriteLine($"bulk: '{bulkAnswer}' after {bulkAfter.TotalSeconds:F1} s; ordinary: '{ordinaryAnswer}' after {ordinaryAfter.TotalSeconds:F1} s");
        Assert.True(bulkAfter < TimeSpan.FromSeconds(25), $"the bulk body was read for {bulkAfter.TotalSeconds:F1} s");
        Assert.True(bulkAnswer.Length == 0 || bulkAnswer.StartsWith("HTTP/1.1 408", StringComparison.Ordinal), bulkAnswer);
        // The ordinary body came whole (8 s at 1,000 B/s) and was answered on its merits (fields missing), not cut off.
        Assert.StartsWith("HTTP/1.1 400", ordinaryAnswer);
        Assert.True(ordinaryAfter > TimeSpan.FromSeconds(7), $"the ordinary body was answered after {ordinaryAfter.TotalSeconds:F1} s, before it was sent whole");
    }

    /// <summary>Sends a request's head, then its body at 1,000 bytes a second; returns the answer's first line (or "" when the server closed) and when it came.</summary>
    private static async Task<(string Answer, TimeSpan After)> TrickleAsync(ApiProcess api, string path, string mediaType, int length, TimeSpan giveUp)
    {
        using var socket = new System.Net.Sockets.TcpClient();
        await socket.ConnectAsync(IPAddress.Loopback, api.Address.Port);
        var stream = socket.GetStream();
        var head = $"POST {path} HTTP/1.1\r\nHost: localhost\r\nX-Api-Key: {Secret}\r\nContent-Type: {mediaType}\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        var watch = Stopwatch.StartNew();
        var answer = new byte[256];
        var reading = stream.ReadAsync(answer).AsTask();
        // A body each reader must wait out: an unfinished JSON string, or CSV text.
        var body = Encoding.ASCII.GetBytes((mediaType == "application/json" ? "{\"summary\":\"" : "commitmentId,summary\r\nBD-1,")
            .PadRight(length - 2, 'x') + (mediaType == "application/json" ? "\"}" : "\r\n"));
        for (var sent = 0; sent < length && !reading.IsCompleted && watch.Elapsed < giveUp; sent += 100)
        {
            try
            {
                await stream.WriteAsync(body.AsMemory(sent, Math.Min(100, length - sent)));
            }
            catch (IOException)
            {
                break; // the server closed the connection
            }
            await Task.Delay(100);
        }
        try
        {
            var n = await reading.WaitAsync(giveUp);
            return (Encoding.ASCII.GetString(answer, 0, n).Split("\r\n")[0], watch.Elapsed);
        }
        catch (IOException)
        {
            return ("", watch.Elapsed);
        }
    }

    /// <summary>The process's peak resident set (VmHWM), in KiB.</summary>
    private static long Peak(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}

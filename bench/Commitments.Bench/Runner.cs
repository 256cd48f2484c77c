using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Commitments.Bench;

public sealed record Measured(string Scenario, double PerSecond, double P50, double P99, long Requests, long Errors, string Baseline, int Connections,
    string Refusals)
{
    /// <summary>Writes only: the raw 1-per-COMMIT transaction measured just before and just after this scenario, per second.</summary>
    public (double Before, double After)? RawBeside { get; init; }
}

public sealed record RunResult(IReadOnlyList<Measured> Scenarios, double ReadySeconds, long PeakRssKb, Bulk Bulk)
{
    /// <summary>The bare minimal API's scenarios (names as the API's they compare with) and its peak resident set.</summary>
    public IReadOnlyList<Measured> Bare { get; init; } = [];
    public long BarePeakRssKb { get; init; }
    public long PeakBeforeBulkKb { get; init; }
}

/// <summary>Uploads of <see cref="Dataset.BulkRows"/> rows each, one after another: rows filed per second and the time per upload.</summary>
public sealed record Bulk(int Uploads, double RowsPerSecond, double P50, int Errors);

/// <summary>Starts the Release API on the dataset and drives it with wrk from a second process on loopback.</summary>
public static class Runner
{
    private const string Key = "cmt_benchmark-secretariat-key-000000000000000";

    public static async Task<RunResult> RunAsync(string root, string outFolder, string dbPath, int duration, int connections, IReadOnlyCollection<string> only,
        IReadOnlyList<string> participants, int readWarmup, Func<string, Task<Baseline.Rate>> rawBeside)
    {
        var api = Path.Combine(root, "src", "Commitments.Api", "bin", "Release", "net10.0", "Commitments.Api.dll");
        var port = 5300 + Random.Shared.Next(500);
        var url = $"http://127.0.0.1:{port}";
        var info = new ProcessStartInfo("dotnet", [api]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["ASPNETCORE_URLS"] = url;
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["ConnectionStrings__Commitments"] = $"Data Source={dbPath};Default Timeout=5";
        info.Environment["COMMITMENTS_BOOTSTRAP_KEY"] = Key;
        info.Environment["RateLimiting__PermitsPerMinute"] = "1000000000";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        var started = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("api: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(2) };
            while (true)
            {
                if (process.HasExited) throw new InvalidOperationException("the API exited during start");
                try
                {
                    if ((await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK) break;
                }
                catch (HttpRequestException) { await Task.Delay(20); }
                catch (TaskCanceledException) { await Task.Delay(20); }
            }
            var ready = started.Elapsed.TotalSeconds;
            Console.WriteLine($"API ready {ready:F2} s after start (pid {process.Id}); each scenario: {readWarmup} s warm-up (reads) or 2 s, {duration} s measured");

            var scripts = Path.Combine(root, "bench", "scripts");
            // Reports run with 2 connections (one per core): their p50 is then the time to build one, not a queue.
            // /health/live goes without a key: with one it would look the key up in the database, and it is the trivial baseline.
            (string Name, string Script, string Path, string Accept, string Baseline, int Connections, bool Keyed)[] scenarios =
            [
                ("trivial endpoint (/health/live, no key)", "get.lua", "/health/live", "", "-", connections, false),
                ("list updates, page of 50, following cursors", "list.lua", "/", "", "live", connections, true),
                ("get one update", "get_one.lua", "/", "", "live", connections, true),
                ("file a new update (durable, audited)", "file.lua", "/", "", "file", connections, true),
                ("amend with If-Match", "amend.lua", "/", "", "amend", connections, true),
                ("coverage matrix", "get.lua", "/v1/cycles/bench-0/coverage", "", "rows", 2, true),
                ("briefing pack JSON", "get.lua", "/v1/cycles/bench-0/briefing-pack", "application/json", "rows", 2, true),
                ("briefing pack CSV", "get.lua", "/v1/cycles/bench-0/briefing-pack", "text/csv", "rows", 2, true),
                ("briefing pack HTML", "get.lua", "/v1/cycles/bench-0/briefing-pack", "text/html", "rows", 2, true),
                // An unchanged pack polled with its ETag: what a 304 costs. The secretariat's tag is the data version, checked before
                // anything is built; a reader who sees less gets a tag over the built pack, so its 304 still builds it.
                ("briefing pack JSON, unchanged, If-None-Match (304)", "revalidate.lua", "/v1/cycles/bench-0/briefing-pack", "application/json", "rows", 2, true),
                ("public briefing pack JSON, unchanged, If-None-Match (304 after a build)", "revalidate.lua", "/v1/cycles/bench-0/briefing-pack?audience=public",
                    "application/json", "rows", 2, true),
            ];
            List<Measured> results = [];
            foreach (var s in scenarios.Where(s => only.Count == 0 || s.Baseline == "-" || only.Contains(s.Script)))
            {
                await Wrk(scripts, outFolder, s.Script, url + s.Path, s.Accept, s.Keyed, WarmupOf(s.Script, s.Path, readWarmup), s.Connections, "warmup"); // not counted
                // A write is bracketed by its raw transaction (the API idle meanwhile), so the ratio compares the same few seconds
                // of a machine whose disk speed moves a lot while other builds run.
                var write = s.Baseline is "file" or "amend";
                var before = write ? await rawBeside(s.Baseline) : null;
                var (requests, rps, p50, p99, errors, refusals) = await Wrk(scripts, outFolder, s.Script, url + s.Path, s.Accept, s.Keyed, duration, s.Connections, "measure");
                var after = write ? await rawBeside(s.Baseline) : null;
                results.Add(new Measured(s.Name, rps, p50, p99, requests, errors, s.Baseline, s.Connections, refusals)
                {
                    RawBeside = write ? (before!.PerSecond, after!.PerSecond) : null,
                });
                if (write) Console.WriteLine($"    raw 1 per COMMIT just before: {before!.PerSecond:F0}/s, just after: {after!.PerSecond:F0}/s");
                Console.WriteLine($"  {s.Name}: {rps:F0} req/s, p50 {p50:F2} ms, p99 {p99:F2} ms, {errors} errors {refusals}");
            }
            // Before the bulk uploads, whose 500-row bodies and transactions have a peak of their own.
            var peakBeforeBulk = PeakRssKb(process.Id);
            var bulk = await BulkAsync(url, participants, duration);
            Console.WriteLine($"  bulk filing: {bulk.RowsPerSecond:F0} rows/s in {bulk.Uploads} uploads of {Dataset.BulkRows} rows, p50 {bulk.P50:F0} ms per upload");
            return new RunResult(results, ready, PeakRssKb(process.Id), bulk) { PeakBeforeBulkKb = peakBeforeBulk };
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>
    /// Seconds of unmeasured load before a scenario. The reads compared with the bare API (/health/live, list, get one) get
    /// <paramref name="readWarmup"/>, on both servers alike: the API has far more code for the JIT to take through its tiers,
    /// and at the large scale its get-one rate climbed for about 16 s after start (1.5k, 2.0k, 3.0k, 3.7k, then 6.2k/s in 4 s
    /// windows) while the bare one was steady within 4 s, so 2 s compared a warming API with a warm floor. Writes (compared
    /// with raw transactions) and reports (a few builds a second) keep 2 s.
    /// </summary>
    private static int WarmupOf(string script, string path, int readWarmup) =>
        script is "list.lua" or "get_one.lua" || path == "/health/live" ? readWarmup : 2;

    /// <summary>
    /// The bare minimal API (<see cref="Bare"/>) on the same database, after the API has stopped: the same read scenarios and the
    /// pack's route (its rows straight to JSON), then its peak resident set after that load.
    /// </summary>
    public static async Task<(List<Measured> Scenarios, long PeakRssKb)> RunBareAsync(string root, string outFolder, string dbPath, int duration, int connections,
        int readWarmup)
    {
        var port = 5800 + Random.Shared.Next(500);
        var url = $"http://127.0.0.1:{port}";
        var info = new ProcessStartInfo("dotnet", [typeof(Bare).Assembly.Location, "--bare", dbPath, url])
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("bare: " + e.Data); };
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(2) };
            while (true)
            {
                if (process.HasExited) throw new InvalidOperationException("the bare API exited during start");
                try
                {
                    if ((await client.GetAsync("/health/live")).StatusCode == HttpStatusCode.OK) break;
                }
                catch (HttpRequestException) { await Task.Delay(20); }
                catch (TaskCanceledException) { await Task.Delay(20); }
            }
            var scripts = Path.Combine(root, "bench", "scripts");
            (string Name, string Script, string Path, int Connections)[] scenarios =
            [
                ("trivial endpoint (/health/live, no key)", "get.lua", "/health/live", connections),
                ("list updates, page of 50, following cursors", "list.lua", "/", connections),
                ("get one update", "get_one.lua", "/", connections),
                ("briefing pack JSON", "get.lua", "/v1/cycles/bench-0/briefing-pack", 2),
            ];
            List<Measured> results = [];
            foreach (var s in scenarios)
            {
                await Wrk(scripts, outFolder, s.Script, url + s.Path, "", false, WarmupOf(s.Script, s.Path, readWarmup), s.Connections, "warmup");
                var (requests, rps, p50, p99, errors, refusals) = await Wrk(scripts, outFolder, s.Script, url + s.Path, "", false, duration, s.Connections, "measure");
                results.Add(new Measured(s.Name, rps, p50, p99, requests, errors, "bare", s.Connections, refusals));
                Console.WriteLine($"  bare {s.Name}: {rps:F0} req/s, p50 {p50:F2} ms, p99 {p99:F2} ms, {errors} errors {refusals}");
            }
            return (results, PeakRssKb(process.Id));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>
    /// Bulk filing (#17): one participant's whole sheet per upload (a JSON array of <see cref="Dataset.BulkRows"/> new, submitted
    /// rows, one transaction), a participant after another, for <paramref name="seconds"/> after one upload of warm-up.
    /// </summary>
    private static async Task<Bulk> BulkAsync(string url, IReadOnlyList<string> participants, int seconds)
    {
        using var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        var rows = Enumerable.Range(1, Dataset.BulkRows).Select(i => new
        {
            commitmentId = $"BULK-{i:000}", status = "substantial", summary = "Benchmark bulk filing",
            evidence = new[] { new { url = "https://example.org/e", title = "E" } }, confidentiality = "public", submit = true,
        }).ToList();
        var body = System.Text.Json.JsonSerializer.Serialize(rows);
        async Task<(bool Ok, double Ms)> Upload(string participant)
        {
            var one = Stopwatch.StartNew();
            using var response = await client.PostAsync($"/v1/participants/{participant}/updates/bulk?cycle={Dataset.BulkCycle}",
                new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            if (!response.IsSuccessStatusCode) Console.Error.WriteLine($"bulk: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return (response.IsSuccessStatusCode, one.Elapsed.TotalMilliseconds);
        }
        await Upload(participants[0]);
        List<double> times = [];
        var errors = 0;
        var total = Stopwatch.StartNew();
        for (var p = 1; p < participants.Count && total.Elapsed.TotalSeconds < seconds; p++)
        {
            var (ok, ms) = await Upload(participants[p]);
            if (ok) times.Add(ms); else errors++;
        }
        var elapsed = total.Elapsed.TotalSeconds;
        times.Sort();
        return new Bulk(times.Count, times.Count * Dataset.BulkRows / elapsed, times.Count == 0 ? 0 : times[times.Count / 2], errors);
    }

    private static async Task<(long, double, double, double, long, string)> Wrk(string scripts, string outFolder, string script, string url, string accept,
        bool keyed, int seconds, int connections, string phase)
    {
        var info = new ProcessStartInfo("wrk", ["-t1", $"-c{connections}", $"-d{seconds}s", "--timeout", "60s", "--latency", "-s", Path.Combine(scripts, script), url])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["BENCH_KEY"] = keyed ? Key : "";
        info.Environment["BENCH_SCRIPTS"] = scripts;
        info.Environment["BENCH_OUT"] = outFolder;
        info.Environment["BENCH_ACCEPT"] = accept;
        info.Environment["BENCH_PHASE"] = phase;
        using var wrk = Process.Start(info)!;
        var output = await wrk.StandardOutput.ReadToEndAsync();
        var error = await wrk.StandardError.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"wrk printed no result:\n{output}\n{error}");
        var f = line.Split(' ');
        return (long.Parse(f[1], CultureInfo.InvariantCulture), double.Parse(f[2], CultureInfo.InvariantCulture),
            double.Parse(f[3], CultureInfo.InvariantCulture), double.Parse(f[4], CultureInfo.InvariantCulture), long.Parse(f[5], CultureInfo.InvariantCulture),
            f.Length > 6 ? f[6].Trim() : "");
    }

    /// <summary>VmHWM: the process's peak resident set.</summary>
    private static long PeakRssKb(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
}

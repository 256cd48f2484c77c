using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Commitments.Bench;

public sealed record Measured(string Scenario, double PerSecond, double P50, double P99, long Requests, long Errors, string Baseline, int Connections);

public sealed record RunResult(IReadOnlyList<Measured> Scenarios, double ReadySeconds, long PeakRssKb);

/// <summary>Starts the Release API on the dataset and drives it with wrk from a second process on loopback.</summary>
public static class Runner
{
    private const string Key = "cmt_benchmark-secretariat-key-000000000000000";

    public static async Task<RunResult> RunAsync(string root, string outFolder, string dbPath, int duration, int connections)
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
            Console.WriteLine($"API ready {ready:F2} s after start (pid {process.Id}); each scenario: 2 s warm-up, {duration} s measured");

            var scripts = Path.Combine(root, "bench", "scripts");
            // Reports run with 2 connections (one per core): their p50 is then the time to build one, not a queue.
            (string Name, string Script, string Path, string Accept, string Baseline, int Connections)[] scenarios =
            [
                ("trivial endpoint (/health/live)", "get.lua", "/health/live", "", "-", connections),
                ("list updates, page of 50, following cursors", "list.lua", "/", "", "live", connections),
                ("get one update", "get_one.lua", "/", "", "live", connections),
                ("file a new update (durable, audited)", "file.lua", "/", "", "raw", connections),
                ("amend with If-Match", "amend.lua", "/", "", "raw", connections),
                ("coverage matrix", "get.lua", "/v1/cycles/bench-0/coverage", "", "live", 2),
                ("briefing pack JSON", "get.lua", "/v1/cycles/bench-0/briefing-pack", "application/json", "live", 2),
                ("briefing pack CSV", "get.lua", "/v1/cycles/bench-0/briefing-pack", "text/csv", "live", 2),
                ("briefing pack HTML", "get.lua", "/v1/cycles/bench-0/briefing-pack", "text/html", "live", 2),
            ];
            List<Measured> results = [];
            foreach (var s in scenarios)
            {
                await Wrk(scripts, outFolder, s.Script, url + s.Path, s.Accept, 2, s.Connections, "warmup"); // not counted
                var (requests, rps, p50, p99, errors) = await Wrk(scripts, outFolder, s.Script, url + s.Path, s.Accept, duration, s.Connections, "measure");
                results.Add(new Measured(s.Name, rps, p50, p99, requests, errors, s.Baseline, s.Connections));
                Console.WriteLine($"  {s.Name}: {rps:F0} req/s, p50 {p50:F2} ms, p99 {p99:F2} ms, {errors} errors");
            }
            return new RunResult(results, ready, PeakRssKb(process.Id));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task<(long, double, double, double, long)> Wrk(string scripts, string outFolder, string script, string url, string accept,
        int seconds, int connections, string phase)
    {
        var info = new ProcessStartInfo("wrk", ["-t1", $"-c{connections}", $"-d{seconds}s", "--latency", "-s", Path.Combine(scripts, script), url])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["BENCH_KEY"] = Key;
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
            double.Parse(f[3], CultureInfo.InvariantCulture), double.Parse(f[4], CultureInfo.InvariantCulture), long.Parse(f[5], CultureInfo.InvariantCulture));
    }

    /// <summary>VmHWM: the process's peak resident set.</summary>
    private static long PeakRssKb(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
}

using System.Globalization;
using System.Text;

namespace Commitments.Bench;

public static class Report
{
    public static string Table(Scale scale, Dataset.Generated data, Baseline.Rate raw, RunResult run, int seed, int duration, int connections)
    {
        var live = run.Scenarios.First(s => s.Baseline == "-").PerSecond;
        var s = new StringBuilder();
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        s.AppendLine(CultureInfo.InvariantCulture, $"Scale **{scale.Name}**: {data.Participants} participants x {data.Commitments} commitments x {scale.Cycles} cycle(s), "
            + $"{data.Updates:N0} updates, {data.Revisions:N0} revisions (seed {seed}, generated in {data.Took.TotalSeconds:F1} s).");
        s.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores ({cpu}), {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; "
            + $"wrk -t1, {duration} s per scenario after a 2 s warm-up, on loopback from a second process.");
        s.AppendLine();
        s.AppendLine("| scenario | connections | requests/s | p50 ms | p99 ms | errors | ratio to baseline |");
        s.AppendLine("|---|---:|---:|---:|---:|---:|---|");
        s.AppendLine(CultureInfo.InvariantCulture, $"| baseline: raw durable single-row insert (same SQLite settings, tight loop) | 1 | {raw.PerSecond:F0} | {raw.P50:F2} | {raw.P99:F2} | 0 | - |");
        foreach (var m in run.Scenarios)
        {
            var ratio = m.Baseline switch
            {
                "live" => $"{m.PerSecond / live * 100:F0}% of /health/live",
                "raw" => $"{m.PerSecond / raw.PerSecond * 100:F0}% of raw inserts",
                _ => "baseline",
            };
            s.AppendLine(CultureInfo.InvariantCulture, $"| {m.Scenario} | {m.Connections} | {m.PerSecond:F0} | {m.P50:F2} | {m.P99:F2} | {m.Errors} | {ratio} |");
        }
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"Peak RSS of the API: {run.PeakRssKb / 1024.0:F0} MB. Start to ready: {run.ReadySeconds:F2} s.");
        return s.ToString();
    }
}

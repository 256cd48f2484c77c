using System.Globalization;
using System.Text;

namespace Commitments.Bench;

/// <summary>The baselines measured after the API run: file and amend transactions raw (File16 a reference only), and a report's rows to JSON.</summary>
public sealed record Limits(Baseline.Rate File1, Baseline.Rate File16, Baseline.Rate File1Bare, Baseline.Rate Amend1, Baseline.Rate Rows);

public static class Report
{
    /// <summary>A rate under 10/s (a large report) with one decimal, so it does not print as 0.</summary>
    private static string PerSecond(double rate) => rate.ToString(rate < 10 ? "F1" : "F0", CultureInfo.InvariantCulture);

    public static string Table(Scale scale, Dataset.Generated data, Baseline.Rate raw, Limits limits, RunResult run, int seed, int duration, int connections,
        int readWarmup, Baseline.Receipts receipts, IReadOnlyDictionary<string, Baseline.Rate> inProcess)
    {
        var live = run.Scenarios.First(s => s.Baseline == "-").PerSecond;
        var s = new StringBuilder();
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        s.AppendLine(CultureInfo.InvariantCulture, $"Scale **{scale.Name}**: {data.Participants} participants x {data.Commitments} commitments x {scale.Cycles} cycle(s), "
            + $"{data.Updates:N0} updates, {data.Revisions:N0} revisions (seed {seed}, generated in {data.Took.TotalSeconds:F1} s).");
        s.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores ({cpu}), {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; "
            + $"wrk -t1, {duration} s per scenario after a warm-up ({readWarmup} s for the reads compared with the bare API, on both alike; 2 s for "
            + $"writes and reports), on loopback from a second process.");
        s.AppendLine();
        s.AppendLine("| scenario | connections | requests/s | p50 ms | p99 ms | errors | ratio to baseline |");
        s.AppendLine("|---|---:|---:|---:|---:|---:|---|");
        void Row(string name, int conns, Baseline.Rate r) =>
            s.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {conns} | {PerSecond(r.PerSecond)} | {r.P50:F2} | {r.P99:F2} | 0 | - |");
        Row("baseline: raw durable single-row insert (same SQLite settings, tight loop)", 1, raw);
        Row("baseline: the filing transaction raw, 1 per COMMIT (same SQL, plain Dapper, no HTTP)", 1, limits.File1);
        Row($"baseline: the filing transaction raw without its receipt statements, 1 per COMMIT (with: {limits.File1.PerSecond / limits.File1Bare.PerSecond * 100:F0}%)", 1, limits.File1Bare);
        Row("reference only: the filing transaction raw, 16 per COMMIT (group commit, which the API does not do)", 1, limits.File16);
        Row("baseline: the amend transaction raw, 1 per COMMIT", 1, limits.Amend1);
        Row("baseline: a report's rows read by Dapper and serialized (bench-0; floor for any report)", 1, limits.Rows);
        foreach (var m in run.Scenarios)
        {
            string Writes(Baseline.Rate one) => m.RawBeside is { } beside
                ? string.Create(CultureInfo.InvariantCulture,
                    $"{m.PerSecond / ((beside.Before + beside.After) / 2):F2}x raw 1/COMMIT measured beside it ({beside.Before:F0}/s before, {beside.After:F0}/s after); ")
                    + $"{m.PerSecond / one.PerSecond:F2}x raw after the API stopped"
                : $"{m.PerSecond / one.PerSecond:F2}x raw 1/COMMIT";
            var bare = run.Bare.FirstOrDefault(b => b.Scenario == m.Scenario);
            var versusBare = bare is null ? "" : string.Create(CultureInfo.InvariantCulture,
                $"; {m.PerSecond / bare.PerSecond * 100:F0}% of the bare API's {bare.PerSecond:F0}/s (p50 {bare.P50:F2}, p99 {bare.P99:F2} ms)");
            var ratio = m.Baseline switch
            {
                "live" => $"{m.PerSecond / live * 100:F0}% of /health/live",
                "file" => Writes(limits.File1) + $" ({m.PerSecond / limits.File16.PerSecond:F2}x the 16/COMMIT reference)",
                "amend" => Writes(limits.Amend1),
                "rows" => $"p50 {m.P50 / limits.Rows.P50:F1}x the rows -> JSON floor"
                    + (inProcess.TryGetValue(m.Scenario, out var own) ? $"; built in-process (no HTTP) p50 {own.P50:F1} ms" : ""),
                _ => "baseline",
            };
            s.AppendLine(CultureInfo.InvariantCulture, $"| {m.Scenario} | {m.Connections} | {PerSecond(m.PerSecond)} | {m.P50:F2} | {m.P99:F2} | {m.Errors} | {ratio}{versusBare} |");
        }
        var file = run.Scenarios.FirstOrDefault(m => m.Baseline == "file");
        var b = run.Bulk;
        var versus = file is null ? "-" : string.Create(CultureInfo.InvariantCulture, $"{b.RowsPerSecond / file.PerSecond:F2}x single filings' rows/s");
        s.AppendLine(CultureInfo.InvariantCulture,
            $"| bulk filing, {Dataset.BulkRows} new submitted rows per upload, one upload at a time (rows/s; p50 per upload) | 1 | {b.RowsPerSecond:F0} | {b.P50:F2} | - | {b.Errors} | {versus} |");
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"Receipts: {receipts.Revisions:N0} revisions sealed by the API in this run; per revision {receipts.ChainBytes:F0} bytes "
            + $"of chain columns (revision hash, chain hash, log index) and {receipts.LogBytes:F0} bytes of log nodes (column bytes, before SQLite's page overhead).");
        s.AppendLine();
        foreach (var m in run.Scenarios.Where(m => m.Refusals.Length > 0))
            s.AppendLine(CultureInfo.InvariantCulture, $"Errors of '{m.Scenario}' by status: {m.Refusals}.");
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"Peak RSS of the API: {run.PeakBeforeBulkKb / 1024.0:F0} MB after the reads, writes and reports, "
            + $"{run.PeakRssKb / 1024.0:F0} MB after the bulk uploads too; of the bare minimal API after the same read load and the "
            + $"pack's route (its rows straight to JSON): {run.BarePeakRssKb / 1024.0:F0} MB. Start to ready: {run.ReadySeconds:F2} s.");
        return s.ToString();
    }
}

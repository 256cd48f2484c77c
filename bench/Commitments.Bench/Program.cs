using System.Diagnostics;
using System.Globalization;
using System.Text;
using Commitments.Bench;

// dotnet Commitments.Bench.dll --scale small|large [--seed 42] [--duration 10] [--connections 16] [--warmup 10] [--only file.lua,amend.lua]
// --warmup: seconds of unmeasured load before each read scenario compared with the bare API (writes and reports: 2 s).
// --receipts N runs only the receipts A/B, N rounds (see below).
// --only runs the trivial endpoint and the scenarios of those scripts (an A/B of one path on a noisy machine).
if (args.Length >= 3 && args[0] == "--bare")
{
    await Bare.RunAsync(args[1], args[2]);
    return 0;
}
string Option(string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
var scale = Scale.Parse(Option("--scale", "small"));
var seed = int.Parse(Option("--seed", "42"), CultureInfo.InvariantCulture);
var duration = int.Parse(Option("--duration", "10"), CultureInfo.InvariantCulture);
var connections = int.Parse(Option("--connections", "16"), CultureInfo.InvariantCulture);
var readWarmup = int.Parse(Option("--warmup", "10"), CultureInfo.InvariantCulture);
var root = Path.GetFullPath(Option("--repo", "."));
var only = Option("--only", "").Split(',', StringSplitOptions.RemoveEmptyEntries);
var outFolder = Path.Combine(root, "bench", "out", scale.Name);
Directory.CreateDirectory(outFolder);
var dbPath = Path.Combine(outFolder, "commitments.db");

Console.WriteLine($"Generating the {scale.Name} dataset (seed {seed})...");
var data = await Dataset.GenerateAsync(dbPath, scale, seed, outFolder);
Console.WriteLine($"  {data.Participants} participants x {data.Commitments} commitments x {scale.Cycles} cycles: {data.Updates:N0} updates, "
    + $"{data.Revisions:N0} revisions in {data.Took.TotalSeconds:F1} s");

// --receipts N: only the raw filing transaction with and without its receipt statements, 1 per COMMIT, alternated N rounds
// (an A/B of the receipt path itself, without the API; each round's pair is printed, then the medians).
if (Array.IndexOf(args, "--receipts") >= 0)
{
    var rounds = int.Parse(Option("--receipts", "4"), CultureInfo.InvariantCulture);
    var people = data.ParticipantIds;
    var items = await File.ReadAllLinesAsync(Path.Combine(outFolder, "commitments.txt"));
    List<double> withs = [], withouts = [];
    for (var round = 1; round <= rounds; round++)
    {
        var without = await Baseline.RawFilingsAsync(dbPath, 1, people, items, TimeSpan.FromSeconds(5), receipts: false);
        var with = await Baseline.RawFilingsAsync(dbPath, 1, people, items, TimeSpan.FromSeconds(5));
        withouts.Add(without.PerSecond);
        withs.Add(with.PerSecond);
        Console.WriteLine($"  round {round}: without receipts {without.PerSecond:F0}/s, with {with.PerSecond:F0}/s ({with.PerSecond / without.PerSecond:P0})");
    }
    double Median(List<double> v) => v.Order().ElementAt(v.Count / 2);
    Console.WriteLine($"  median: without {Median(withouts):F0}/s, with {Median(withs):F0}/s ({Median(withs) / Median(withouts):P0})");
    return 0;
}

Console.WriteLine("Measuring the raw durable single-row insert rate of the same SQLite settings...");
var raw = await Baseline.RawInsertsAsync(Path.Combine(outFolder, "raw.db"), TimeSpan.FromSeconds(5));
Console.WriteLine($"  {raw.PerSecond:F0} rows/s, p50 {raw.P50:F3} ms, p99 {raw.P99:F3} ms");

// The raw write transactions beside the API's write scenarios: filings into a cycle of their own; amendments of accepted
// updates only, which the API's amend scenario (submitted and returned ones, amendable.txt) never touches.
var itemsBeside = await File.ReadAllLinesAsync(Path.Combine(outFolder, "commitments.txt"));
var amendedByApi = (await File.ReadAllLinesAsync(Path.Combine(outFolder, "amendable.txt"))).Select(l => l.Split(' ')[0]).ToHashSet();
var othersBeside = (await File.ReadAllLinesAsync(Path.Combine(outFolder, "ids.txt"))).Where(id => !amendedByApi.Contains(id)).ToList();
var result = await Runner.RunAsync(root, outFolder, dbPath, duration, connections, only, data.ParticipantIds, readWarmup,
    kind => kind == "file"
        ? Baseline.RawFilingsAsync(dbPath, 1, data.ParticipantIds, itemsBeside, TimeSpan.FromSeconds(5))
        : Baseline.RawAmendmentsAsync(dbPath, 1, othersBeside, TimeSpan.FromSeconds(5)));

Console.WriteLine("Driving the bare minimal API (same SQL, rows straight to JSON) with the same read load...");
var (bare, bareRss) = await Runner.RunBareAsync(root, outFolder, dbPath, duration, connections, readWarmup);
result = result with { Bare = bare, BarePeakRssKb = bareRss };

// After the API has stopped, on the same database: the write transactions of file and amend issued raw through plain Dapper, one
// per COMMIT as the API commits (16 per COMMIT only as a reference), and the floor for reports.
Console.WriteLine("Measuring the same write transactions issued raw (plain Dapper), 1 per COMMIT, and the rows -> JSON floor for a report...");
var commitments = await File.ReadAllLinesAsync(Path.Combine(outFolder, "commitments.txt"));
var ids = await File.ReadAllLinesAsync(Path.Combine(outFolder, "ids.txt"));
// The filing transaction without its receipt statements (hashes, chain, log append) first, so neither always follows the
// API's stop (and its checkpoint).
var file1Bare = await Baseline.RawFilingsAsync(dbPath, 1, data.ParticipantIds, commitments, TimeSpan.FromSeconds(5), receipts: false);
var file1 = await Baseline.RawFilingsAsync(dbPath, 1, data.ParticipantIds, commitments, TimeSpan.FromSeconds(5));
var file16 = await Baseline.RawFilingsAsync(dbPath, 16, data.ParticipantIds, commitments, TimeSpan.FromSeconds(5));
var limits = new Limits(file1, file16, file1Bare,
    await Baseline.RawAmendmentsAsync(dbPath, 1, ids, TimeSpan.FromSeconds(5)),
    await Baseline.RowsToJsonAsync(dbPath, "bench-0", scale.Name == "large" ? 20 : 50));
Console.WriteLine($"  file raw: {limits.File1.PerSecond:F0}/s (1 per COMMIT), without receipts {limits.File1Bare.PerSecond:F0}/s, "
    + $"reference 16 per COMMIT {limits.File16.PerSecond:F0}/s; amend raw: {limits.Amend1.PerSecond:F0}/s; rows -> JSON p50 {limits.Rows.P50:F1} ms");

Console.WriteLine("Building the same reports in-process with the API's own code (no HTTP)...");
var inProcess = await InProcess.ReportsAsync(dbPath, "bench-0", scale.Name == "large" ? 5 : 20);

// Receipts (#18): what the hash chain and the log add per revision the API recorded (column bytes, without b-tree overhead).
var receipts = await Baseline.ReceiptBytesAsync(dbPath);
Console.WriteLine($"  receipts: {receipts.Revisions:N0} revisions sealed, {receipts.ChainBytes:F0} B of chain columns + {receipts.LogBytes:F0} B of log nodes per revision");

var table = Report.Table(scale, data, raw, limits, result, seed, duration, connections, readWarmup, receipts, inProcess);
Console.WriteLine();
Console.WriteLine(table);
await File.WriteAllTextAsync(Path.Combine(outFolder, "results.md"), table);
return 0;

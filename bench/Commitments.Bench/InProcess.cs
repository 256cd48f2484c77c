using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Commitments.Api.Features.Reports;
using Commitments.Api.Features.Reports.Printable;
using Commitments.Domain.Reports;
using Commitments.Infrastructure.Catalogue;
using Commitments.Infrastructure.Data;
using Commitments.Infrastructure.Reports;
using Commitments.Infrastructure.Speakers;
using Commitments.Infrastructure.Updates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Commitments.Bench;

/// <summary>
/// The API's own report code (BriefingPacks, PackCsv, PackHtml) run in this process on the same database, without HTTP,
/// authentication or the rest of the pipeline: what building and writing each report costs by itself. Written to Stream.Null.
/// </summary>
public static class InProcess
{
    public static async Task<Dictionary<string, Baseline.Rate>> ReportsAsync(string dbPath, string cycle, int runs)
    {
        await using var database = new Database(DatabaseOptions.From("Sqlite", $"Data Source={dbPath};Default Timeout=5"));
        var options = new Microsoft.AspNetCore.Http.Json.JsonOptions();
        // As the API's Program configures them.
        options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.SerializerOptions.MaxDepth = 16;
        var json = Options.Create(options);
        await using var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        var html = new PackHtml(services, services.GetRequiredService<ILoggerFactory>());
        var results = new Dictionary<string, Baseline.Rate>();
        foreach (var name in new[] { "coverage matrix", "briefing pack JSON", "briefing pack CSV", "briefing pack HTML" })
        {
            List<double> times = [];
            var total = Stopwatch.StartNew();
            for (var r = 0; r < runs; r++)
            {
                var one = Stopwatch.StartNew();
                await using var session = new DbSession(database);
                var packs = new BriefingPacks(new CatalogueStore(session), new ReportStore(session), new UpdateStore(session), new SpeakerStore(session), database, TimeProvider.System, json);
                var built = await packs.BuildAsync(cycle, null, Audience.Secretariat, CancellationToken.None, withDigests: name != "coverage matrix");
                var pack = built.Value ?? throw new InvalidOperationException($"cycle {cycle}: {built.Failure}");
                switch (name)
                {
                    case "coverage matrix":
                        await JsonSerializer.SerializeAsync(Stream.Null, new GetCoverage.Coverage(pack.CycleId, pack.AsOf, pack.Audience, pack.Confidentiality,
                            pack.CommitmentIds, pack.Matrix, pack.Commitments, pack.CommitmentsWithoutObligations ?? []), options.SerializerOptions);
                        break;
                    case "briefing pack JSON": await packs.WriteAsync(pack, Stream.Null, CancellationToken.None); break;
                    case "briefing pack CSV": await PackCsv.WriteAsync(pack, Stream.Null, CancellationToken.None); break;
                    default: await html.WriteAsync(new PrintablePack(pack, null, null, "http://bench"), Stream.Null, CancellationToken.None); break;
                }
                times.Add(one.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            results[name] = new Baseline.Rate(runs / total.Elapsed.TotalSeconds, times[times.Count / 2], times[^1]);
            Console.WriteLine($"  in-process {name}: p50 {times[times.Count / 2]:F1} ms over {runs} runs");
        }
        return results;
    }
}

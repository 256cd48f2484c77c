using Commitments.Infrastructure.Data;

namespace Commitments.Api.Hosting;

/// <summary>
/// Diagnostics for the benchmark: once a second, only when Debug logging is on for this category, how long writes waited for
/// SQLite's writer, how long each held it, and how long each batch's COMMIT took (p50/p99, ms). Off by default.
/// </summary>
public sealed class WriterStatsLog(Database database, ILogger<WriterStatsLog> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.Writer is not { } writer || !logger.IsEnabled(LogLevel.Debug)) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        writer.Stats.Take();
        var busy = SqliteEngine.BusyErrors;
        logger.LogDebug("sqlite-engine {Settings}", SqliteEngine.EnsureConfigured());
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var s = writer.Stats.Take();
            if (s.Turns == 0) continue;
            var busyNow = SqliteEngine.BusyErrors;
            (var busySince, busy) = (busyNow - busy, busyNow);
            logger.LogDebug(
                "writer-stats turns={Turns} batches={Batches} meanBatch={MeanBatch:F2} waitP50={WaitP50:F3} waitP99={WaitP99:F3} "
                + "holdP50={HoldP50:F3} holdP99={HoldP99:F3} commitP50={CommitP50:F3} commitP99={CommitP99:F3} busy={Busy}",
                s.Turns, s.Batches, s.MeanBatch, s.WaitP50, s.WaitP99, s.HoldP50, s.HoldP99, s.CommitP50, s.CommitP99, busySince);
        }
    }
}

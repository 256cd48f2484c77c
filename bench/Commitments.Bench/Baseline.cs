using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Commitments.Bench;

/// <summary>The write path's physical limit: one row per transaction, WAL, synchronous = FULL, in a tight loop.</summary>
public static class Baseline
{
    public sealed record Rate(double PerSecond, double P50, double P99);

    public static async Task<Rate> RawInsertsAsync(string path, TimeSpan duration)
    {
        foreach (var f in new[] { path, path + "-wal", path + "-shm" }) File.Delete(f);
        await using var db = new SqliteConnection($"Data Source={path}");
        await db.OpenAsync();
        await using (var setup = db.CreateCommand())
        {
            setup.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; CREATE TABLE rows (id TEXT PRIMARY KEY, body TEXT NOT NULL);";
            await setup.ExecuteNonQueryAsync();
        }
        await using var insert = db.CreateCommand();
        insert.CommandText = "INSERT INTO rows (id, body) VALUES ($id, $body)";
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        insert.Parameters.AddWithValue("$body", new string('x', 400));
        List<double> latencies = [];
        var total = Stopwatch.StartNew();
        while (total.Elapsed < duration)
        {
            var one = Stopwatch.StartNew();
            await using var tx = (SqliteTransaction)await db.BeginTransactionAsync();
            insert.Transaction = tx;
            id.Value = Guid.CreateVersion7().ToString();
            await insert.ExecuteNonQueryAsync();
            await tx.CommitAsync();
            latencies.Add(one.Elapsed.TotalMilliseconds);
        }
        latencies.Sort();
        return new Rate(latencies.Count / total.Elapsed.TotalSeconds, latencies[latencies.Count / 2], latencies[(int)(latencies.Count * 0.99)]);
    }
}

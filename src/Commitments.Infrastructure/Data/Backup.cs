using Dapper;
using Microsoft.Data.Sqlite;

namespace Commitments.Infrastructure.Data;

/// <summary>
/// <c>backup &lt;file&gt;</c>: a consistent online copy of the SQLite database, taken with SQLite's own <c>VACUUM INTO</c> while the
/// API serves (the copy is one read transaction: every write committed before it began is in it), then set to WAL and checked
/// read-only. SQL Server is backed up with its own full and log backups (docs/operations.md).
/// </summary>
public static class Backup
{
    public static async Task<int> RunAsync(Database database, string target)
    {
        if (!database.IsSqlite)
            return await Fail("backup copies the SQLite file; back SQL Server up with its own full and log backups (docs/operations.md).");
        var path = Path.GetFullPath(target);
        if (File.Exists(path)) return await Fail($"{path} exists already; backup never overwrites a file.");
        try
        {
            await using (var source = await database.OpenAsync())
                await source.ExecuteAsync("VACUUM INTO @Path", new { Path = path });
            var copy = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false };
            await using (var connection = new SqliteConnection(copy.ToString()))
            {
                // A restored copy serves with WAL like the original, whether or not migration runs at start.
                await connection.OpenAsync();
                await connection.ExecuteAsync("PRAGMA journal_mode = WAL;");
            }
            copy.Mode = SqliteOpenMode.ReadOnly;
            await using var check = new SqliteConnection(copy.ToString());
            await check.OpenAsync();
            var integrity = await check.ExecuteScalarAsync<string>("PRAGMA integrity_check");
            if (integrity != "ok") return await Fail($"the copy at {path} does not pass SQLite's integrity check: {integrity}");
            var held = await check.QuerySingleAsync<(long Updates, long Revisions, long Packs, long Log)>("""
                SELECT (SELECT COUNT(*) FROM updates), (SELECT COUNT(*) FROM update_revisions), (SELECT COUNT(*) FROM briefing_packs),
                    (SELECT size FROM log_size WHERE id = 1)
                """);
            Console.WriteLine($"Backed up to {path}: {held.Updates} updates, {held.Revisions} revisions, {held.Packs} frozen packs, "
                + $"a log of {held.Log} entries; integrity ok. Check its record with verify before relying on it.");
            return 0;
        }
        catch (SqliteException e)
        {
            return await Fail($"the backup failed: {e.Message}");
        }
    }

    private static async Task<int> Fail(string why)
    {
        await Console.Error.WriteLineAsync($"backup: {why}");
        return 1;
    }
}

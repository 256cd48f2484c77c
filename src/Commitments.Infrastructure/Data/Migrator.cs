using System.Reflection;
using DbUp;
using DbUp.Engine;
using Microsoft.Data.Sqlite;

namespace Commitments.Infrastructure.Data;

/// <summary>Applies the embedded .sql scripts of the configured provider, in name order, each once.</summary>
public static class Migrator
{
    /// <summary>Where a provider's scripts are embedded.</summary>
    private static string Folder(SqlDialect dialect) => dialect == SqlDialect.Sqlite ? ".Migrations.Sqlite." : ".Migrations.SqlServer.";

    private static UpgradeEngine Engine(DatabaseOptions options)
    {
        var folder = Folder(SqlDialect.For(options.Provider));
        var builder = options.Provider == DatabaseProvider.SqlServer
            ? DeployChanges.To.SqlDatabase(options.ConnectionString)
            : DeployChanges.To.SqliteDatabase(options.ConnectionString);
        return builder
            .WithScriptsEmbeddedInAssembly(Assembly.GetExecutingAssembly(), name => name.Contains(folder, StringComparison.Ordinal))
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build();
    }

    public static IReadOnlyList<string> Migrate(DatabaseOptions options)
    {
        if (options.Provider == DatabaseProvider.SqlServer)
        {
            EnsureDatabase.For.SqlDatabase(options.ConnectionString);
        }
        else
        {
            PrepareSqliteFile(options.ConnectionString);
        }
        var result = Engine(options).PerformUpgrade();
        if (!result.Successful)
            throw new StartupException($"The database could not be migrated ({result.ErrorScript?.Name}): {result.Error.Message}", result.Error);
        return result.Scripts.Select(s => s.Name).ToArray();
    }

    /// <summary>
    /// Holds the database's migration lock until disposed, so that instances starting together migrate and seed one after
    /// the other: each script is applied once and the seed written once. SQL Server: an application lock owned by this
    /// session (released when the connection closes, even if the process dies). SQLite: an exclusive lock file beside the
    /// database (SQLite serves one machine, and the operating system releases the file when the process dies).
    /// </summary>
    public static async Task<IAsyncDisposable> LockAsync(DatabaseOptions options, TimeSpan timeout, CancellationToken ct = default)
    {
        var dialect = SqlDialect.For(options.Provider);
        if (dialect.MigrationLockSql is { } sql)
        {
            EnsureDatabase.For.SqlDatabase(options.ConnectionString);
            var connection = new Microsoft.Data.SqlClient.SqlConnection(options.ConnectionString);
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.CommandTimeout = (int)timeout.TotalSeconds + 5;
            command.Parameters.AddWithValue("@TimeoutMs", (int)timeout.TotalMilliseconds);
            if (Convert.ToInt32(await command.ExecuteScalarAsync(ct)) < 0)
            {
                await connection.DisposeAsync();
                throw new StartupException($"Another instance has held the migration lock for more than {timeout.TotalSeconds:0} s.");
            }
            return connection;
        }
        var path = new SqliteConnectionStringBuilder(options.ConnectionString).DataSource;
        if (string.IsNullOrEmpty(path) || path == ":memory:") return NoLock.Instance;
        var lockFile = Path.GetFullPath(path) + ".migrate.lock";
        Directory.CreateDirectory(Path.GetDirectoryName(lockFile)!);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, ct);
            }
        }
    }

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>
    /// Refuses a database a newer release has migrated (one line for the operator): this release would misread a schema it
    /// does not know. The way back is the backup taken before the upgrade.
    /// </summary>
    public static void RefuseNewerSchema(DatabaseOptions options)
    {
        var engine = Engine(options);
        var known = engine.GetDiscoveredScripts().Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        if (engine.GetExecutedScripts().FirstOrDefault(name => !known.Contains(name)) is { } newer)
            throw new StartupException($"The database's schema is newer than this release: it has migration '{newer}', which this release "
                + "does not know. Run the release that applied it, or restore the backup taken before that upgrade.");
    }

    /// <summary>True when every embedded script has been applied.</summary>
    public static bool IsMigrated(DatabaseOptions options) => !Engine(options).IsUpgradeRequired();

    private static void PrepareSqliteFile(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var path = builder.DataSource;
        if (builder.Mode != SqliteOpenMode.Memory && !path.Equals(":memory:", StringComparison.Ordinal))
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        }
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        // WAL lets readers run beside the one writer; the setting is kept in the file.
        command.CommandText = "PRAGMA journal_mode = WAL;";
        command.ExecuteNonQuery();
    }
}

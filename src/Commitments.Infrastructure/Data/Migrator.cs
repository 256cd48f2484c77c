using System.Reflection;
using DbUp;
using DbUp.Engine;
using Microsoft.Data.Sqlite;

namespace Commitments.Infrastructure.Data;

/// <summary>Applies the embedded .sql scripts of the configured provider, in name order, each once.</summary>
public static class Migrator
{
    private static UpgradeEngine Engine(DatabaseOptions options)
    {
        var folder = options.Provider == DatabaseProvider.SqlServer ? ".Migrations.SqlServer." : ".Migrations.Sqlite.";
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

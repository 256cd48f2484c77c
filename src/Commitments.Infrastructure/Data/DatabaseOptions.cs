using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace Commitments.Infrastructure.Data;

public enum DatabaseProvider { Sqlite, SqlServer }

/// <summary>Configuration keys <c>Database:Provider</c> and <c>ConnectionStrings:Commitments</c>.</summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString)
{
    public const string DefaultSqliteConnectionString = "Data Source=commitments.db";

    /// <summary>SQLite: the same file opened read-only, so nothing can write to it (and a missing file is not created).</summary>
    public DatabaseOptions ReadOnly() => Provider == DatabaseProvider.Sqlite
        ? this with { ConnectionString = new SqliteConnectionStringBuilder(ConnectionString) { Mode = SqliteOpenMode.ReadOnly }.ToString() }
        : this;

    /// <summary>Reads and checks the configuration; a <see cref="StartupException"/> says what is wrong in plain words.</summary>
    public static DatabaseOptions From(string? provider, string? connectionString)
    {
        var chosen = (provider ?? "Sqlite").Trim() switch
        {
            var p when p.Equals("Sqlite", StringComparison.OrdinalIgnoreCase) => DatabaseProvider.Sqlite,
            var p when p.Equals("SqlServer", StringComparison.OrdinalIgnoreCase) => DatabaseProvider.SqlServer,
            var p => throw new StartupException(
                $"Database:Provider is '{p}', which is not a known provider. Use 'Sqlite' (the default) or 'SqlServer'."),
        };
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (chosen == DatabaseProvider.SqlServer)
                throw new StartupException("Database:Provider is 'SqlServer' but ConnectionStrings:Commitments is empty.");
            connectionString = DefaultSqliteConnectionString;
        }
        try
        {
            DbConnectionStringBuilder builder = chosen == DatabaseProvider.Sqlite
                ? new SqliteConnectionStringBuilder(connectionString)
                : new SqlConnectionStringBuilder(connectionString);
            if (builder is SqliteConnectionStringBuilder sqlite && string.IsNullOrWhiteSpace(sqlite.DataSource))
                throw new StartupException("ConnectionStrings:Commitments names no SQLite file (Data Source=...).");
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            throw new StartupException($"ConnectionStrings:Commitments is not a usable {chosen} connection string: {e.Message}");
        }
        return new DatabaseOptions(chosen, connectionString);
    }
}

/// <summary>A configuration or environment problem that stops the API from starting; its message is for the operator.</summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);

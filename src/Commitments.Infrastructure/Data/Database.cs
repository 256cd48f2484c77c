using System.Data;
using System.Data.Common;
using System.Globalization;
using Dapper;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace Commitments.Infrastructure.Data;

/// <summary>The configured database: a pooled data source plus the dialect its SQL is written in.</summary>
public sealed class Database : IDisposable, IAsyncDisposable
{
    private readonly DbDataSource _dataSource;
    private readonly string? _onOpenSql;

    static Database()
    {
        SqlMapper.RemoveTypeMap(typeof(DateTime));
        SqlMapper.AddTypeHandler(new UtcDateTimeHandler());
    }

    public Database(DatabaseOptions options)
    {
        Options = options;
        Dialect = SqlDialect.For(options.Provider);
        _dataSource = options.Provider == DatabaseProvider.SqlServer
            ? SqlClientFactory.Instance.CreateDataSource(options.ConnectionString)
            : SqliteFactory.Instance.CreateDataSource(options.ConnectionString);
        if (IsSqlite)
        {
            // Default Timeout (seconds) bounds every wait for the database: for the writer slot and SQLite's own busy handler.
            var timeout = new SqliteConnectionStringBuilder(options.ConnectionString).DefaultTimeout;
            BusyTimeout = timeout > 0 ? TimeSpan.FromSeconds(timeout) : Timeout.InfiniteTimeSpan;
            Writer = new SemaphoreSlim(1, 1);
        }
        _onOpenSql = Dialect.OnOpenSql(BusyTimeout);
    }

    /// <summary>How long a request may wait for the writer or for a lock another process holds; SQLite only.</summary>
    public TimeSpan BusyTimeout { get; } = Timeout.InfiniteTimeSpan;

    /// <summary>SQLite lets one transaction write at a time: this process's writers queue here in turn instead of polling its lock.</summary>
    internal SemaphoreSlim? Writer { get; }

    /// <summary>
    /// Returns once every write that had begun by now has committed or rolled back (SQLite: takes the write lock and lets it go;
    /// a write's time is taken once it holds the lock). A read made after it sees every change stamped up to now, so a pack as of
    /// now reads the same later. SQL Server: nothing to wait for here.
    /// </summary>
    public async Task AwaitWritesInFlightAsync(CancellationToken ct)
    {
        if (!IsSqlite) return;
        await using var session = new DbSession(this);
        await session.BeginAsync(ct);
        await session.RollbackAsync();
    }

    public DatabaseOptions Options { get; }
    public SqlDialect Dialect { get; }
    public bool IsSqlite => Options.Provider == DatabaseProvider.Sqlite;

    /// <summary>A pooled connection, set up; <paramref name="busyTimeout"/> shortens the wait for a lock held elsewhere.</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken ct = default, TimeSpan? busyTimeout = null)
    {
        var connection = await _dataSource.OpenConnectionAsync(ct);
        if ((busyTimeout is { } wait ? Dialect.OnOpenSql(wait) : _onOpenSql) is { } setUp)
        {
            try
            {
                await using var command = connection.CreateCommand();
                command.CommandText = setUp;
                await command.ExecuteNonQueryAsync(ct);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }
        return connection;
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Closes the pool, so the file is free when this returns.</summary>
    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        if (IsSqlite)
        {
            using var pool = new SqliteConnection(Options.ConnectionString);
            SqliteConnection.ClearPool(pool);
        }
        Writer?.Dispose();
    }

    /// <summary>All timestamps are UTC; SQLite hands them back as text and SQL Server without a kind.</summary>
    private sealed class UtcDateTimeHandler : SqlMapper.TypeHandler<DateTime>
    {
        public override void SetValue(IDbDataParameter parameter, DateTime value)
        {
            parameter.DbType = DbType.DateTime2;
            parameter.Value = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        }

        public override DateTime Parse(object value) => value switch
        {
            DateTime time => DateTime.SpecifyKind(time, DateTimeKind.Utc),
            string text => DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
            _ => throw new DataException($"Cannot read a timestamp from a {value.GetType().Name}."),
        };
    }
}

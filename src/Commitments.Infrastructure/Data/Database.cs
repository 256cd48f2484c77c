using System.Data;
using System.Diagnostics;
using System.Data.Common;
using Dapper;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace Commitments.Infrastructure.Data;

/// <summary>The configured database: a pooled data source plus the dialect its SQL is written in.</summary>
public sealed class Database : IDisposable, IAsyncDisposable
{
    private readonly DbDataSource _dataSource;

    static Database()
    {
        SqlMapper.RemoveTypeMap(typeof(DateTime));
        SqlMapper.AddTypeHandler(new UtcDateTimeHandler());
    }

    public Database(DatabaseOptions options)
    {
        Options = options;
        Dialect = SqlDialect.For(options.Provider);
        if (options.Provider == DatabaseProvider.Sqlite) SqliteEngine.EnsureConfigured();
        _dataSource = options.Provider == DatabaseProvider.SqlServer
            ? SqlClientFactory.Instance.CreateDataSource(options.ConnectionString)
            : SqliteFactory.Instance.CreateDataSource(options.ConnectionString);
        if (IsSqlite)
        {
            // Default Timeout (seconds) bounds every wait for the database: SQLite's own busy handler, and the wait for the writer.
            var timeout = new SqliteConnectionStringBuilder(options.ConnectionString).DefaultTimeout;
            BusyTimeout = timeout > 0 ? TimeSpan.FromSeconds(timeout) : Timeout.InfiniteTimeSpan;
            KeepsStatements = new SqliteConnectionStringBuilder(options.ConnectionString).Pooling;
        }
        _onOpenSql = Dialect.OnOpenSql(BusyTimeout);
        if (IsSqlite) Writer = new SqliteWriter(this, BusyTimeout);
    }

    private readonly string? _onOpenSql;

    /// <summary>How long a statement may wait for a lock another connection or process holds; SQLite only.</summary>
    internal TimeSpan BusyTimeout { get; } = Timeout.InfiniteTimeSpan;

    /// <summary>SQLite: the one writer every write transaction goes through (group commit). SQL Server: none.</summary>
    public SqliteWriter? Writer { get; }

    /// <summary>
    /// Waits until every write that had started by now has committed or rolled back (SQLite: an empty turn at the writer,
    /// which comes after every write queued before it). A read made after it sees every change stamped up to now, so a
    /// report as of now reads the same later. SQL Server: each write is its own transaction, nothing to wait for here.
    /// </summary>
    public async Task AwaitWritesInFlightAsync(CancellationToken ct)
    {
        if (Writer is null) return;
        var turn = await Writer.EnterAsync(ct);
        await turn.EndAsync(keep: false);
    }

    /// <summary>SQLite with pooling: prepared statements are kept with each pooled connection (<see cref="SqliteStatements"/>).</summary>
    internal bool KeepsStatements { get; }

    public DatabaseOptions Options { get; }
    public SqlDialect Dialect { get; }
    public bool IsSqlite => Options.Provider == DatabaseProvider.Sqlite;

    /// <summary>A pooled connection, set up; <paramref name="busyTimeout"/> shortens the wait for a lock held elsewhere.</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken ct = default, TimeSpan? busyTimeout = null)
    {
        var connection = await _dataSource.OpenConnectionAsync(ct);
        var setUp = busyTimeout is { } wait ? Dialect.OnOpenSql(wait) : _onOpenSql;
        // SQLite's settings belong to the native connection, which the pool keeps open between uses: set them when it is new
        // or was last set up differently, not on every open (three statements prepared and run per request, for nothing).
        var handle = (connection as SqliteConnection)?.Handle;
        if (setUp is not null && !(handle is not null && SetUp.TryGetValue(handle, out var done) && done == setUp))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = setUp;
            await command.ExecuteNonQueryAsync(ct);
            if (handle is not null) SetUp.AddOrUpdate(handle, setUp);
        }
        return connection;
    }

    /// <summary>The settings each native SQLite connection was last given (<see cref="OpenAsync"/>); it goes with the connection.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, string> SetUp = [];

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Lets the writer finish the batch it is in (requests still queued are served first), then closes the pool.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Writer is not null) await Writer.DisposeAsync();
        await _dataSource.DisposeAsync();
        if (KeepsStatements) await ReleaseKeptStatementsAsync();
    }

    /// <summary>
    /// Finalizes the statements kept on the file's idle pooled connections, then clears the pool, so each closes at once and the
    /// file is free (a connection closed with statements still prepared stays open until they are finalized). Each idle
    /// connection is taken out of the pool and held open while its statements are finalized, on this thread, where nothing else
    /// can use or close it; holding it makes the next open hand out another. It stops when no open connection keeps statements,
    /// or after <see cref="MostHeldAtDisposal"/> (a connection still in use elsewhere is swept a second after it closes).
    /// </summary>
    private async Task ReleaseKeptStatementsAsync()
    {
        List<SqliteConnection> held = [];
        var file = Path.GetFullPath(new SqliteConnectionStringBuilder(Options.ConnectionString).DataSource);
        try
        {
            while (held.Count < MostHeldAtDisposal && SqliteStatements.AnyKeptOnOpenConnection(file))
            {
                var connection = new SqliteConnection(Options.ConnectionString);
                held.Add(connection);
                await connection.OpenAsync();
                if (connection.Handle is { } handle) SqliteStatements.Release(handle);
            }
        }
        finally
        {
            foreach (var connection in held) await connection.DisposeAsync();
            using (var pool = new SqliteConnection(Options.ConnectionString)) SqliteConnection.ClearPool(pool);
        }
        // A connection to the file the pool closed earlier, elsewhere (a pool cleared or pruned), is swept once its close has
        // surely finished: wait for that, a second or so, so the file is free when this returns.
        var waited = Stopwatch.StartNew();
        SqliteStatements.ReleaseClosed();
        while (SqliteStatements.AnyKeptOnClosedConnection(file) && waited.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(100);
            SqliteStatements.ReleaseClosed();
        }
    }

    private const int MostHeldAtDisposal = 64;

    /// <summary>All timestamps are UTC; SQLite hands them back as text and SQL Server without a kind.</summary>
    private sealed class UtcDateTimeHandler : SqlMapper.TypeHandler<DateTime>
    {
        public override void SetValue(IDbDataParameter parameter, DateTime value)
        {
            parameter.DbType = DbType.DateTime2;
            parameter.Value = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        }

        public override DateTime Parse(object value) => Timestamps.Read(value);
    }
}

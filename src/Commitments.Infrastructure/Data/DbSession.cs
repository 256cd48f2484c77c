using System.Data.Common;
using Dapper;

namespace Commitments.Infrastructure.Data;

/// <summary>
/// One connection per request scope, opened on first use, and Dapper over it. Commands run inside the transaction the
/// transaction behaviour begins; queries read without one.
/// </summary>
public sealed class DbSession(Database database) : IAsyncDisposable
{
    private DbConnection? _connection;
    private bool _holdsWriter;

    public Database Database => database;
    public SqlDialect Dialect => database.Dialect;
    public DbTransaction? Transaction { get; private set; }

    public async ValueTask<DbConnection> ConnectionAsync(CancellationToken ct = default) => _connection ??= await database.OpenAsync(ct);

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? args, CancellationToken ct) =>
        (await ReadAsync(sql, c => c.QueryAsync<T>(Command(sql, args, ct)), ct)).AsList();

    public Task<T?> SingleOrDefaultAsync<T>(string sql, object? args, CancellationToken ct) =>
        ReadAsync(sql, c => c.QuerySingleOrDefaultAsync<T>(Command(sql, args, ct)), ct);

    public Task<T?> ScalarAsync<T>(string sql, object? args, CancellationToken ct) =>
        ReadAsync(sql, c => c.ExecuteScalarAsync<T>(Command(sql, args, ct)), ct);

    public async Task<int> ExecuteAsync(string sql, object? args, CancellationToken ct)
    {
        using var span = DbTelemetry.Statement(Dialect, sql);
        return await (await ConnectionAsync(ct)).ExecuteAsync(Command(sql, args, ct));
    }

    /// <summary>
    /// A read, traced; outside any transaction on SQL Server it is run again on a fresh connection after a transient failure
    /// (<see cref="TransientRetry"/>). Inside a transaction the command's own retry starts the transaction over instead.
    /// </summary>
    private async Task<T> ReadAsync<T>(string sql, Func<DbConnection, Task<T>> run, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var span = DbTelemetry.Statement(Dialect, sql);
            try
            {
                return await run(await ConnectionAsync(ct));
            }
            catch (DbException e) when (Transaction is null && TransientRetry.ShouldRetry(attempt, e, false, Dialect, database.IsSqlite))
            {
                await DiscardConnectionAsync();
                await Task.Delay(TransientRetry.Pause(attempt), ct);
            }
        }
    }

    private CommandDefinition Command(string sql, object? args, CancellationToken ct) => new(sql, args, Transaction, cancellationToken: ct);

    /// <summary>
    /// Begins the transaction. SQLite: first waits for this process's writer slot (a TimeoutException past the busy timeout,
    /// answered as a 503), then BEGIN IMMEDIATE takes the file's write lock, waiting up to busy_timeout for another process.
    /// </summary>
    public async Task BeginAsync(CancellationToken ct)
    {
        if (Transaction is not null) throw new InvalidOperationException("A transaction is already open in this scope.");
        if (database.Writer is { } writer)
        {
            if (!await writer.WaitAsync(database.BusyTimeout, ct))
                throw new TimeoutException($"No write slot within {database.BusyTimeout.TotalSeconds:0} s: the database is busy.");
            _holdsWriter = true;
        }
        try { Transaction = await (await ConnectionAsync(ct)).BeginTransactionAsync(ct); }
        catch
        {
            ReleaseWriter();
            throw;
        }
    }

    /// <summary>
    /// Raises the data version (what reports as of now are tagged with, <see cref="DataVersion"/>) and commits; returns once the
    /// changes are on disk.
    /// </summary>
    public async Task CommitAsync(CancellationToken ct)
    {
        if (Transaction is null) return;
        try
        {
            await ExecuteAsync(DataVersion.RaiseSql, null, ct);
            await Transaction.CommitAsync(ct);
        }
        finally
        {
            await EndAsync();
        }
    }

    /// <summary>Drops this scope's changes.</summary>
    public async Task RollbackAsync()
    {
        if (Transaction is null) return;
        try { await Transaction.RollbackAsync(CancellationToken.None); }
        finally { await EndAsync(); }
    }

    private async Task EndAsync()
    {
        await Transaction!.DisposeAsync();
        Transaction = null;
        ReleaseWriter();
    }

    private void ReleaseWriter()
    {
        if (!_holdsWriter) return;
        _holdsWriter = false;
        database.Writer!.Release();
    }

    /// <summary>
    /// After a transient failure (SQL Server): drops whatever transaction was open and the connection, which may be broken, so
    /// the next attempt starts from a fresh one out of the pool.
    /// </summary>
    public async Task DiscardConnectionAsync()
    {
        try
        {
            await RollbackAsync();
        }
        catch (DbException)
        {
            // The connection is gone with its transaction; the server rolls back what it held.
        }
        finally
        {
            Transaction = null;
            ReleaseWriter();
            if (_connection is not null) await _connection.DisposeAsync();
            _connection = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try { await RollbackAsync(); }
        finally { if (_connection is not null) await _connection.DisposeAsync(); }
    }
}

using System.Data.Common;
using Dapper;

namespace Commitments.Infrastructure.Data;

/// <summary>
/// One connection per request scope, opened on first use. Commands run inside the transaction the
/// transaction behaviour begins; queries read without one. On SQLite the transaction is a turn at the one writer
/// (<see cref="SqliteWriter"/>): its connection, its batch's transaction and a savepoint of this scope's own.
/// </summary>
public sealed class DbSession(Database database) : IAsyncDisposable
{
    private DbConnection? _connection;
    private SqliteWriter.Turn? _turn;
    private DeferredWrites? _deferred;

    public Database Database => database;
    public SqlDialect Dialect => database.Dialect;
    public DbTransaction? Transaction { get; private set; }

    /// <summary>What this scope's transaction leaves for its COMMIT (on SQLite, shared with its batch); null outside a transaction.</summary>
    public DeferredWrites? Deferred => _turn?.Deferred ?? _deferred;

    /// <summary>The writer's connection during a turn; otherwise this scope's own.</summary>
    public async ValueTask<DbConnection> ConnectionAsync(CancellationToken ct = default) =>
        _turn?.Connection ?? (_connection ??= await database.OpenAsync(ct));

    public Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? args, CancellationToken ct) =>
        ReadAsync(sql, async c => SqliteValues.Reads<T>() && Prepared(c, sql, args, ct) is { } s
            ? s.Use(st => (IReadOnlyList<T>)SqliteValues.All<T>(st.Db, st.Statement))
            : (await c.QueryAsync<T>(Command(sql, args, ct))).AsList(), ct);

    public Task<T?> SingleOrDefaultAsync<T>(string sql, object? args, CancellationToken ct) =>
        ReadAsync(sql, c => SqliteValues.Reads<T>() && Prepared(c, sql, args, ct) is { } s
            ? Task.FromResult(s.Use(st => SqliteValues.Single<T>(st.Db, st.Statement)))
            : c.QuerySingleOrDefaultAsync<T>(Command(sql, args, ct)), ct);

    public Task<T?> ScalarAsync<T>(string sql, object? args, CancellationToken ct) =>
        ReadAsync(sql, c => SqliteValues.Reads<T>() && Prepared(c, sql, args, ct) is { } s
            ? Task.FromResult(s.Use(st => SqliteValues.First<T>(st.Db, st.Statement)))
            : c.ExecuteScalarAsync<T>(Command(sql, args, ct)), ct);

    /// <summary>
    /// A large read mapped by hand instead of by Dapper: <paramref name="rows"/> looks the columns up once and returns what reads
    /// one row with typed getters (<see cref="IRows"/>), so no value is boxed and no column is looked up again per row.
    /// </summary>
    public Task<List<T>> ReadRowsAsync<T>(string sql, object? args, Func<IRows, Func<T>> rows, CancellationToken ct) =>
        ReadAsync(sql, async c =>
        {
            List<T> list = [];
            if (c is Microsoft.Data.Sqlite.SqliteConnection sqlite)
            {
                ct.ThrowIfCancellationRequested();
                using var statement = new SqliteRows(sqlite, sql, args, database.KeepsStatements);
                var next = rows(statement);
                while (statement.Read())
                {
                    if (list.Count % 1024 == 0) ct.ThrowIfCancellationRequested();
                    list.Add(next());
                }
                return list;
            }
            await using var reader = await c.ExecuteReaderAsync(Command(sql, args, ct));
            var row = rows(new ReaderRows(reader));
            while (await reader.ReadAsync(ct)) list.Add(row());
            return list;
        }, ct);

    /// <summary>
    /// A statement, traced; a read outside any transaction on SQL Server is run again on a fresh connection after a transient
    /// failure (<see cref="TransientRetry"/>). Inside a transaction the command's own retry starts the transaction over instead.
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
            catch (DbException e) when (Transaction is null && TransientRetry.ShouldRetry(attempt, e, false, Dialect, database.Writer is not null))
            {
                await DiscardConnectionAsync();
                await Task.Delay(TransientRetry.Pause(attempt), ct);
            }
        }
    }

    public async Task<int> ExecuteAsync(string sql, object? args, CancellationToken ct)
    {
        using var span = DbTelemetry.Statement(Dialect, sql);
        var connection = await ConnectionAsync(ct);
        return Prepared(connection, sql, args, ct) is { } statement
            ? statement.Use(s => SqliteStatements.Execute(s.Db, s.Statement))
            : await connection.ExecuteAsync(Command(sql, args, ct));
    }

    /// <summary>
    /// SQLite: the connection's kept statement for <paramref name="sql"/>, bound (<see cref="SqliteStatements"/>); null where Dapper
    /// runs it instead (SQL Server, arguments of another type, more than one statement in the text).
    /// </summary>
    private SqliteStatement? Prepared(DbConnection connection, string sql, object? args, CancellationToken ct)
    {
        if (connection is not Microsoft.Data.Sqlite.SqliteConnection { Handle: { } db } || !SqliteStatements.CanBind(args)) return null;
        // As Microsoft.Data.Sqlite's async calls do: a request already cancelled (its client gone) runs no further statement.
        ct.ThrowIfCancellationRequested();
        return SqliteStatement.Bound(db, sql, args, database.KeepsStatements);
    }

    private CommandDefinition Command(string sql, object? args, CancellationToken ct) =>
        new(sql, args, Transaction, cancellationToken: ct);

    /// <summary>SQLite: waits for a turn at the writer (TimeoutException past the busy timeout). SQL Server: begins a transaction.</summary>
    public async Task BeginAsync(CancellationToken ct)
    {
        if (Transaction is not null) throw new InvalidOperationException("A transaction is already open in this scope.");
        if (database.Writer is { } writer)
        {
            _turn = await writer.EnterAsync(ct);
            Transaction = _turn.Transaction;
            return;
        }
        Transaction = await (await ConnectionAsync(ct)).BeginTransactionAsync(ct);
        _deferred = new DeferredWrites();
    }

    /// <summary>Returns once the changes are committed (SQLite: once the batch this turn joined has committed).</summary>
    public async Task CommitAsync(CancellationToken ct)
    {
        if (Transaction is null) return;
        if (_turn is { } turn)
        {
            Leave();
            await turn.EndAsync(keep: true);
            return;
        }
        try
        {
            if (_deferred is { } deferred) await deferred.FlushAsync(await ConnectionAsync(ct), Transaction, ct);
            await Transaction.CommitAsync(ct);
        }
        finally
        {
            await Transaction.DisposeAsync();
            Transaction = null;
            _deferred = null;
        }
    }

    /// <summary>
    /// Drops this scope's changes (SQLite: back to its savepoint, leaving the rest of the batch as it is). SQLite waits for
    /// the batch to end, so a refusal is not answered before the writes it may have read are on disk.
    /// </summary>
    public async Task RollbackAsync(Exception? error = null)
    {
        if (Transaction is null) return;
        if (_turn is { } turn)
        {
            Leave();
            await turn.EndAsync(keep: false, error);
            return;
        }
        try
        {
            await Transaction.RollbackAsync(CancellationToken.None);
        }
        finally
        {
            await Transaction.DisposeAsync();
            Transaction = null;
            _deferred = null;
        }
    }

    private void Leave()
    {
        _turn = null;
        Transaction = null;
    }

    /// <summary>
    /// After a transient failure outside the writer (SQL Server): drops whatever transaction was open and the connection,
    /// which may be broken, so the next attempt starts from a fresh one out of the pool.
    /// </summary>
    public async Task DiscardConnectionAsync()
    {
        if (database.Writer is not null) return;
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
            _deferred = null;
            if (_connection is not null) await _connection.DisposeAsync();
            _connection = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await RollbackAsync();
        if (_connection is not null) await _connection.DisposeAsync();
    }
}

using System.Data.Common;
using Dapper;

namespace Commitments.Infrastructure.Data;

/// <summary>
/// One connection per request scope, opened on first use. Commands run inside the transaction the
/// transaction behaviour begins; queries read without one.
/// </summary>
public sealed class DbSession(Database database) : IAsyncDisposable
{
    private DbConnection? _connection;
    private bool _holdsWriterGate;

    public Database Database => database;
    public SqlDialect Dialect => database.Dialect;
    public DbTransaction? Transaction { get; private set; }

    public async ValueTask<DbConnection> ConnectionAsync(CancellationToken ct = default) =>
        _connection ??= await database.OpenAsync(ct);

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? args, CancellationToken ct)
    {
        using var span = DbTelemetry.Statement(Dialect, sql);
        return (await (await ConnectionAsync(ct)).QueryAsync<T>(Command(sql, args, ct))).AsList();
    }

    public async Task<T?> SingleOrDefaultAsync<T>(string sql, object? args, CancellationToken ct)
    {
        using var span = DbTelemetry.Statement(Dialect, sql);
        return await (await ConnectionAsync(ct)).QuerySingleOrDefaultAsync<T>(Command(sql, args, ct));
    }

    public async Task<T?> ScalarAsync<T>(string sql, object? args, CancellationToken ct)
    {
        using var span = DbTelemetry.Statement(Dialect, sql);
        return await (await ConnectionAsync(ct)).ExecuteScalarAsync<T>(Command(sql, args, ct));
    }

    public async Task<int> ExecuteAsync(string sql, object? args, CancellationToken ct)
    {
        using var span = DbTelemetry.Statement(Dialect, sql);
        return await (await ConnectionAsync(ct)).ExecuteAsync(Command(sql, args, ct));
    }

    private CommandDefinition Command(string sql, object? args, CancellationToken ct) =>
        new(sql, args, Transaction, cancellationToken: ct);

    public async Task BeginAsync(CancellationToken ct)
    {
        if (Transaction is not null) throw new InvalidOperationException("A transaction is already open in this scope.");
        var connection = await ConnectionAsync(ct);
        if (database.WriterGate is { } gate)
        {
            if (!await gate.WaitAsync(database.WriterWait, ct))
                throw new TimeoutException($"No write slot within {database.WriterWait.TotalSeconds:0} s: the database is busy.");
            _holdsWriterGate = true;
        }
        // SQLite: BEGIN IMMEDIATE takes the write lock up front, so concurrent writers queue instead of deadlocking.
        try
        {
            Transaction = await connection.BeginTransactionAsync(ct);
        }
        catch
        {
            ReleaseWriterGate();
            throw;
        }
    }

    public async Task CommitAsync(CancellationToken ct)
    {
        if (Transaction is null) return;
        try
        {
            await Transaction.CommitAsync(ct);
        }
        finally
        {
            await Transaction.DisposeAsync();
            Transaction = null;
            ReleaseWriterGate();
        }
    }

    public async Task RollbackAsync()
    {
        if (Transaction is null) return;
        try
        {
            await Transaction.RollbackAsync(CancellationToken.None);
        }
        finally
        {
            await Transaction.DisposeAsync();
            Transaction = null;
            ReleaseWriterGate();
        }
    }

    private void ReleaseWriterGate()
    {
        if (!_holdsWriterGate) return;
        _holdsWriterGate = false;
        database.WriterGate!.Release();
    }

    public async ValueTask DisposeAsync()
    {
        await RollbackAsync();
        if (_connection is not null) await _connection.DisposeAsync();
    }
}

using Commitments.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Commitments.Tests.Foundation;

/// <summary>
/// SQLite statements are kept prepared with their pooled native connection between requests. Kept, they must behave as
/// statements prepared afresh: see every later write, hold no connection open once the pool has closed it, bind every
/// parameter or refuse.
/// </summary>
public sealed class KeptStatementTests : IAsyncLifetime
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"kept-{Guid.NewGuid():n}.db");
    private const string Read = "SELECT x FROM t WHERE id = @Id";

    public async Task InitializeAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={_file};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL; CREATE TABLE t (id INTEGER PRIMARY KEY, x INTEGER NOT NULL); INSERT INTO t VALUES (1, 1);";
        await command.ExecuteNonQueryAsync();
    }

    public Task DisposeAsync()
    {
        // This test's own pool only: clearing every pool would reach the tests running beside it, whose kept connections
        // (and the handles they assert on) would change under them.
        using (var pool = new SqliteConnection(ConnectionString())) SqliteConnection.ClearPool(pool);
        foreach (var f in new[] { _file, _file + "-wal", _file + "-shm" }) File.Delete(f);
        return Task.CompletedTask;
    }

    private string ConnectionString(string options = "") => $"Data Source={_file};Default Timeout=5{options}";

    private Database Open(string options = "") => new(new DatabaseOptions(DatabaseProvider.Sqlite, ConnectionString(options)));

    [Fact]
    public async Task AKeptStatementSeesAWriteMadeAfterItsLastUse()
    {
        await using var database = Open();
        sqlite3 handle;
        await using (var first = new DbSession(database))
        {
            Assert.Equal(1L, await first.ScalarAsync<long>(Read, new { Id = 1 }, CancellationToken.None));
            handle = ((SqliteConnection)await first.ConnectionAsync()).Handle!;
        }
        Assert.True(StatementBytes(handle) > 0, "the read's statement was not kept with its connection");

        await using (var other = new SqliteConnection($"Data Source={_file};Pooling=False"))
        {
            await other.OpenAsync();
            await using var update = other.CreateCommand();
            update.CommandText = "UPDATE t SET x = 2 WHERE id = 1";
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }

        await using var second = new DbSession(database);
        Assert.Equal(2L, await second.ScalarAsync<long>(Read, new { Id = 1 }, CancellationToken.None));
        Assert.Same(handle, ((SqliteConnection)await second.ConnectionAsync()).Handle);
    }

    [Fact]
    public async Task ADisposedDatabaseLeavesNoConnectionOpenOnItsFile()
    {
        var database = Open();
        await using (var session = new DbSession(database))
        {
            await session.ExecuteAsync("UPDATE t SET x = @X WHERE id = @Id", new { X = 3, Id = 1 }, CancellationToken.None);
            Assert.Equal(3L, await session.ScalarAsync<long>(Read, new { Id = 1 }, CancellationToken.None));
        }
        await database.DisposeAsync();

        Assert.Equal("delete", await LeaveWalAsync());
    }

    [Fact]
    public async Task WithoutPoolingNoStatementOutlivesItsConnection()
    {
        await using var database = Open(";Pooling=False");
        await using (var session = new DbSession(database))
            Assert.Equal(1L, await session.ScalarAsync<long>(Read, new { Id = 1 }, CancellationToken.None));

        Assert.Equal("delete", await LeaveWalAsync());
    }

    [Fact]
    public async Task AParameterLeftWithoutAValueIsRefusedByName()
    {
        await using var database = Open();
        await using var session = new DbSession(database);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            session.ExecuteAsync("UPDATE t SET x = @X WHERE id = @Id", new { X = 4 }, CancellationToken.None));
        Assert.Contains("@Id", refused.Message);
        Assert.Equal(1L, await session.ScalarAsync<long>(Read, new { Id = 1 }, CancellationToken.None));
    }

    /// <summary>Leaving WAL mode needs the only connection to the file: any other still open (a zombie kept by a statement) makes it fail.</summary>
    private async Task<string?> LeaveWalAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={_file};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = DELETE";
        return (string?)await command.ExecuteScalarAsync();
    }

    /// <summary>The memory SQLite holds for the connection's prepared statements (SQLITE_DBSTATUS_STMT_USED).</summary>
    private static int StatementBytes(sqlite3 handle)
    {
        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_db_status(handle, raw.SQLITE_DBSTATUS_STMT_USED, out var current, out _, 0));
        return current;
    }
}

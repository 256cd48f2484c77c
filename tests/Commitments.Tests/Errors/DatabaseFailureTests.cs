using System.Data.Common;
using System.Net;
using Commitments.Infrastructure.Data;
using Commitments.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Commitments.Tests.Errors;

/// <summary>Each provider's errors mean the same to the API: a duplicate key, a failure worth a retry, or a fault.</summary>
public sealed class DatabaseFailureTests
{
    [Theory]
    [InlineData(19, 2067, DbFailure.UniqueViolation)] // UNIQUE
    [InlineData(19, 1555, DbFailure.UniqueViolation)] // PRIMARY KEY
    [InlineData(19, 787, DbFailure.Other)] // FOREIGN KEY
    [InlineData(19, 1299, DbFailure.Other)] // NOT NULL
    [InlineData(19, 19, DbFailure.Other)] // a constraint of unknown kind
    [InlineData(1, 1, DbFailure.Other)] // syntax or other SQL error
    [InlineData(5, 5, DbFailure.Transient)] // BUSY
    [InlineData(6, 6, DbFailure.Transient)] // LOCKED
    [InlineData(5, 517, DbFailure.Transient)] // BUSY_SNAPSHOT
    [InlineData(14, 14, DbFailure.Transient)] // CANTOPEN
    public void SqliteErrorsAreClassifiedByTheirResultCodes(int code, int extended, DbFailure expected) =>
        Assert.Equal(expected, SqlDialect.Sqlite.Classify(new SqliteException("sqlite says no", code, extended)));

    [Theory]
    [InlineData(2627, DbFailure.UniqueViolation)]
    [InlineData(2601, DbFailure.UniqueViolation)]
    [InlineData(1205, DbFailure.Transient)] // deadlock victim
    [InlineData(-2, DbFailure.Transient)] // timeout
    [InlineData(40501, DbFailure.Transient)] // service busy
    [InlineData(40613, DbFailure.Transient)] // database unavailable
    [InlineData(49918, DbFailure.Transient)]
    [InlineData(10054, DbFailure.Transient)] // connection reset
    [InlineData(547, DbFailure.Other)] // foreign key or check constraint
    [InlineData(515, DbFailure.Other)] // NULL into a NOT NULL column
    [InlineData(102, DbFailure.Other)] // syntax error
    [InlineData(208, DbFailure.Other)] // invalid object name
    public void SqlServerErrorsAreClassifiedByTheirNumber(int number, DbFailure expected) =>
        Assert.Equal(expected, SqlDialect.SqlServerFailure(number));

    [Fact]
    public void ADialectDoesNotClaimAnotherProvidersErrors()
    {
        Assert.Equal(DbFailure.Other, SqlDialect.SqlServer.Classify(new SqliteException("busy", 5)));
        Assert.Equal(DbFailure.Other, SqlDialect.Sqlite.Classify(new ForeignDbException()));
    }

    /// <summary>The codes the classification reads are the ones real SQLite raises.</summary>
    [Fact]
    public async Task RealSqliteErrorsAreClassifiedAsTheyMean()
    {
        var file = Path.Combine(Path.GetTempPath(), $"dialect-{Guid.NewGuid():n}.db");
        var connectionString = $"Data Source={file};Default Timeout=1;Pooling=False";
        try
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            await ExecuteAsync(connection, SqlDialect.Sqlite.OnOpenSql(TimeSpan.FromSeconds(1))!);
            await ExecuteAsync(connection, "CREATE TABLE parent (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE);" +
                "CREATE TABLE child (id TEXT PRIMARY KEY, parent_id TEXT NOT NULL REFERENCES parent (id));" +
                "INSERT INTO parent (id, name) VALUES ('a', 'A');");

            Assert.Equal(DbFailure.UniqueViolation, await FailureOfAsync(connection, "INSERT INTO parent (id, name) VALUES ('a', 'B')"));
            Assert.Equal(DbFailure.UniqueViolation, await FailureOfAsync(connection, "INSERT INTO parent (id, name) VALUES ('b', 'A')"));
            Assert.Equal(DbFailure.Other, await FailureOfAsync(connection, "INSERT INTO child (id, parent_id) VALUES ('c', 'nobody')"));
            Assert.Equal(DbFailure.Other, await FailureOfAsync(connection, "INSERT INTO parent (id, name) VALUES ('c', NULL)"));
            Assert.Equal(DbFailure.Other, await FailureOfAsync(connection, "SELEC 1"));

            await using var holder = new SqliteConnection(connectionString);
            await holder.OpenAsync();
            await ExecuteAsync(holder, "BEGIN EXCLUSIVE");
            Assert.Equal(DbFailure.Transient, await FailureOfAsync(connection, SqlDialect.Sqlite.ReadinessSql));
            await ExecuteAsync(holder, "ROLLBACK");
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>SQLite itself waits for a lock, up to the connection's timeout; the driver's 150 ms sleeps come only after that.</summary>
    [Fact]
    public async Task SqliteConnectionsWaitForALockAsLongAsTheirTimeout()
    {
        var file = Path.Combine(Path.GetTempPath(), $"busy-{Guid.NewGuid():n}.db");
        try
        {
            await using var database = new Database(new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={file};Default Timeout=7;Pooling=False"));
            await using (var connection = await database.OpenAsync())
                Assert.Equal(7000L, await ScalarAsync(connection, "PRAGMA busy_timeout"));
            await using (var connection = await database.OpenAsync(busyTimeout: TimeSpan.FromSeconds(1)))
                Assert.Equal(1000L, await ScalarAsync(connection, "PRAGMA busy_timeout"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// The pool keeps a native connection between uses and its settings are set once, not per open: a reused connection still
    /// has them, and one last opened with a shorter wait gets the usual wait back.
    /// </summary>
    [Fact]
    public async Task APooledSqliteConnectionKeepsItsSettingsAndGetsTheUsualWaitBack()
    {
        var file = Path.Combine(Path.GetTempPath(), $"pooled-{Guid.NewGuid():n}.db");
        var connectionString = $"Data Source={file};Default Timeout=7";
        try
        {
            await using var database = new Database(new DatabaseOptions(DatabaseProvider.Sqlite, connectionString));
            SQLitePCL.sqlite3? first = null;
            foreach (var wait in new TimeSpan?[] { null, null, TimeSpan.FromSeconds(1), null })
            {
                await using var connection = await database.OpenAsync(busyTimeout: wait);
                var handle = ((SqliteConnection)connection).Handle;
                Assert.Same(first ??= handle, handle);
                Assert.Equal(wait is null ? 7000L : 1000L, await ScalarAsync(connection, "PRAGMA busy_timeout"));
                Assert.Equal(1L, await ScalarAsync(connection, "PRAGMA foreign_keys"));
                Assert.Equal(2L, await ScalarAsync(connection, "PRAGMA synchronous"));
            }
        }
        finally
        {
            using (var pool = new SqliteConnection(connectionString)) SqliteConnection.ClearPool(pool); // its own pool, not the neighbours'
            File.Delete(file);
        }
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    [Fact]
    public async Task AConstraintViolationThatEscapesIsALogged500NotA503()
    {
        var logs = new LogCapture();
        var clock = new FailingClock();
        await using var api = await TestApi.StartAsync(services: s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            s.AddSingleton<ILoggerProvider>(logs);
        });
        clock.Failure = new SqliteException("SQLite Error 19: 'FOREIGN KEY constraint failed'.", 19, 787);
        var response = await api.Secretariat().GetAsync("/v1/me");
        var body = await response.AssertProblemAsync(HttpStatusCode.InternalServerError);
        Assert.Null(response.Headers.RetryAfter);
        Assert.DoesNotContain("FOREIGN KEY", body.ToJsonString());
        Assert.DoesNotContain("   at ", body.ToJsonString());
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Error && e.Exception is SqliteException);
    }

    [Fact]
    public async Task ABusyDatabaseIsA503WithRetryAfterAndOneLogLine()
    {
        var logs = new LogCapture();
        var clock = new FailingClock();
        await using var api = await TestApi.StartAsync(services: s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            s.AddSingleton<ILoggerProvider>(logs);
        });
        logs.Clear();
        clock.Failure = new SqliteException("SQLite Error 5: 'database is locked'.", 5);
        var response = await api.Secretariat().GetAsync("/v1/me");
        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.NotNull(response.Headers.RetryAfter);
        var warning = Assert.Single(logs.Warnings);
        Assert.Null(warning.Exception);
    }

    /// <summary>
    /// The compiler records an assembly reference only for assemblies whose types the code uses, so this fails as soon as
    /// any file in the Api names a SqliteException, a SqlConnection or the like. (The packages still ship with the Api,
    /// through Commitments.Infrastructure; that is not a reference of the Api's own code.)
    /// </summary>
    [Fact]
    public void TheApiNamesNoDatabaseProviderType()
    {
        var providers = typeof(Program).Assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => n.StartsWith("Microsoft.Data.Sqlite", StringComparison.Ordinal) || n.StartsWith("Microsoft.Data.SqlClient", StringComparison.Ordinal));
        Assert.Empty(providers);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<DbFailure> FailureOfAsync(SqliteConnection connection, string sql)
    {
        var error = await Assert.ThrowsAsync<SqliteException>(() => ExecuteAsync(connection, sql));
        return SqlDialect.Sqlite.Classify(error);
    }

    private sealed class ForeignDbException : DbException;

    private sealed class FailingClock : TimeProvider
    {
        public Exception? Failure { get; set; }
        public override DateTimeOffset GetUtcNow() => Failure is { } f ? throw f : base.GetUtcNow();
    }
}

using System.Data;
using System.Data.Common;
using System.Globalization;
using Dapper;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace Commitments.Infrastructure.Data;

/// <summary>The configured database: a pooled data source plus the dialect its SQL is written in.</summary>
public sealed class Database : IDisposable
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
        _dataSource = options.Provider == DatabaseProvider.SqlServer
            ? SqlClientFactory.Instance.CreateDataSource(options.ConnectionString)
            : SqliteFactory.Instance.CreateDataSource(options.ConnectionString);
        if (IsSqlite)
        {
            WriterGate = new SemaphoreSlim(1, 1);
            WriterWait = TimeSpan.FromSeconds(new SqliteConnectionStringBuilder(options.ConnectionString).DefaultTimeout);
        }
    }

    /// <summary>
    /// SQLite has one writer at a time. Writers queue here, in order, instead of in SQLite's busy handler, which sleeps
    /// between retries and turns contention into second-long tails. Waiting longer than the busy timeout is an outage.
    /// </summary>
    internal SemaphoreSlim? WriterGate { get; }

    internal TimeSpan WriterWait { get; }

    /// <summary>
    /// Waits until every write that had started by now has committed or rolled back (SQLite: take the writer slot and give
    /// it back). A read made after it sees every change stamped up to now, so a report as of now reads the same later.
    /// </summary>
    public async Task AwaitWritesInFlightAsync(CancellationToken ct)
    {
        if (WriterGate is not { } gate) return;
        if (!await gate.WaitAsync(WriterWait, ct))
            throw new TimeoutException($"No write slot within {WriterWait.TotalSeconds:0} s: the database is busy.");
        gate.Release();
    }

    public DatabaseOptions Options { get; }
    public SqlDialect Dialect { get; }
    public bool IsSqlite => Options.Provider == DatabaseProvider.Sqlite;

    public async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        var connection = await _dataSource.OpenConnectionAsync(ct);
        if (Dialect.OnOpenSql is { } setUp)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = setUp;
            await command.ExecuteNonQueryAsync(ct);
        }
        return connection;
    }

    public void Dispose()
    {
        _dataSource.Dispose();
        WriterGate?.Dispose();
    }

    /// <summary>All timestamps are UTC; SQLite hands them back as text and SQL Server without a kind.</summary>
    private sealed class UtcDateTimeHandler : SqlMapper.TypeHandler<DateTime>
    {
        public override void SetValue(IDbDataParameter parameter, DateTime value)
        {
            parameter.DbType = DbType.DateTime2;
            parameter.Value = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        }

        private const string SqliteFormat = "yyyy-MM-dd HH:mm:ss.FFFFFFF";

        public override DateTime Parse(object value) => value switch
        {
            DateTime dt => DateTime.SpecifyKind(dt, DateTimeKind.Utc),
            // The exact form Microsoft.Data.Sqlite writes; anything else (a hand-edited row) takes the slower general parse.
            string text when DateTime.TryParseExact(text, SqliteFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var exact) => exact,
            string text => DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
            _ => throw new DataException($"Cannot read a timestamp from a {value.GetType().Name}."),
        };
    }
}

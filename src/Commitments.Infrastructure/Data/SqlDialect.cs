using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace Commitments.Infrastructure.Data;

/// <summary>What a database error means to the API, whichever provider raised it.</summary>
public enum DbFailure
{
    /// <summary>A fault of the statement or the data (a constraint, a syntax error): retrying the same request will not help.</summary>
    Other,
    /// <summary>A row with the same key exists already.</summary>
    UniqueViolation,
    /// <summary>The database could not do the work now (busy, locked, deadlocked, timed out, unreachable): the same request may succeed later.</summary>
    Transient,
}

/// <summary>Everything SQLite and SQL Server do differently: paging syntax, error meanings, readiness, connection set-up.</summary>
public abstract class SqlDialect
{
    public static readonly SqlDialect Sqlite = new SqliteDialect();
    public static readonly SqlDialect SqlServer = new SqlServerDialect();

    public static SqlDialect For(DatabaseProvider provider) =>
        provider == DatabaseProvider.SqlServer ? SqlServer : Sqlite;

    /// <summary>Goes right after SELECT: a row cap where the dialect puts it there.</summary>
    public abstract string Top(string limitParameter);

    /// <summary>Goes at the end of the statement: a row cap where the dialect puts it there.</summary>
    public abstract string Limit(string limitParameter);

    /// <summary>What an error of this provider means; an error of another provider is <see cref="DbFailure.Other"/>.</summary>
    public abstract DbFailure Classify(DbException exception);

    public bool IsUniqueViolation(DbException exception) => Classify(exception) == DbFailure.UniqueViolation;

    public bool IsTransient(DbException exception) => Classify(exception) == DbFailure.Transient;

    /// <summary>Ready means able to take writes; this statement proves it within the command timeout.</summary>
    public abstract string ReadinessSql { get; }

    /// <summary>
    /// Run on every connection as it is opened; null when the provider needs nothing. <paramref name="busyTimeout"/>: how long
    /// a statement may wait for a lock held elsewhere (infinite: no limit).
    /// </summary>
    public abstract string? OnOpenSql(TimeSpan busyTimeout);

    /// <summary>
    /// Takes the lock that migrating holds, for the connection's session, waiting up to @TimeoutMs; returns 0 or 1 when
    /// granted. Null when the provider has no such lock (SQLite: a lock file beside the database stands in for it).
    /// </summary>
    public virtual string? MigrationLockSql => null;

    private sealed class SqliteDialect : SqlDialect
    {
        public override string Top(string limitParameter) => "";
        public override string Limit(string limitParameter) => $"LIMIT {limitParameter}";

        public override DbFailure Classify(DbException exception) =>
            exception is SqliteException s ? SqliteFailure(s.SqliteErrorCode, s.SqliteExtendedErrorCode) : DbFailure.Other;

        // Take the write lock for a moment and let it go: a database another process holds locked is not ready.
        public override string ReadinessSql => "BEGIN IMMEDIATE; ROLLBACK;";

        // Per connection: FULL makes every commit survive a crash of the process or the machine. busy_timeout lets SQLite
        // itself wait for a lock (retrying after 1, 2, 5, 10 ... ms) up to the command timeout, so Microsoft.Data.Sqlite's own
        // retry loop, which only starts after SQLite gives up and then sleeps 150 ms between tries, is never reached.
        public override string? OnOpenSql(TimeSpan busyTimeout) =>
            "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; "
            + $"PRAGMA busy_timeout = {(busyTimeout == Timeout.InfiniteTimeSpan ? int.MaxValue : (int)busyTimeout.TotalMilliseconds)};";
    }

    private sealed class SqlServerDialect : SqlDialect
    {
        public override string Top(string limitParameter) => $"TOP ({limitParameter})";
        public override string Limit(string limitParameter) => "";

        public override DbFailure Classify(DbException exception) =>
            exception is SqlException s ? SqlServerFailure(s.Number) : DbFailure.Other;

        public override string ReadinessSql => "SELECT COUNT(*) FROM seed_runs";

        public override string? MigrationLockSql => """
            DECLARE @granted INT;
            EXEC @granted = sp_getapplock @Resource = N'commitments-migrate', @LockMode = N'Exclusive', @LockOwner = N'Session',
                @LockTimeout = @TimeoutMs;
            SELECT @granted;
            """;

        public override string? OnOpenSql(TimeSpan busyTimeout) => null;
    }

    /// <summary>
    /// By primary and extended result code. Only a UNIQUE or PRIMARY KEY constraint is a unique violation; any other
    /// constraint (foreign key, NOT NULL, CHECK) is a fault. Busy, locked, read-only, I/O error, disk full and cannot-open
    /// are the file being unavailable, not the statement being wrong.
    /// </summary>
    internal static DbFailure SqliteFailure(int code, int extendedCode) => code switch
    {
        19 when extendedCode is 2067 or 1555 => DbFailure.UniqueViolation, // SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY
        5 or 6 or 8 or 10 or 13 or 14 => DbFailure.Transient, // BUSY, LOCKED, READONLY, IOERR, FULL, CANTOPEN
        _ => DbFailure.Other,
    };

    /// <summary>By error number (<c>SqlException.Number</c>, the first error's): duplicate keys, and the numbers worth a retry.</summary>
    internal static DbFailure SqlServerFailure(int number) => number switch
    {
        2627 or 2601 => DbFailure.UniqueViolation, // unique constraint, unique index
        -2 or 258 => DbFailure.Transient, // command or wait timeout
        1205 or 1222 => DbFailure.Transient, // deadlock victim, lock request timeout
        -1 or 2 or 20 or 53 or 64 or 121 or 233 or 10053 or 10054 or 10060 or 10061 or 11001 => DbFailure.Transient, // connection lost or not made
        4060 or 4221 => DbFailure.Transient, // database not open yet (fail-over), secondary not ready
        40143 or 40197 or 40501 or 40540 or 40613 or 10928 or 10929 => DbFailure.Transient, // Azure SQL busy, reconfiguring, resource limits
        49918 or 49919 or 49920 => DbFailure.Transient, // too many operations in progress
        41301 or 41302 or 41305 or 41325 or 41839 => DbFailure.Transient, // in-memory OLTP conflicts
        _ => DbFailure.Other,
    };
}

using Commitments.Infrastructure.Data;
using Microsoft.Data.Sqlite;

namespace Commitments.Tests.Production;

/// <summary>When a command or a read is run again after a database error: the rule, case by case (no SQL Server runs here).</summary>
public sealed class TransientRetryTests
{
    private static readonly SqliteException Busy = new("database is locked", 5, 5);
    private static readonly SqliteException Unique = new("UNIQUE constraint failed", 19, 2067);

    [Theory]
    [InlineData(1, "busy", false, false, true)]
    [InlineData(2, "busy", false, false, true)]
    [InlineData(3, "busy", false, false, false)] // the last attempt surfaces as a 503
    [InlineData(1, "busy", true, false, false)] // a commit cut off midway may have landed: never written twice
    [InlineData(1, "busy", false, true, false)] // SQLite's writers queue for its one writer instead of retrying
    [InlineData(1, "unique", false, false, false)] // a fault of the statement or the data does not pass with time
    [InlineData(1, "timeout", false, false, false)] // not a database error
    public void OnlyATransientErrorBeforeTheCommitOutsideTheWriterIsRunAgainAndOnlyTwice(
        int attempt, string error, bool commitStarted, bool hasWriter, bool expected)
    {
        Exception e = error switch { "busy" => Busy, "unique" => Unique, _ => new TimeoutException() };
        Assert.Equal(expected, TransientRetry.ShouldRetry(attempt, e, commitStarted, SqlDialect.Sqlite, hasWriter));
    }

    [Fact]
    public void ThePauseGrowsWithEachAttempt() =>
        Assert.True(TransientRetry.Pause(2) > TransientRetry.Pause(1) && TransientRetry.Pause(1) > TimeSpan.Zero);
}

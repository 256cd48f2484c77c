using System.Data.Common;

namespace Commitments.Infrastructure.Data;

/// <summary>
/// When a command that failed on a transient database error (a deadlock, a fail-over, a dropped connection) is run again
/// from the start: only on SQL Server (SQLite's writers queue for its one writer instead), only before its commit began (a
/// commit cut off midway may have landed, so running again could write twice), and at most <see cref="Attempts"/> times in
/// all, after a short, growing pause. Past that, the error surfaces as a 503.
/// </summary>
public static class TransientRetry
{
    public const int Attempts = 3;

    public static bool ShouldRetry(int attempt, Exception error, bool commitStarted, SqlDialect dialect, bool oneWriter) =>
        !oneWriter && !commitStarted && attempt < Attempts && error is DbException db && dialect.IsTransient(db);

    public static TimeSpan Pause(int attempt) => TimeSpan.FromMilliseconds(100 * attempt * attempt);
}

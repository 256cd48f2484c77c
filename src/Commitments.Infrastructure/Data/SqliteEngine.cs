using SQLitePCL;

namespace Commitments.Infrastructure.Data;

/// <summary>
/// Process-wide settings of the SQLite library, made once before the first connection opens (SQLite refuses them after):
/// multi-thread mode (each connection is used by one thread at a time, so the per-connection mutexes of the default
/// serialized mode are pure cost), no memory statistics (a global mutex on every allocation), and an error log that counts
/// SQLITE_BUSY, which the benchmark reads to see whether writers ever met a lock.
/// </summary>
public static class SqliteEngine
{
    private static readonly Lazy<string> Configured = new(Configure);
    private static long _busy;

    /// <summary>Applies the settings if no connection has opened yet; says what it did.</summary>
    public static string EnsureConfigured() => Configured.Value;

    /// <summary>SQLITE_BUSY (and its extended codes) reported by SQLite's error log since the process started.</summary>
    public static long BusyErrors => Interlocked.Read(ref _busy);

    private static string Configure()
    {
        Batteries_V2.Init();
        var threading = raw.sqlite3_config(raw.SQLITE_CONFIG_MULTITHREAD);
        var memstatus = raw.sqlite3_config(raw.SQLITE_CONFIG_MEMSTATUS, 0);
        var log = raw.sqlite3_config_log(new strdelegate_log(static (_, code, _) =>
        {
            if ((code & 0xff) == raw.SQLITE_BUSY) Interlocked.Increment(ref _busy);
        }), null);
        // SQLITE_MISUSE: the library was already initialised (a connection opened first); it keeps its defaults, which are safe.
        return $"multithread={threading} memstatus={memstatus} log={log}";
    }
}

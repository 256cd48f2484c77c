using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Commitments.Infrastructure.Data;

/// <summary>
/// Prepared SQLite statements kept with the pooled native connection they were prepared on, which Microsoft.Data.Sqlite's pool
/// keeps open between requests (it has no statement cache of its own: dotnet/efcore#14044). A statement run again on the same
/// connection is bound and stepped, not compiled again: preparing the get-one query cost twice what running it did, and the API
/// key lookup paid the same on every request. A statement goes back reset, its bindings cleared, so between uses it holds no
/// read snapshot, no lock and no value. A native connection is used by one request at a time (the pool hands it out whole); a
/// statement in use is taken out of the cache, so the same text run twice at once on one connection gets a second statement.
/// <para>
/// A native connection the pool closes (cleared, pruned) with statements still prepared stays open, as SQLite's close_v2 leaves
/// it, until they are finalized: <see cref="ReleaseClosed"/> finalizes those of every closed connection. It runs whenever a
/// connection is seen for the first time (the pool opened a new one, usually after closing another) and when a
/// <see cref="Database"/> is disposed, after it cleared its pool. Without pooling every open is a new native connection, so
/// nothing is kept (<paramref name="keep"/> false).
/// </para>
/// </summary>
internal static class SqliteStatements
{
    /// <summary>Statements kept per connection; past it, a statement is finalized after use. The API runs about a hundred distinct texts.</summary>
    private const int PerConnection = 256;

    /// <summary>The statements idle on one native connection.</summary>
    private sealed class Kept(sqlite3 db)
    {
        public readonly WeakReference<sqlite3> Db = new(db);
        /// <summary>The database file the connection has open, as SQLite names it (a full path).</summary>
        public readonly string File = raw.sqlite3_db_filename(db, "main").utf8_to_string() ?? "";
        public readonly Dictionary<string, sqlite3_stmt> Idle = new(StringComparer.Ordinal);
        public bool Released;
        /// <summary>When a sweep first saw the connection closed (a <see cref="Stopwatch"/> timestamp); 0 while it is open.</summary>
        public long SeenClosedAt;

        public bool IsClosed => !Db.TryGetTarget(out var db) || db.IsClosed;

        /// <summary>Finalizes every idle statement: only where no other thread can be using or closing the connection.</summary>
        public void Release()
        {
            lock (Idle)
            {
                Released = true;
                foreach (var statement in Idle.Values) statement.Dispose();
                Idle.Clear();
            }
        }
    }

    private static readonly ConditionalWeakTable<sqlite3, Kept> ByConnection = [];
    private static readonly List<Kept> All = [];
    private static long _lastSweep;

    /// <summary>
    /// How long after a connection is first seen closed its statements are finalized. Not at once: a handle reads as closed as
    /// soon as its close begins, and in SQLite's multi-thread mode finalizing a statement while another thread is still closing
    /// its connection would race; a second later that close has long finished.
    /// </summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);

    private static Kept KeptOn(sqlite3 db)
    {
        if (ByConnection.TryGetValue(db, out var kept)) return kept;
        ReleaseClosed();
        kept = ByConnection.GetValue(db, d => new Kept(d));
        lock (All) All.Add(kept);
        return kept;
    }

    /// <summary>
    /// Finalizes the kept statements of the native connections the pool closed (pruned, cleared) at least <see cref="Grace"/>
    /// ago, so their close completes and frees the file. Runs when a connection is seen for the first time and at most once a
    /// <see cref="Grace"/> as statements go back.
    /// </summary>
    public static void ReleaseClosed()
    {
        var now = Stopwatch.GetTimestamp();
        lock (All)
        {
            Volatile.Write(ref _lastSweep, now);
            All.RemoveAll(kept =>
            {
                if (!kept.IsClosed) return false;
                if (kept.SeenClosedAt == 0) kept.SeenClosedAt = now;
                if (Stopwatch.GetElapsedTime(kept.SeenClosedAt, now) < Grace) return false;
                kept.Release();
                return true;
            });
        }
    }

    /// <summary>True while statements are kept on some connection to <paramref name="file"/> (a full path) that is still open.</summary>
    public static bool AnyKeptOnOpenConnection(string file) => AnyKept(file, closed: false);

    /// <summary>True while statements are kept on some connection to <paramref name="file"/> that has closed (not yet swept).</summary>
    public static bool AnyKeptOnClosedConnection(string file) => AnyKept(file, closed: true);

    private static bool AnyKept(string file, bool closed)
    {
        lock (All) return All.Exists(kept => kept.IsClosed == closed && string.Equals(kept.File, file, StringComparison.Ordinal));
    }

    /// <summary>
    /// Finalizes the statements kept on a connection the caller holds open (so no other thread uses or closes it), before the
    /// pool closes it: <see cref="Database.DisposeAsync"/>, so the file is free at once.
    /// </summary>
    public static void Release(sqlite3 db)
    {
        if (!ByConnection.TryGetValue(db, out var kept)) return;
        kept.Release();
        lock (All) All.Remove(kept);
        ByConnection.Remove(db);
    }

    /// <summary>
    /// The statement for <paramref name="sql"/> on this connection, an idle one if <paramref name="keep"/> and there is one, else
    /// newly prepared; null when the text holds more than one statement.
    /// </summary>
    public static sqlite3_stmt? Rent(sqlite3 db, string sql, bool keep)
    {
        if (keep)
        {
            var kept = KeptOn(db);
            lock (kept.Idle)
            {
                if (kept.Idle.Remove(sql, out var idle)) return idle;
            }
        }
        if (Several.ContainsKey(sql)) return null;
        Check(raw.sqlite3_prepare_v2(db, sql, out var statement, out var tail), db);
        if (string.IsNullOrWhiteSpace(tail)) return statement;
        statement.Dispose();
        Several.TryAdd(sql, true);
        return null;
    }

    /// <summary>Texts found to hold more than one statement (a migration step, a set-up), which Microsoft.Data.Sqlite runs instead.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> Several = new(StringComparer.Ordinal);

    /// <summary>Resets the statement and, if <paramref name="keep"/>, keeps it for the next use of <paramref name="sql"/> on this connection; else finalizes it.</summary>
    public static void Return(sqlite3 db, string sql, sqlite3_stmt statement, bool keep)
    {
        raw.sqlite3_reset(statement);
        raw.sqlite3_clear_bindings(statement);
        if (keep && !db.IsClosed)
        {
            if (Stopwatch.GetElapsedTime(Volatile.Read(ref _lastSweep)) >= Grace) ReleaseClosed();
            var kept = KeptOn(db);
            lock (kept.Idle)
            {
                if (!kept.Released && kept.Idle.Count < PerConnection && kept.Idle.TryAdd(sql, statement)) return;
            }
        }
        statement.Dispose();
    }

    /// <summary>
    /// Binds <paramref name="args"/>' properties to the statement's parameters by name (@, $ or : before it), as Dapper and
    /// Microsoft.Data.Sqlite bind them: text, integers (an enum as its number, a bool as 0 or 1), reals, blobs, and a DateTime as
    /// UTC text in <see cref="Timestamps.SqliteFormat"/>. A parameter left without a value is refused, as Microsoft.Data.Sqlite refuses it.
    /// </summary>
    public static void Bind(sqlite3 db, sqlite3_stmt statement, object? args)
    {
        var plan = Plan(statement, args?.GetType());
        if (plan.Missing is not null) throw new InvalidOperationException($"Must add values for the following parameters: {plan.Missing}");
        for (var i = 0; i < plan.Indexes.Length; i++)
            if (plan.Indexes[i] != 0) Check(BindValue(statement, plan.Indexes[i], plan.Properties[i].GetValue(args)), db);
    }

    /// <summary>
    /// Which parameter of the statement each property of an argument type binds (0: none), and the parameters none binds; worked
    /// out once per kept statement and argument type, not on every run (it looked each name up in SQLite every time).
    /// </summary>
    private sealed record Binding(Type? Type, PropertyInfo[] Properties, int[] Indexes, string? Missing);

    private static readonly ConditionalWeakTable<sqlite3_stmt, Binding> Bindings = [];

    private static Binding Plan(sqlite3_stmt statement, Type? type)
    {
        if (Bindings.TryGetValue(statement, out var known) && known.Type == type) return known;
        var properties = type is null ? [] : Arguments.Of(type).Properties;
        var indexes = properties.Select(p => IndexOf(statement, p.Name)).ToArray();
        var missing = Enumerable.Range(1, raw.sqlite3_bind_parameter_count(statement)).Where(i => !indexes.Contains(i))
            .Select(i => raw.sqlite3_bind_parameter_name(statement, i).utf8_to_string() ?? $"?{i}").ToList();
        var binding = new Binding(type, properties, indexes, missing.Count == 0 ? null : string.Join(", ", missing));
        Bindings.AddOrUpdate(statement, binding);
        return binding;
    }

    /// <summary>True when every property of <paramref name="args"/> is of a type <see cref="Bind"/> binds (else Dapper runs the statement).</summary>
    public static bool CanBind(object? args) => args is null || Arguments.Of(args.GetType()).Bindable;

    private static int IndexOf(sqlite3_stmt statement, string name)
    {
        var index = raw.sqlite3_bind_parameter_index(statement, "@" + name);
        if (index == 0) index = raw.sqlite3_bind_parameter_index(statement, "$" + name);
        if (index == 0) index = raw.sqlite3_bind_parameter_index(statement, ":" + name);
        return index;
    }

    private static int BindValue(sqlite3_stmt statement, int index, object? value) => value switch
    {
        null or DBNull => raw.sqlite3_bind_null(statement, index),
        string s => raw.sqlite3_bind_text(statement, index, s),
        long l => raw.sqlite3_bind_int64(statement, index, l),
        int i => raw.sqlite3_bind_int64(statement, index, i),
        short s => raw.sqlite3_bind_int64(statement, index, s),
        byte b => raw.sqlite3_bind_int64(statement, index, b),
        bool b => raw.sqlite3_bind_int64(statement, index, b ? 1 : 0),
        double d => raw.sqlite3_bind_double(statement, index, d),
        float f => raw.sqlite3_bind_double(statement, index, f),
        byte[] bytes => raw.sqlite3_bind_blob(statement, index, bytes),
        DateTime t => raw.sqlite3_bind_text(statement, index,
            (t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : t).ToString(Timestamps.SqliteFormat, CultureInfo.InvariantCulture)),
        Enum e => raw.sqlite3_bind_int64(statement, index, Convert.ToInt64(e, CultureInfo.InvariantCulture)),
        var other => throw new NotSupportedException($"Cannot bind a {other.GetType().Name}."),
    };

    /// <summary>Runs a statement that returns no rows it needs (or ignores them); the rows it changed, or -1 for one that changes none.</summary>
    public static int Execute(sqlite3 db, sqlite3_stmt statement)
    {
        int rc;
        while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW) { }
        if (rc != raw.SQLITE_DONE) Check(rc, db);
        return raw.sqlite3_stmt_readonly(statement) != 0 ? -1 : raw.sqlite3_changes(db);
    }

    /// <summary>A failure as the SqliteException Microsoft.Data.Sqlite would throw, so the dialect classifies it (busy, locked, constraint) as usual.</summary>
    public static void Check(int rc, sqlite3 db) => SqliteException.ThrowExceptionForRC(rc, db);

    /// <summary>An argument type's readable properties, looked up once, and whether all of them are of a type <see cref="BindValue"/> takes.</summary>
    private sealed record Arguments(PropertyInfo[] Properties, bool Bindable)
    {
        private static readonly ConditionalWeakTable<Type, Arguments> Known = [];

        public static Arguments Of(Type type) => Known.GetValue(type, t =>
        {
            var properties = t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0).ToArray();
            // A list (Dapper runs the statement once per element), a dictionary or Dapper's own parameters are Dapper's to bind.
            var plain = !typeof(System.Collections.IEnumerable).IsAssignableFrom(t) && !typeof(Dapper.SqlMapper.IDynamicParameters).IsAssignableFrom(t);
            return new Arguments(properties, plain && properties.All(p => IsBindable(p.PropertyType)));
        });

        private static bool IsBindable(Type type)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            return type == typeof(string) || type == typeof(long) || type == typeof(int) || type == typeof(short) || type == typeof(byte)
                || type == typeof(bool) || type == typeof(double) || type == typeof(float) || type == typeof(byte[]) || type == typeof(DateTime)
                || type.IsEnum;
        }
    }
}

/// <summary>
/// A kept statement of one connection, bound and in use; disposing it gives it back (<see cref="Use{T}"/> runs it, then does).
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    public sqlite3 Db { get; }
    public sqlite3_stmt Statement { get; }
    private readonly string _sql;
    private readonly bool _keep;

    private SqliteStatement(sqlite3 db, string sql, sqlite3_stmt statement, bool keep) => (Db, _sql, Statement, _keep) = (db, sql, statement, keep);

    /// <summary>The statement bound to <paramref name="args"/>; null when the text holds more than one statement.</summary>
    public static SqliteStatement? Bound(sqlite3 db, string sql, object? args, bool keep)
    {
        if (SqliteStatements.Rent(db, sql, keep) is not { } statement) return null;
        try
        {
            SqliteStatements.Bind(db, statement, args);
        }
        catch
        {
            SqliteStatements.Return(db, sql, statement, keep);
            throw;
        }
        return new SqliteStatement(db, sql, statement, keep);
    }

    public T Use<T>(Func<SqliteStatement, T> run)
    {
        using (this) return run(this);
    }

    public void Dispose() => SqliteStatements.Return(Db, _sql, Statement, _keep);
}

/// <summary>
/// Single values read from a statement's first column (a scalar, an id, a list of ids), converted as Dapper converts them:
/// NULL as the type's default, an integer to the integer type asked for, a bool from 0 or 1, a timestamp from its text.
/// Rows of several columns are mapped by Dapper or by <see cref="IRows"/>.
/// </summary>
internal static class SqliteValues
{
    public static bool Reads<T>() => Simple(Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T));

    private static bool Simple(Type t) =>
        t == typeof(string) || t == typeof(long) || t == typeof(int) || t == typeof(bool) || t == typeof(double) || t == typeof(DateTime);

    /// <summary>The first row's value, or the default when there is no row (ExecuteScalar).</summary>
    public static T? First<T>(sqlite3 db, sqlite3_stmt statement) => Step(db, statement) ? Value<T>(statement) : default;

    /// <summary>The only row's value, or the default when there is none; more than one row is an error (QuerySingleOrDefault).</summary>
    public static T? Single<T>(sqlite3 db, sqlite3_stmt statement)
    {
        if (!Step(db, statement)) return default;
        var value = Value<T>(statement);
        if (Step(db, statement)) throw new InvalidOperationException("Sequence contains more than one element");
        return value;
    }

    public static List<T> All<T>(sqlite3 db, sqlite3_stmt statement)
    {
        List<T> values = [];
        while (Step(db, statement)) values.Add(Value<T>(statement)!);
        return values;
    }

    private static bool Step(sqlite3 db, sqlite3_stmt statement)
    {
        var rc = raw.sqlite3_step(statement);
        if (rc == raw.SQLITE_ROW) return true;
        if (rc != raw.SQLITE_DONE) SqliteStatements.Check(rc, db);
        return false;
    }

    private static T? Value<T>(sqlite3_stmt statement)
    {
        if (raw.sqlite3_column_type(statement, 0) == raw.SQLITE_NULL) return default;
        var type = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        object value =
            type == typeof(string) ? raw.sqlite3_column_text(statement, 0).utf8_to_string() :
            type == typeof(long) ? raw.sqlite3_column_int64(statement, 0) :
            type == typeof(int) ? checked((int)raw.sqlite3_column_int64(statement, 0)) :
            type == typeof(bool) ? raw.sqlite3_column_int64(statement, 0) != 0 :
            type == typeof(double) ? raw.sqlite3_column_double(statement, 0) :
            Timestamps.Parse(raw.sqlite3_column_text(statement, 0).utf8_to_string());
        return (T)value;
    }
}

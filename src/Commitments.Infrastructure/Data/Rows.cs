using System.Data.Common;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Commitments.Infrastructure.Data;

/// <summary>
/// The current row of a large read, read by column with typed getters (<see cref="DbSession.ReadRowsAsync{T}"/>). On SQL Server
/// it is the data reader; on SQLite the statement itself, stepped through the SQLite library, since Microsoft.Data.Sqlite's
/// reader costs several native calls per value (its type, the row's column count, then the value) and that was most of the
/// time a report as of now spent reading its 20,000 cells.
/// </summary>
public interface IRows
{
    int Ordinal(string column);
    bool IsNull(int column);
    string Text(int column);
    /// <summary>A text column whose few values repeat from row to row (a participant's id): each value is one string.</summary>
    string Shared(int column);
    /// <summary>A vocabulary code (<see cref="Domain.Codes"/>), read without making a string of it.</summary>
    T Code<T>(int column) where T : struct, Enum;
    int Int32(int column);
    bool Boolean(int column);
    /// <summary>A timestamp, as UTC (<see cref="Timestamps"/>).</summary>
    DateTime Time(int column);

    string? TextOrNull(int column) => IsNull(column) ? null : Text(column);
    DateTime? TimeOrNull(int column) => IsNull(column) ? null : Time(column);
}

internal sealed class ReaderRows(DbDataReader reader) : IRows
{
    public int Ordinal(string column) => reader.GetOrdinal(column);
    public bool IsNull(int column) => reader.IsDBNull(column);
    public string Text(int column) => reader.GetString(column);
    public string Shared(int column) => reader.GetString(column);
    public T Code<T>(int column) where T : struct, Enum => Domain.Codes.Parse<T>(reader.GetString(column));
    public int Int32(int column) => reader.GetInt32(column);
    public bool Boolean(int column) => reader.GetBoolean(column);
    public DateTime Time(int column) => Timestamps.Read(reader.GetValue(column));
}

/// <summary>A kept SQLite statement (<see cref="SqliteStatements"/>) stepped row by row; parameters bound by name as Microsoft.Data.Sqlite binds them.</summary>
internal sealed class SqliteRows : IRows, IDisposable
{
    private readonly SqliteStatement _kept;
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public SqliteRows(SqliteConnection connection, string sql, object? args, bool keep)
    {
        _kept = SqliteStatement.Bound(connection.Handle ?? throw new InvalidOperationException("The connection is not open."), sql, args, keep)
            ?? throw new InvalidOperationException("A row read runs one statement.");
        (_db, _statement) = (_kept.Db, _kept.Statement);
    }

    /// <summary>Steps to the next row; false after the last.</summary>
    public bool Read()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW) return true;
        if (rc == raw.SQLITE_DONE) return false;
        Check(rc);
        return false;
    }

    /// <summary>By name, case-insensitively, the first column of that name; the names are read once per statement, which is kept.</summary>
    public int Ordinal(string column) =>
        ColumnsOf.GetValue(_statement, ReadColumns).TryGetValue(column, out var index) ? index : throw new IndexOutOfRangeException($"No column {column}.");

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<sqlite3_stmt, Dictionary<string, int>> ColumnsOf = [];

    private static Dictionary<string, int> ReadColumns(sqlite3_stmt statement)
    {
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < raw.sqlite3_column_count(statement); i++) columns.TryAdd(raw.sqlite3_column_name(statement, i).utf8_to_string(), i);
        return columns;
    }

    public bool IsNull(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;
    public string Text(int column) => raw.sqlite3_column_text(_statement, column).utf8_to_string()
        ?? throw new InvalidCastException($"Column {column} is NULL.");
    public int Int32(int column) => checked((int)raw.sqlite3_column_int64(_statement, column));
    public bool Boolean(int column) => raw.sqlite3_column_int64(_statement, column) != 0;

    public string Shared(int column)
    {
        Span<char> buffer = stackalloc char[Small];
        if (Chars(column, buffer) is not (>= 0 and var length)) return Text(column);
        var chars = buffer[..length];
        if (_shared.TryGetValue(chars, out var known)) return known;
        var text = chars.ToString();
        _shared[text] = text;
        return text;
    }

    public T Code<T>(int column) where T : struct, Enum
    {
        Span<char> buffer = stackalloc char[Small];
        return Chars(column, buffer) is >= 0 and var length ? Domain.Codes.Parse<T>(buffer[..length]) : Domain.Codes.Parse<T>(Text(column));
    }

    public DateTime Time(int column)
    {
        Span<char> buffer = stackalloc char[Small];
        return Chars(column, buffer) is >= 0 and var length && Timestamps.TryReadExact(buffer[..length], out var time)
            ? time : Timestamps.Parse(Text(column));
    }

    private const int Small = 64;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _shared =
        new Dictionary<string, string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>A short ASCII text value copied into <paramref name="buffer"/>: its length, or -1 for a longer or non-ASCII one (read as a string instead).</summary>
    private int Chars(int column, Span<char> buffer)
    {
        var bytes = raw.sqlite3_column_blob(_statement, column);
        if (bytes.Length > buffer.Length) return -1;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] > 0x7f) return -1;
            buffer[i] = (char)bytes[i];
        }
        return bytes.Length;
    }

    private void Check(int rc) => SqliteStatements.Check(rc, _db);

    /// <summary>Resets the statement and keeps it with its connection for the next read of the same text.</summary>
    public void Dispose() => _kept.Dispose();
}

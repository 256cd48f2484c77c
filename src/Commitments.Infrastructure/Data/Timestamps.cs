using System.Data;
using System.Globalization;

namespace Commitments.Infrastructure.Data;

/// <summary>
/// Timestamps as the database hands them back, read as UTC: SQLite as text in the form Microsoft.Data.Sqlite writes, SQL Server as
/// a DateTime without a kind. Dapper's type handler and the typed report reader both read them here.
/// </summary>
public static class Timestamps
{
    /// <summary>The form Microsoft.Data.Sqlite writes a DateTime in (trailing zeros of the fraction, and its point, left out).</summary>
    public const string SqliteFormat = "yyyy-MM-dd HH:mm:ss.FFFFFFF";

    public static DateTime Read(object value) => value switch
    {
        DateTime dt => DateTime.SpecifyKind(dt, DateTimeKind.Utc),
        string text => Parse(text),
        _ => throw new DataException($"Cannot read a timestamp from a {value.GetType().Name}."),
    };

    /// <summary>
    /// SQLite's text, as <see cref="DateTime.TryParseExact(string, string, IFormatProvider, DateTimeStyles, out DateTime)"/> in
    /// <see cref="SqliteFormat"/> reads it, with the same answer; anything else (a hand-edited row) takes the slower general parse.
    /// The exact form is read by position first: a report reads tens of thousands of timestamps and the format parser is most of
    /// their cost.
    /// </summary>
    public static DateTime Parse(string text)
    {
        if (TryReadExact(text, out var fast)) return fast;
        if (DateTime.TryParseExact(text, SqliteFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var exact)) return exact;
        return DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }

    /// <summary>"yyyy-MM-dd HH:mm:ss" with an optional fraction of one to seven digits, read by position; false for anything else.</summary>
    internal static bool TryReadExact(ReadOnlySpan<char> s, out DateTime value)
    {
        value = default;
        if (s.Length != 19 && (s.Length < 21 || s.Length > 27 || s[19] != '.')) return false;
        if (s[4] != '-' || s[7] != '-' || s[10] != ' ' || s[13] != ':' || s[16] != ':') return false;
        if (!Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
            || !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second)) return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            return false;
        long ticks = 0;
        if (s.Length > 19)
        {
            if (!Digits(s, 20, s.Length - 20, out var fraction)) return false;
            ticks = fraction;
            for (var i = s.Length - 20; i < 7; i++) ticks *= 10;
        }
        value = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(ticks);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, int start, int length, out int value)
    {
        value = 0;
        for (var i = start; i < start + length; i++)
        {
            var d = s[i] - '0';
            if ((uint)d > 9) return false;
            value = value * 10 + d;
        }
        return true;
    }
}

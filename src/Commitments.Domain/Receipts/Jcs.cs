using System.Globalization;
using System.Text;

namespace Commitments.Domain.Receipts;

/// <summary>
/// RFC 8785 JSON canonicalisation (JCS) for the only values the record uses: strings, integers, booleans, null, arrays and
/// objects. Object members are sorted by their names' UTF-16 code units; strings escape only what JSON requires (quote,
/// backslash, control characters, the short forms \b \t \n \f \r and \u00xx otherwise); no whitespace; UTF-8 bytes.
/// Not a general serialiser on purpose: a float, or an integer beyond 2^53, is refused rather than written differently
/// from what another JCS implementation would write.
/// </summary>
public static class Jcs
{
    /// <summary>The largest integer every JCS implementation writes the same (IEEE 754 doubles are exact up to it).</summary>
    public const long MaxSafeInteger = 9_007_199_254_740_991;

    public static byte[] Bytes(object? value) => Encoding.UTF8.GetBytes(Text(value));

    public static string Text(object? value)
    {
        var text = new StringBuilder();
        Write(text, value);
        return text.ToString();
    }

    private static void Write(StringBuilder text, object? value)
    {
        switch (value)
        {
            case null: text.Append("null"); break;
            case bool b: text.Append(b ? "true" : "false"); break;
            case string s: WriteString(text, s); break;
            case int i: WriteInteger(text, i); break;
            case long l: WriteInteger(text, l); break;
            case IReadOnlyDictionary<string, object?> members:
                text.Append('{');
                var first = true;
                foreach (var name in members.Keys.Order(StringComparer.Ordinal))
                {
                    if (!first) text.Append(',');
                    first = false;
                    WriteString(text, name);
                    text.Append(':');
                    Write(text, members[name]);
                }
                text.Append('}');
                break;
            case System.Collections.IEnumerable items:
                text.Append('[');
                var any = false;
                foreach (var item in items)
                {
                    if (any) text.Append(',');
                    any = true;
                    Write(text, item);
                }
                text.Append(']');
                break;
            default: throw new ArgumentException($"JCS here writes strings, integers, booleans, null, arrays and objects, not {value.GetType().Name}.");
        }
    }

    private static void WriteInteger(StringBuilder text, long value)
    {
        if (value is > MaxSafeInteger or < -MaxSafeInteger) throw new ArgumentOutOfRangeException(nameof(value), "Beyond 2^53: not canonical in JCS.");
        text.Append(value.ToString(CultureInfo.InvariantCulture));
    }

    private static void WriteString(StringBuilder text, string value)
    {
        text.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\t': text.Append("\\t"); break;
                case '\n': text.Append("\\n"); break;
                case '\f': text.Append("\\f"); break;
                case '\r': text.Append("\\r"); break;
                case < ' ': text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default:
                    // A lone surrogate has no UTF-8 form: it would be written as U+FFFD and hash as something else.
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) text.Append(c).Append(value[++i]);
                    else if (char.IsSurrogate(c)) throw new ArgumentException("A string with a lone surrogate has no canonical form.");
                    else text.Append(c);
                    break;
            }
        }
        text.Append('"');
    }
}

using System.Globalization;
using CsvHelper;

namespace Commitments.Api.Http;

/// <summary>How every CSV the API writes keeps a spreadsheet from reading a cell as a formula or splitting it.</summary>
public static class CsvCells
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];
    private static readonly char[] Separators = [',', ';', '\t', '\r', '\n'];

    /// <summary>
    /// The writer's options for every CSV: invariant numbers and dates, and a cell holding any separator (, ; tab) double-quoted,
    /// since a spreadsheet in a locale whose list separator is ; or tab splits at it.
    /// </summary>
    public static readonly CsvWriterOptions Options = new()
    {
        Injection = CsvInjection.None, // Neutralise decides, for every cell
        FormatProvider = CultureInfo.InvariantCulture,
        ShouldQuote = (field, _, _, _) => field.IndexOfAny(Separators) >= 0,
    };

    /// <summary>
    /// A spreadsheet reads a cell as a formula when it starts with = + - @ tab or CR, and, in locales whose list separator is ;
    /// or tab, when any part after a separator does ("x;=1+2"). Such a cell gets a leading quote, so it stays text.
    /// </summary>
    public static string Neutralise(string field)
    {
        if (field.Length == 0) return field;
        if (Array.IndexOf(FormulaStarts, field[0]) >= 0) return "'" + field;
        foreach (var segment in field.Split(Separators))
        {
            var text = segment.TrimStart(' ');
            if (text.Length > 0 && Array.IndexOf(FormulaStarts, text[0]) >= 0) return "'" + field;
        }
        return field;
    }

    /// <summary>A cell as it was before <see cref="Neutralise"/>: what a spreadsheet's own download of a template sends back.</summary>
    public static string Original(string cell) => cell.StartsWith('\'') && Neutralise(cell[1..]) == cell ? cell[1..] : cell;
}

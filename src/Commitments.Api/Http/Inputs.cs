namespace Commitments.Api.Http;

/// <summary>Small checks on raw query values that the framework cannot express.</summary>
public static class Inputs
{
    /// <summary>Parses an optional snake_case vocabulary code from the query; a wrong one is a 400 naming the field.</summary>
    public static T? Code<T>(string? value, string field) where T : struct, Enum
    {
        if (value is null) return null;
        if (Codes.TryParse<T>(value, out var parsed)) return parsed;
        throw new RequestValidationException(field, $"'{Truncate(value)}' is not one of: {string.Join(", ", Codes.All<T>())}.");
    }

    /// <summary>Timestamps the client sends are read as UTC when they carry no offset.</summary>
    public static DateTime Utc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };

    /// <summary>True when <paramref name="raw"/> is a date-time whose UTC instant exists (no offset means UTC).</summary>
    public static bool IsInstant(string raw) => DateTimeOffset.TryParse(raw, System.Globalization.CultureInfo.InvariantCulture,
        System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AllowWhiteSpaces, out _);

    public static string Truncate(string value) => value.Length <= 60 ? value : value[..60] + "…";
}

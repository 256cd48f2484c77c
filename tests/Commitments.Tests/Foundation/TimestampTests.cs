using System.Globalization;
using Commitments.Infrastructure.Data;

namespace Commitments.Tests.Foundation;

public sealed class TimestampTests
{
    /// <summary>
    /// The positional read of SQLite's timestamp text gives what the exact-format parse gives, and leaves to it (and to the
    /// general parse) everything it does not read itself.
    /// </summary>
    [Theory]
    [InlineData("2024-01-01 00:05:00")]
    [InlineData("2026-11-27 05:28:28.3469329")]
    [InlineData("2026-11-27 05:28:28.5")]
    [InlineData("2026-11-27 05:28:28.05")]
    [InlineData("2026-11-27 05:28:28.0000001")]
    [InlineData("2024-02-29 23:59:59.9999999")]
    [InlineData("0001-01-01 00:00:00")]
    [InlineData("9999-12-31 23:59:59.9999999")]
    public void SqliteTextReadsAsTheExactFormatParseReadsIt(string text)
    {
        Assert.True(DateTime.TryParseExact(text, Timestamps.SqliteFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var expected));
        Assert.True(Timestamps.TryReadExact(text, out var read));
        Assert.Equal(expected, read);
        Assert.Equal(DateTimeKind.Utc, read.Kind);
        Assert.Equal(expected, Timestamps.Read(text));
    }

    [Theory]
    [InlineData("2023-02-29 00:00:00")]
    [InlineData("2024-13-01 00:00:00")]
    [InlineData("2024-01-01 24:00:00")]
    [InlineData("2024-01-01T00:00:00")]
    [InlineData("2024-01-01 00:00:00.")]
    [InlineData("2024-01-01 00:00:00.12345678")]
    [InlineData("2024-01-01 00:00:00Z")]
    [InlineData("2024-01-01")]
    [InlineData("2024-01-01 0a:00:00")]
    public void AnythingElseIsLeftToTheParsers(string text) => Assert.False(Timestamps.TryReadExact(text, out _));

    [Fact]
    public void OtherFormsStillReadAsUtc()
    {
        Assert.Equal(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), Timestamps.Read("2024-01-01T00:00:00Z"));
        Assert.Equal(DateTimeKind.Utc, Timestamps.Read(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Unspecified)).Kind);
    }
}

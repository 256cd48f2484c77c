using Commitments.Tests.Support;

namespace Commitments.Tests.Trust;

/// <summary>
/// A spreadsheet in a locale whose list separator is ; or tab splits a cell there and reads each part, so text with a
/// formula after a separator is quoted too, not only text that starts with one.
/// </summary>
public sealed class CsvFormulaTests
{
    [Theory]
    [InlineData("x;=1+2")]
    [InlineData("see,@cmd")]
    [InlineData("a; +HYPERLINK(1)")]
    [InlineData("ok\t-1")]
    public async Task AFormulaAfterAnySeparatorCannotRunInASpreadsheet(string message)
    {
        await using var api = await TestApi.StartAsync();
        var gb = await api.LiaisonAsync("GB");
        var json = System.Text.Json.JsonSerializer.SerializeToNode(Filing.Body(cycle: "seoul-2024", submit: true), HttpAssertions.Web)!;
        json["mainMessage"] = message;
        await gb.FileAsync(json);
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/cycles/seoul-2024/briefing-pack");
        request.Headers.Accept.ParseAdd("text/csv");
        var csv = await (await api.Secretariat().SendAsync(request)).Content.ReadAsStringAsync();
        var line = csv.Split('\n').Single(l => l.Contains(",GB,United Kingdom,BD-1,", StringComparison.Ordinal));
        Assert.Contains("'" + message, line);
    }
}

using Commitments.Tests.Support;

namespace Commitments.Tests.Reliability;

public sealed class ReportEscapingTests
{
    [Theory]
    [InlineData("=SUM(A1:A9)")]
    [InlineData("+1+1")]
    [InlineData("-2+3")]
    [InlineData("@cmd")]
    // A spreadsheet in a locale whose list separator is ; or tab splits a cell there and reads each part as a formula.
    [InlineData("x;=1+2")]
    [InlineData("see,@cmd")]
    [InlineData("a; +HYPERLINK(1)")]
    [InlineData("ok\t-1")]
    public async Task TextInCsvCannotRunAsASpreadsheetFormula(string message)
    {
        await using var api = await TestApi.StartAsync();
        var gb = await api.LiaisonAsync("GB");
        var body = Filing.Body(cycle: "seoul-2024", submit: true);
        var json = System.Text.Json.JsonSerializer.SerializeToNode(body, HttpAssertions.Web)!;
        json["mainMessage"] = message;
        await gb.FileAsync(json);
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/cycles/seoul-2024/briefing-pack");
        request.Headers.Accept.ParseAdd("text/csv");
        var csv = await (await api.Secretariat().SendAsync(request)).Content.ReadAsStringAsync();
        // The cell's row carries the main message (the late list's row for the same obligation does not).
        var line = csv.Split('\n').Single(l => l.StartsWith("cell,", StringComparison.Ordinal) && l.Contains(",GB,United Kingdom,BD-1,", StringComparison.Ordinal));
        Assert.DoesNotContain("," + message, line);
        Assert.Contains("'" + message, line);
    }

    [Fact]
    public async Task TextInTheHtmlPackIsEscaped()
    {
        await using var api = await TestApi.StartAsync();
        var gb = await api.LiaisonAsync("GB");
        var json = System.Text.Json.JsonSerializer.SerializeToNode(Filing.Body(cycle: "seoul-2024", submit: true), HttpAssertions.Web)!;
        json["mainMessage"] = "<img src=x onerror=alert(1)> & \"quotes\"";
        await gb.FileAsync(json);
        await (await api.Secretariat().PatchAsync("/v1/participants/GB", HttpAssertions.Json("""{"name":"<b>United</b> Kingdom"}"""))).AssertOkAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/cycles/seoul-2024/briefing-pack");
        request.Headers.Accept.ParseAdd("text/html");
        var html = await (await api.Secretariat().SendAsync(request)).Content.ReadAsStringAsync();
        Assert.DoesNotContain("<img src=x", html);
        Assert.DoesNotContain("<b>United</b>", html);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html);
    }
}

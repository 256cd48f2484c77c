using System.Diagnostics;
using System.Net.Http.Json;
using Commitments.Tests.Support;

namespace Commitments.Tests.Reports;

/// <summary>Opens the printable pack in Debian's headless Chromium: the heat map and the late list must render.</summary>
[Trait("Category", "Drill")] // launches headless Chromium
public sealed class PrintablePackBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    private static async Task<(int Exit, string Output)> RunChromiumAsync(params string[] args)
    {
        var info = new ProcessStartInfo(Chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--no-first-run", "--disable-quic", $"--user-data-dir={Directory.CreateTempSubdirectory("chromium").FullName}", .. args])
            info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("Chromium did not finish within 90 s.");
        }
        await stderr;
        return (process.ExitCode, await stdout);
    }

    [SkippableFact]
    public async Task TheHeatMapAndLateListRenderAndAScreenshotIsSaved()
    {
        Skip.IfNot(File.Exists(Chromium), $"Debian's chromium is not installed at {Chromium} (.ci/run installs it); the browser check is skipped.");
        await using var api = await TestApi.StartAsync();
        var gb = await api.LiaisonAsync("GB");
        // In the main message, which the printable pack shows (it shows no summaries).
        await gb.FileAsync(Filing.Body(cycle: "seoul-2024", status: "complete", submit: true,
            mainMessage: "<script>alert('x')</script> on track"));
        await gb.FileAsync(Filing.Body(cycle: "seoul-2024", commitment: "BD-2", submit: true));
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/cycles/seoul-2024/briefing-pack");
        request.Headers.Accept.ParseAdd("text/html");
        var html = await (await api.Secretariat().SendAsync(request)).Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;alert(", html);

        var folder = Directory.CreateTempSubdirectory("pack").FullName;
        var page = Path.Combine(folder, "pack.html");
        await File.WriteAllTextAsync(page, html);

        var (exit, dom) = await RunChromiumAsync("--dump-dom", new Uri(page).AbsoluteUri);
        Assert.True(exit == 0, "chromium --dump-dom failed");
        Assert.Contains("id=\"heat-map\"", dom);
        var cells = dom.Split("class=\"cell\"").Length - 1;
        Assert.True(cells >= 29 * 24, $"the heat map has {cells} cells");
        Assert.Contains("data-participant=\"GB\" data-commitment=\"BD-1\" data-mark=\"complete\"", dom);
        Assert.Contains("id=\"late-list\"", dom);
        Assert.Contains("<td>United Arab Emirates</td><td>BD-1</td><td>missing</td>", dom);

        var screenshot = Path.Combine(Repo.Artefacts, "briefing-pack.png");
        File.Delete(screenshot);
        var (shotExit, _) = await RunChromiumAsync("--hide-scrollbars", "--window-size=1754,1240", $"--screenshot={screenshot}", new Uri(page).AbsoluteUri);
        Assert.Equal(0, shotExit);
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot is suspiciously small");
        var pdf = Path.Combine(Repo.Artefacts, "briefing-pack.pdf");
        var (pdfExit, _) = await RunChromiumAsync("--no-pdf-header-footer", $"--print-to-pdf={pdf}", new Uri(page).AbsoluteUri);
        Assert.Equal(0, pdfExit);
        Assert.True(new FileInfo(pdf).Length > 5_000);
    }
}

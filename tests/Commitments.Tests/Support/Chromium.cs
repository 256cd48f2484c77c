using System.Diagnostics;

namespace Commitments.Tests.Support;

/// <summary>Debian's headless Chromium, run as a process: prints pages to PDF, dumps the DOM, takes screenshots.</summary>
public static class Chromium
{
    public const string Path = "/usr/bin/chromium";

    public static bool Installed => File.Exists(Path);

    public static async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var info = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--no-first-run", "--disable-quic", $"--user-data-dir={Directory.CreateTempSubdirectory("chromium").FullName}", .. args])
            info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("Chromium did not finish within 120 s.");
        }
        await stderr;
        return (process.ExitCode, await stdout);
    }

    /// <summary>Prints an HTML file to PDF from its own print CSS (no Chromium header or footer) and returns the PDF's path.</summary>
    public static async Task<string> PrintAsync(string htmlPath, string pdfPath)
    {
        File.Delete(pdfPath);
        var (exit, _) = await RunAsync("--no-pdf-header-footer", $"--print-to-pdf={pdfPath}", new Uri(htmlPath).AbsoluteUri);
        Assert.True(exit == 0 && File.Exists(pdfPath), $"chromium --print-to-pdf exited {exit}");
        return pdfPath;
    }
}

using System.Diagnostics;
using System.Net;

namespace Commitments.Tests.Support;

/// <summary>The API as a real process (dotnet Commitments.Api.dll), for start-up, crash and shutdown drills.</summary>
public sealed partial class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _output = new();

    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ApiProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Received(e.Data);
        process.ErrorDataReceived += (_, e) => Received(e.Data);
        process.Exited += (_, _) => _listening.TrySetException(new InvalidOperationException("The API exited before it listened."));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    private void Received(string? line)
    {
        lock (_output) _output.AppendLine(line);
        // Kestrel bound port 0 to a port of the system's choosing; Microsoft.Hosting.Lifetime names it.
        if (line is not null && ListeningOn().Match(line) is { Success: true } match) _listening.TrySetResult(new Uri(match.Groups[1].Value));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial System.Text.RegularExpressions.Regex ListeningOn();

    /// <summary>Where the process listens: known once <see cref="StartAsync"/> has returned.</summary>
    public Uri Address => _listening.Task.IsCompletedSuccessfully ? _listening.Task.Result : throw new InvalidOperationException("not listening yet");
    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    private static string ApiDll => Path.Combine(AppContext.BaseDirectory, "Commitments.Api.dll");

    private static ProcessStartInfo StartInfo(IDictionary<string, string> environment, string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet", [ApiDll, .. args])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (k, v) in environment) info.Environment[k] = v;
        return info;
    }

    /// <summary>Runs the API expecting it to stop by itself (a refused start); kills it after 60 s.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(Dictionary<string, string> environment, string workingDirectory,
        params string[] args)
    {
        using var process = Process.Start(StartInfo(environment, workingDirectory, args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The API did not stop by itself within 60 s.");
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>A fresh folder with a SQLite file path in it, for a process of its own.</summary>
    public static (string Folder, Dictionary<string, string> Environment) FreshSqlite()
    {
        var folder = Path.Combine(Path.GetTempPath(), "commitments-tests", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(folder);
        return (folder, new Dictionary<string, string>
        {
            ["Database__Provider"] = "Sqlite",
            ["ConnectionStrings__Commitments"] = $"Data Source={Path.Combine(folder, "commitments.db")};Default Timeout=5",
        });
    }

    /// <summary>
    /// Starts the API on a loopback port it binds itself (port 0: a port picked here and released could be taken by another
    /// test's connection before the API binds it) and waits until /health/ready answers 200.
    /// </summary>
    public static async Task<ApiProcess> StartAsync(Dictionary<string, string> environment, string workingDirectory)
    {
        var env = new Dictionary<string, string>(environment)
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information", // "Now listening on: ..."
        };
        var api = new ApiProcess(Process.Start(StartInfo(env, workingDirectory))!);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        Uri address;
        try
        {
            address = await api._listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            await api.DisposeAsync(); // waits for the process's output to be read to its end: the reason is usually its last lines
            throw new InvalidOperationException("The API did not start listening:\n" + api.Output, e);
        }
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
        while (DateTime.UtcNow < deadline)
        {
            if (api.HasExited) throw new InvalidOperationException("The API exited during start:\n" + api.Output);
            try
            {
                if ((await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK) return api;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // not answering yet
            }
            await Task.Delay(100);
        }
        await api.DisposeAsync();
        throw new TimeoutException("The API was not ready within 60 s:\n" + api.Output);
    }

    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>Sends SIGTERM, as a service manager does on shutdown.</summary>
    public void Terminate() => Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();

    public Task WaitForExitAsync(CancellationToken ct) => _process.WaitForExitAsync(ct);
    public int ExitCode => _process.ExitCode;

    private bool _disposed;

    /// <summary>Kills the process if it still runs; safe to call twice (a test that stops it early is also disposed at its end).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(); // also until its redirected output has been read to the end
        _process.Dispose();
    }
}

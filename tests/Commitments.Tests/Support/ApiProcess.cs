using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Commitments.Tests.Support;

/// <summary>The API as a real process (dotnet Commitments.Api.dll), for start-up, crash and shutdown drills.</summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _output = new();

    private ApiProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Address { get; }
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

    /// <summary>Starts the API on a free loopback port and waits until /health/ready answers 200.</summary>
    public static async Task<ApiProcess> StartAsync(Dictionary<string, string> environment, string workingDirectory)
    {
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var env = new Dictionary<string, string>(environment) { ["ASPNETCORE_URLS"] = address.ToString() };
        var api = new ApiProcess(Process.Start(StartInfo(env, workingDirectory))!, address);
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private bool _disposed;

    /// <summary>Kills the process if it still runs; safe to call twice (a test that stops it early is also disposed at its end).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}

using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Commitments.Tests.Support;

namespace Commitments.Tests.Reliability;

/// <summary>Drills against the real server process: graceful shutdown and the limits Kestrel enforces.</summary>
[Trait("Category", "Drill")] // starts and SIGTERMs the real process
public sealed class ProcessLimitsTests
{
    private const string Secret = "cmt_process-drill-secretariat-key-000000000000";

    private static async Task<ApiProcess> StartAsync()
    {
        var (folder, env) = ApiProcess.FreshSqlite();
        env["COMMITMENTS_BOOTSTRAP_KEY"] = Secret;
        return await ApiProcess.StartAsync(env, folder);
    }

    [Fact]
    public async Task SigtermLetsAnInFlightRequestFinishAndRefusesNewConnections()
    {
        var (folder, env) = ApiProcess.FreshSqlite();
        env["COMMITMENTS_BOOTSTRAP_KEY"] = Secret;
        env["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information"; // "Request starting": both are in flight
        // The filing waits for the held lock for up to a minute, not the usual 5 s: on a slow machine the waits below must not
        // turn it into a 503 before the lock is let go.
        env["ConnectionStrings__Commitments"] = env["ConnectionStrings__Commitments"].Replace("Default Timeout=5", "Default Timeout=60");
        await using var api = await ApiProcess.StartAsync(env, folder);
        // Hold the write lock so that the next filing stays in flight, waiting for the database.
        await using var holder = new Microsoft.Data.Sqlite.SqliteConnection(env["ConnectionStrings__Commitments"]);
        await holder.OpenAsync();
        await using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE";
            await begin.ExecuteNonQueryAsync();
        }

        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(Filing.Body(cycle: "seoul-2024", submit: true), HttpAssertions.Web));
        var (inFlight, inFlightStream) = await SendAsync(api, body, body.Length);
        var (cutShort, cutShortStream) = await SendAsync(api, body, body.Length / 2); // its body only half sent
        // Both requests have started (not a fixed sleep: a loaded machine may take longer to read them).
        for (var i = 0; i < 600 && Count(api.Output, "Request starting HTTP/1.1 POST") < 2; i++) await Task.Delay(50);
        Assert.True(Count(api.Output, "Request starting HTTP/1.1 POST") >= 2, "the two requests never started:\n" + api.Output);
        await Task.Delay(200);

        api.Terminate();
        // New connections are refused soon after SIGTERM while the in-flight request still waits for the database.
        Exception? refused = null;
        for (var i = 0; i < 150 && refused is null; i++)
        {
            using var late = new TcpClient();
            refused = await Record.ExceptionAsync(() => late.ConnectAsync(IPAddress.Loopback, api.Address.Port));
            if (refused is null) await Task.Delay(100);
        }
        Assert.IsType<SocketException>(refused);
        await using (var rollback = holder.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync();
        }

        var finished = await new StreamReader(inFlightStream, Encoding.UTF8).ReadToEndAsync();
        Assert.True(finished.StartsWith("HTTP/1.1 201", StringComparison.Ordinal), finished + "\n---\n" + api.Output);
        var stopped = await new StreamReader(cutShortStream, Encoding.UTF8).ReadToEndAsync();
        Assert.True(stopped.Length == 0 || stopped.StartsWith("HTTP/1.1 503", StringComparison.Ordinal), stopped);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await api.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, api.ExitCode);
        inFlight.Dispose();
        cutShort.Dispose();
    }

    private static int Count(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    private static async Task<(TcpClient, NetworkStream)> SendAsync(ApiProcess api, byte[] body, int sendBytes)
    {
        var socket = new TcpClient();
        await socket.ConnectAsync(IPAddress.Loopback, api.Address.Port);
        var stream = socket.GetStream();
        var head = $"POST /v1/updates HTTP/1.1\r\nHost: localhost\r\nX-Api-Key: {Secret}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(body.AsMemory(0, sendBytes));
        return (socket, stream);
    }

    [Fact]
    public async Task OversizedHeadersAndBodiesAreRefusedByTheRealServer()
    {
        await using var api = await StartAsync();
        using var client = new HttpClient { BaseAddress = api.Address };
        var big = new HttpRequestMessage(HttpMethod.Get, "/v1/instruments");
        big.Headers.TryAddWithoutValidation("X-Padding", new string('p', 40 * 1024));
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, (await client.SendAsync(big)).StatusCode);

        // A body with no declared length, streamed past the limit, is cut off too.
        var chunked = new HttpRequestMessage(HttpMethod.Post, "/v1/updates") { Content = new StreamContent(new EndlessJson()) };
        chunked.Headers.Add("X-Api-Key", Secret);
        chunked.Content.Headers.ContentType = new("application/json");
        chunked.Headers.TransferEncodingChunked = true;
        var response = await client.SendAsync(chunked);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>'{"summary":"xxxx…' for 1 MiB, read in small pieces.</summary>
    private sealed class EndlessJson : Stream
    {
        private long _sent;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _sent; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_sent >= 1024 * 1024) return 0;
            var n = Math.Min(count, 8192);
            for (var i = 0; i < n; i++) buffer[offset + i] = _sent + i < 12 ? (byte)"{\"summary\":\""[(int)(_sent + i)] : (byte)'x';
            _sent += n;
            return n;
        }
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Commitments.Tests.Support;
using Xunit.Abstractions;

namespace Commitments.Tests.Lockout;

/// <summary>One address holding many idle sockets cannot keep another client out of the real server.</summary>
[Trait("Category", "Drill")] // starts the real process and opens 2,000 sockets
public sealed class ConnectionBudgetDrill(ITestOutputHelper output)
{
    private const int IdleSockets = 2_000;

    [Fact]
    public async Task TwoThousandIdleSocketsFromOneAddressDoNotKeepAnotherClientOut()
    {
        var (folder, env) = ApiProcess.FreshSqlite();
        await using var api = await ApiProcess.StartAsync(env, folder);
        _port = api.Address.Port;
        var idle = new List<Socket>(IdleSockets);
        var sinceFirstConnect = Stopwatch.StartNew();
        try
        {
            // From 127.0.0.1, sending nothing; in batches of 100 so the listen backlog is not the limit being tested.
            for (var batch = 0; batch < IdleSockets; batch += 100)
            {
                var sockets = Enumerable.Range(0, 100).Select(_ => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)).ToList();
                idle.AddRange(sockets);
                await Task.WhenAll(sockets.Select(ConnectAsync));
            }

            // Another client: a second loopback address (Linux routes 127.0.0.0/8 to lo), so the server sees another IP.
            var watch = Stopwatch.StartNew();
            using var other = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            other.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 0));
            // Within 5 s: half the 10 s header timeout, so it is answered while the idle sockets are still held, not after.
            using var answered = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await other.ConnectAsync(IPAddress.Loopback, api.Address.Port, answered.Token);
            await other.SendAsync(Encoding.ASCII.GetBytes("GET /health/live HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), answered.Token);
            var response = await ReadToEndAsync(other, answered.Token);
            watch.Stop();
            output.WriteLine($"GET /health/live from 127.0.0.2 answered in {watch.ElapsedMilliseconds} ms beside {IdleSockets} idle sockets from 127.0.0.1");
            Assert.True(response.StartsWith("HTTP/1.1 200", StringComparison.Ordinal), response + "\n---\n" + api.Output);

            // The server holds at most the budget of them, and closes even those that never send a byte. A socket it holds is
            // closed by the 10 s header timeout, so not before about 9 s after the first connect (Kestrel checks timeouts once a
            // second); one over the budget is closed as soon as it is accepted, which even a loaded machine does well within 8 s.
            var closedAt = await Task.WhenAll(idle.Select(s => SecondsUntilClosedAsync(s, sinceFirstConnect, TimeSpan.FromSeconds(30))));
            var held = closedAt.Count(t => t >= HeldAfterSeconds);
            output.WriteLine($"server closed {IdleSockets - held} within {closedAt.Where(t => t < HeldAfterSeconds).DefaultIfEmpty().Max():F1} s "
                + $"of the first connect, and {held} it held within {closedAt.Max():F1} s");
            Assert.True(held <= 100, $"{held} idle sockets were held until the header timeout: more than the budget of 100");
            Assert.True(closedAt.All(t => t < 30), "an idle socket was held for 30 s");
        }
        finally
        {
            foreach (var socket in idle) socket.Dispose();
        }
    }

    /// <summary>Connects; a reset during the handshake (the server refusing one over the budget) counts as closed.</summary>
    private async Task ConnectAsync(Socket socket)
    {
        try
        {
            await socket.ConnectAsync(IPAddress.Loopback, _port);
        }
        catch (SocketException)
        {
            // refused at once; SecondsUntilClosedAsync sees it closed
        }
    }

    private int _port;

    private static async Task<string> ReadToEndAsync(Socket socket, CancellationToken ct)
    {
        var text = new StringBuilder();
        var buffer = new byte[4096];
        int n;
        while ((n = await socket.ReceiveAsync(buffer, ct)) > 0) text.Append(Encoding.ASCII.GetString(buffer, 0, n));
        return text.ToString();
    }

    private const double HeldAfterSeconds = 8;

    /// <summary>Seconds on <paramref name="watch"/> when the server closes the socket (EOF or reset), at most <paramref name="limit"/>.</summary>
    private static async Task<double> SecondsUntilClosedAsync(Socket socket, Stopwatch watch, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit - watch.Elapsed);
        try
        {
            while (socket.Connected && await socket.ReceiveAsync(new byte[64], timeout.Token) > 0) { }
        }
        catch (SocketException)
        {
            // reset: closed
        }
        catch (OperationCanceledException)
        {
            return limit.TotalSeconds;
        }
        return watch.Elapsed.TotalSeconds;
    }
}

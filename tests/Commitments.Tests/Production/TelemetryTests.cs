using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Commitments.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Commitments.Tests.Production;

/// <summary>Traces and metrics go to an OTLP endpoint when one is configured, and nowhere (with nothing failing) otherwise.</summary>
public sealed class TelemetryTests
{
    /// <summary>A stand-in OTLP/HTTP collector: keeps each request's path and body (protobuf, whose strings are plain UTF-8).</summary>
    private sealed class Collector : IDisposable
    {
        private HttpListener _listener = new();
        public ConcurrentQueue<(string Path, byte[] Body)> Received { get; } = new();
        public string Address { get; } = "";

        public Collector()
        {
            // A free port can be taken by another test between the probe and the listener's start: try again on another.
            for (var attempt = 1; ; attempt++)
            {
                var probe = new TcpListener(IPAddress.Loopback, 0);
                probe.Start();
                var port = ((IPEndPoint)probe.LocalEndpoint).Port;
                probe.Stop();
                try
                {
                    _listener = new HttpListener();
                    _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
                    _listener.Start();
                    Address = $"http://127.0.0.1:{port}";
                    break;
                }
                catch (HttpListenerException) when (attempt < 5)
                {
                    _listener.Close();
                }
            }
            _ = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    HttpListenerContext context;
                    try { context = await _listener.GetContextAsync(); }
                    catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
                    using var body = new MemoryStream();
                    await context.Request.InputStream.CopyToAsync(body);
                    Received.Enqueue((context.Request.Url!.AbsolutePath, body.ToArray()));
                    context.Response.StatusCode = 200;
                    context.Response.Close();
                }
            });
        }

        public bool Saw(string path, string text) =>
            Received.Any(r => r.Path == path && Encoding.UTF8.GetString(r.Body).Contains(text, StringComparison.Ordinal));

        public void Dispose() => _listener.Close();
    }

    [Fact]
    public async Task AFilingIsTracedWithItsDatabaseSpansAndCountedWhenAnEndpointIsSet()
    {
        using var collector = new Collector();
        await using var api = await TestApi.StartAsync(settings: new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Address,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
        });
        await api.CreateOpenCycleAsync();
        const string secretMessage = "Not for any span: the minister's draft wording.";
        // The key's secret and the restricted words must reach no span or metric. (The activity sources are process-wide, so
        // spans of other test hosts may arrive too: the checks name this test's own secret and words.)
        var (_, secret) = await api.IssueKeyAsync("liaison", "GB");
        await api.As(secret).FileAsync(Filing.Body(mainMessage: secretMessage, confidentiality: "restricted"));

        // Wait for what is asserted below: spans arrive in export batches, and an earlier statement's span (the key, the
        // cycle) may arrive before the filing's own.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline
               && !(collector.Saw("/v1/traces", "command FileUpdate") && collector.Saw("/v1/traces", "INSERT INTO update_revisions")
                    && collector.Saw("/v1/traces", "INSERT INTO log_nodes") && collector.Saw("/v1/metrics", "commitments.commands")))
            await Task.Delay(100);

        Assert.True(collector.Saw("/v1/traces", "command FileUpdate"), "no span for the command");
        Assert.True(collector.Saw("/v1/traces", "INSERT INTO update_revisions"), "no database span for the revision");
        // The log's nodes are written at the COMMIT, outside the session's statements: they are traced all the same.
        Assert.True(collector.Saw("/v1/traces", "INSERT INTO log_nodes"), "no database span for the log's nodes");
        Assert.True(collector.Saw("/v1/metrics", "commitments.commands"), "no command metric");
        Assert.DoesNotContain(collector.Received, r => Encoding.UTF8.GetString(r.Body).Contains(secretMessage, StringComparison.Ordinal));
        Assert.DoesNotContain(collector.Received, r => Encoding.UTF8.GetString(r.Body).Contains(secret, StringComparison.Ordinal));
        Assert.DoesNotContain(collector.Received, r => Encoding.UTF8.GetString(r.Body).Contains(TestApi.SecretariatSecret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task NothingIsCollectedWithoutAnEndpoint()
    {
        await using var api = await TestApi.StartAsync();
        Assert.Null(api.Services.GetService<TracerProvider>());
        await api.CreateOpenCycleAsync();
        await (await api.LiaisonAsync("GB")).FileAsync(Filing.Body());
    }
}

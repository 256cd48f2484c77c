using System.Diagnostics;
using System.Diagnostics.Metrics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Commitments.Api.Hosting;

/// <summary>
/// Traces and metrics, exported over OTLP only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the standard OTEL_*
/// settings, from the environment or configuration, choose protocol and intervals); nothing is collected otherwise.
/// Spans and metrics carry names, routes, commands and outcomes: never a key, a request body or update content.
/// </summary>
public static class Telemetry
{
    public const string Name = "Commitments.Api";
    public const string EndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);

    /// <summary>Commands handled, by command and outcome (committed, refused, failed).</summary>
    public static readonly Counter<long> Commands = Meter.CreateCounter<long>("commitments.commands", "{command}", "Commands handled, by outcome");
    public static readonly Histogram<double> CommandDuration =
        Meter.CreateHistogram<double>("commitments.command.duration", "ms", "Time to handle a command, writer-slot wait included");
    public static readonly Histogram<double> PackBuild = Meter.CreateHistogram<double>("commitments.pack.build", "ms", "Time to compute a report");
    public static readonly Counter<long> RateLimited = Meter.CreateCounter<long>("commitments.rate_limited", "{request}", "Requests refused with 429");

    public static bool Enabled(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[EndpointSetting]);

    public static IServiceCollection AddCommitmentsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (!Enabled(configuration)) return services;
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("commitments-api"))
            .WithTracing(t => t
                .AddSource(Name, Infrastructure.Data.DbTelemetry.SourceName)
                .AddAspNetCoreInstrumentation(o => o.Filter = c => !c.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddSqlClientInstrumentation())
            .WithMetrics(m => m
                .AddMeter(Name)
                .AddAspNetCoreInstrumentation())
            .UseOtlpExporter();
        return services;
    }
}

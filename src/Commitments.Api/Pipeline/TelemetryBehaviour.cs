using System.Diagnostics;
using Commitments.Api.Hosting;

namespace Commitments.Api.Pipeline;

/// <summary>
/// The outermost behaviour: a span and a count per command, by its name and outcome (committed, refused with an expected
/// failure, or failed with an exception), and its duration, the wait for the writer slot included.
/// </summary>
public sealed class TelemetryBehaviour<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse> where TMessage : IBaseCommand
{
    private static readonly string CommandName = typeof(TMessage).DeclaringType?.Name ?? typeof(TMessage).Name;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken ct)
    {
        using var activity = Telemetry.Source.StartActivity($"command {CommandName}");
        var started = Stopwatch.GetTimestamp();
        var outcome = "failed";
        try
        {
            var response = await next(message, ct);
            outcome = response is IOutcome { Failure: not null } ? "refused" : "committed";
            return response;
        }
        finally
        {
            activity?.SetTag("commitments.command", CommandName);
            activity?.SetTag("commitments.outcome", outcome);
            var tags = new TagList { { "command", CommandName }, { "outcome", outcome } };
            Telemetry.Commands.Add(1, tags);
            Telemetry.CommandDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, tags);
        }
    }
}

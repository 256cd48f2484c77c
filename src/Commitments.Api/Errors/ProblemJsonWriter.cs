using System.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Commitments.Api.Errors;

/// <summary>
/// The one writer of problem documents: always <c>application/problem+json</c>, whatever the request's Accept header says.
/// The framework's writer declines an Accept without JSON (text/csv, text/html, as pack clients send), and the refusal
/// it was to write became an empty 500.
/// </summary>
public sealed class ProblemJsonWriter(IOptions<JsonOptions> json) : IProblemDetailsWriter
{
    public const string ContentType = "application/problem+json";

    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        var status = problem.Status ??= http.Response.StatusCode;
        // The framework fills in the RFC section of the status; the API's own type for the status says more, and is what the document lists.
        if (problem.Type is null || problem.Type.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal)) problem.Type = ProblemTypes.For(status);
        problem.Title ??= ReasonPhrases.GetReasonPhrase(status);
        // The id the request's log lines carry, so a caller can quote it.
        problem.Extensions.TryAdd("traceId", Activity.Current?.Id ?? http.TraceIdentifier);
        // Every 400 names what is at fault, as its schema says: a refusal of the body as a whole (an unreadable upload) names body.
        if (status == StatusCodes.Status400BadRequest && problem is not HttpValidationProblemDetails && !problem.Extensions.ContainsKey("errors"))
            problem.Extensions["errors"] = new Dictionary<string, string[]> { ["body"] = [problem.Detail ?? problem.Title ?? "The request is invalid."] };
        return new ValueTask(http.Response.WriteAsJsonAsync(problem, problem.GetType(), json.Value.SerializerOptions, ContentType));
    }
}

public static class ProblemResponseSetup
{
    /// <summary>The problem details service with <see cref="ProblemJsonWriter"/> as its only writer.</summary>
    public static IServiceCollection AddProblemResponses(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.RemoveAll<IProblemDetailsWriter>();
        services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>();
        return services;
    }
}

using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Commitments.Api.Http;

/// <summary>Expected refusals of reads as typed results, so OpenAPI infers them from the endpoint's return type.</summary>
public static class Problems
{
    public static NotFoundProblem NotFound(string what, string id) => NotFound(Failure.NotFound(what, id));

    public static NotFoundProblem NotFound(Failure failure) => new(failure.Detail);
}

/// <summary>
/// 404 written like every other problem (application/problem+json, through the problem details service), which
/// <c>NotFound&lt;ProblemDetails&gt;</c> is not: it writes application/json.
/// </summary>
public sealed class NotFoundProblem(string detail) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<ProblemDetails>
{
    public ProblemDetails Value { get; } = new() { Status = StatusCodes.Status404NotFound, Title = "Not found", Detail = detail };
    public int? StatusCode => StatusCodes.Status404NotFound;
    object? IValueHttpResult.Value => Value;

    public Task ExecuteAsync(HttpContext httpContext) => TypedResults.Problem(Value).ExecuteAsync(httpContext);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status404NotFound, typeof(ProblemDetails), ["application/problem+json"]));
}

/// <summary>406 as problem details (always application/problem+json), listing the types the resource offers.</summary>
public sealed class NotAcceptableProblem(IReadOnlyList<string> offered) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<ProblemDetails>
{
    public ProblemDetails Value { get; } = new()
    {
        Status = StatusCodes.Status406NotAcceptable,
        Title = "Not acceptable",
        Detail = $"This resource is available as {string.Join(", ", offered)}; ask for one of them in Accept (or send */*).",
        Extensions = { ["available"] = offered },
    };

    public int? StatusCode => StatusCodes.Status406NotAcceptable;
    object? IValueHttpResult.Value => Value;

    public Task ExecuteAsync(HttpContext httpContext) => TypedResults.Problem(Value).ExecuteAsync(httpContext);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status406NotAcceptable, typeof(ProblemDetails), ["application/problem+json"]));
}

using System.Data.Common;
using System.Text.Json;
using Commitments.Infrastructure.Data;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Commitments.Api.Errors;

/// <summary>The one place exceptions become RFC 9457 problem details.</summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, Database database, ILogger<ProblemExceptionHandler> logger, IHostEnvironment env)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var problem = exception switch
        {
            ValidationException v => Validation(v),
            BadHttpRequestException b => BadRequest(b),
            RequestValidationException r => Invalid(new Dictionary<string, string[]> { [r.Field] = [r.Message] }),
            KeyNoLongerValidException k => Unauthenticated(context, k),
            // Only what may pass with time is a 503; a constraint or syntax error is a fault of ours, a logged 500.
            DbException d when database.Dialect.IsTransient(d) => Unavailable(context),
            TimeoutException => Unavailable(context),
            OperationCanceledException when !context.RequestAborted.IsCancellationRequested => ShuttingDown(context),
            _ => null,
        };
        if (problem is null && context.RequestAborted.IsCancellationRequested)
        {
            context.Response.StatusCode = 499; // client went away: nothing to tell it
            return true;
        }
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", context.Request.Method, context.Request.Path);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "An unexpected error occurred",
                Detail = env.IsDevelopment() ? exception.ToString() : "The error has been logged; quote the traceId when reporting it.",
            };
        }
        else if (problem.Status >= 500)
        {
            logger.LogWarning("{Title} for {Method} {Path}: {Message}", problem.Title, context.Request.Method, context.Request.Path, exception.Message);
        }
        context.Response.StatusCode = problem.Status ?? 500;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails Unauthenticated(HttpContext context, KeyNoLongerValidException k)
    {
        context.Response.Headers.WWWAuthenticate = "ApiKey";
        return new ProblemDetails { Status = StatusCodes.Status401Unauthorized, Title = "Authentication required", Detail = k.Message };
    }

    private static ProblemDetails Validation(ValidationException v) =>
        Invalid(v.Errors.GroupBy(e => FieldName(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()));

    /// <summary>'Body.Evidence[0].Url' names the JSON field 'evidence[0].url'; header names stay as they are.</summary>
    internal static string FieldName(string? property)
    {
        if (string.IsNullOrEmpty(property) || property == "Body") return "body";
        if (property.StartsWith("Body.", StringComparison.Ordinal)) property = property[5..];
        if (property.Contains('-')) return property;
        return string.Join('.', property.Split('.').Select(segment => JsonNamingPolicy.CamelCase.ConvertName(segment)));
    }

    private static ProblemDetails Invalid(IDictionary<string, string[]> errors) =>
        new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request is invalid",
            Detail = "See errors: each names the field at fault.",
        };

    private static ProblemDetails BadRequest(BadHttpRequestException b)
    {
        if (b.StatusCode == StatusCodes.Status413PayloadTooLarge)
            return new ProblemDetails { Status = 413, Title = "Request body too large", Detail = b.Message };
        // The endpoint refuses a body of another media type (after authorization: routing's accepts policy is removed).
        if (b.StatusCode == StatusCodes.Status415UnsupportedMediaType)
            return new ProblemDetails { Status = 415, Title = "Unsupported media type", Detail = "Send the body as application/json." };
        if (b.InnerException is JsonException json)
        {
            var field = JsonField(json.Path);
            var message = JsonMessage(json);
            return Invalid(new Dictionary<string, string[]> { [field] = [message] });
        }
        // Minimal API binding messages name the parameter and its .NET type: 'Failed to bind parameter "Nullable<DateTime> asOf" from "x".'
        // Say what the parameter expects instead, without the type name.
        var words = b.Message.Split('"') is { Length: > 1 } parts ? parts[1].Split(' ') : ["request"];
        var name = JsonNamingPolicy.CamelCase.ConvertName(words[^1]);
        var said = words.Length < 2 ? b.Message
            : b.Message.StartsWith("Required", StringComparison.Ordinal) ? $"{name} is required." : $"{name} must be {Expected(words[0])}.";
        return b.StatusCode == StatusCodes.Status400BadRequest
            ? Invalid(new Dictionary<string, string[]> { [name] = [said] })
            : new ProblemDetails { Status = b.StatusCode, Title = "Bad request", Detail = b.Message };
    }

    private static string Expected(string type) => type.Replace("Nullable<", "").TrimEnd('>', '?') switch
    {
        "DateTime" or "DateTimeOffset" => "a date-time, e.g. 2024-05-21T00:00:00Z",
        "DateOnly" => "a date, yyyy-MM-dd",
        "int" or "long" or "short" or "Int32" or "Int64" => "a whole number",
        "bool" or "Boolean" => "true or false",
        "Guid" => "a UUID",
        _ => "a value of the type openapi.yaml gives",
    };

    /// <summary>Says what is wrong without the serializer's .NET type names.</summary>
    internal static string JsonMessage(JsonException json)
    {
        if (json is Http.UnknownCodeException) return json.Message;
        if (json.Message.Contains("could not be mapped", StringComparison.Ordinal))
            return "This field is not part of the request; remove it.";
        if (json.Path is null || json.Path == "$" || json.BytePositionInLine is not null && json.Message.Contains("invalid", StringComparison.OrdinalIgnoreCase))
            return "The body is not well-formed JSON: " + json.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0];
        return "The value has the wrong type or format for this field (see the schema in openapi.yaml).";
    }

    /// <summary>'$.evidence[0].url' names the field 'evidence[0].url'; '$' is the body itself.</summary>
    internal static string JsonField(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return "body";
        var trimmed = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return trimmed.Length == 0 ? "body" : trimmed;
    }

    /// <summary>The server cancelled the work (it is stopping, and the body was still arriving): nothing was written.</summary>
    private static ProblemDetails ShuttingDown(HttpContext context) => RetryLater(context, "The request was cut short",
        "The server stopped reading the request (it may be shutting down). Nothing was changed; send it again.");

    private static ProblemDetails Unavailable(HttpContext context) => RetryLater(context, "The database is unavailable",
        "Nothing was changed. Try again after the time in Retry-After.");

    private static ProblemDetails RetryLater(HttpContext context, string title, string detail)
    {
        context.Response.Headers.RetryAfter = "5";
        return new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Title = title, Detail = detail };
    }
}

/// <summary>Input the framework accepted but the API refuses, naming the field (a query parameter, a header).</summary>
public sealed class RequestValidationException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>The key that authenticated the request was revoked or expired before its change could commit: nothing was changed.</summary>
public sealed class KeyNoLongerValidException() : Exception("The API key was revoked or has expired while the request was being handled; nothing was changed.");

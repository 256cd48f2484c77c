namespace Commitments.Api.Errors;

public enum FailureKind { NotFound, Conflict, Forbidden, Unprocessable, PreconditionFailed, PreconditionRequired }

/// <summary>An expected refusal: not found, conflict, and so on. Becomes a problem details response at the endpoint.</summary>
/// <remarks><see cref="Type"/>: the kind of problem; without one the status's general type (<see cref="ProblemTypes.For"/>).</remarks>
public sealed record Failure(FailureKind Kind, string Detail, IReadOnlyDictionary<string, object?>? Extensions = null, ProblemType? Type = null)
{
    public static Failure NotFound(string what, string id) => new(FailureKind.NotFound, $"{what} '{id}' does not exist.");
    public static Failure Conflict(string detail, IReadOnlyDictionary<string, object?>? extensions = null) => new(FailureKind.Conflict, detail, extensions);
    public static Failure Forbidden(string detail) => new(FailureKind.Forbidden, detail);
    public static Failure Unprocessable(string detail) => new(FailureKind.Unprocessable, detail);

    /// <summary>The lifecycle's refusal as the failure its HTTP status is read from.</summary>
    /// A conflict naming the update's state is an illegal transition; one without is the cycle's state refusing a liaison.
    public static Failure From(Refusal refusal) => new(refusal.Kind switch
        {
            RefusalKind.Forbidden => FailureKind.Forbidden,
            RefusalKind.PreconditionFailed => FailureKind.PreconditionFailed,
            _ => FailureKind.Conflict,
        }, refusal.Reason,
        refusal.CurrentState is { } state ? new Dictionary<string, object?> { ["currentState"] = Codes.Of(state) } : null,
        refusal.Kind switch
        {
            RefusalKind.Conflict => refusal.CurrentState is null ? ProblemTypes.CycleNotOpen : ProblemTypes.IllegalTransition,
            _ => null,
        });

    /// <summary>
    /// A well-formed body that refers to something that does not exist (an unknown instrument, participant, parent): 422,
    /// naming the field like a validation error does. A missing resource in the URL path is 404 instead.
    /// </summary>
    public static Failure UnknownReference(string field, string detail) => InField(field, detail) with { Type = ProblemTypes.UnknownReference };

    /// <summary>The participant owes no answer on the commitment in the cycle: 422 naming the field.</summary>
    public static Failure NotAnObligation(string field, string detail) => InField(field, detail) with { Type = ProblemTypes.NotAnObligation };

    /// <summary>A well-formed body whose field cannot be applied to the resource as it stands: 422 naming the field.</summary>
    public static Failure InField(string field, string detail) => new(FailureKind.Unprocessable, detail,
        new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [detail] } });
}

/// <summary>Marks a command's response that may carry a failure, so the transaction behaviour rolls it back.</summary>
public interface IOutcome
{
    Failure? Failure { get; }
    object? BoxedValue { get; }
    Type ValueType { get; }
}

/// <summary>Either a value or an expected failure. <see cref="Replayed"/>: the stored first outcome of an idempotent retry.</summary>
public readonly record struct Outcome<T>(T? Value, Failure? Failure) : IOutcome
{
    public bool Replayed { get; init; }
    object? IOutcome.BoxedValue => Value;
    Type IOutcome.ValueType => typeof(T);

    public static implicit operator Outcome<T>(T value) => new(value, null);
    public static implicit operator Outcome<T>(Failure failure) => new(default, failure);

    public static Outcome<T> Replay(T value) => new(value, null) { Replayed = true };

    public IResult ToResult(Func<T, IResult> onSuccess) =>
        Failure is { } f ? f.ToProblem() : onSuccess(Value!);
}

public static class FailureResults
{
    public static IResult ToProblem(this Failure failure)
    {
        var (status, title) = failure.Kind switch
        {
            FailureKind.NotFound => (StatusCodes.Status404NotFound, "Not found"),
            FailureKind.Conflict => (StatusCodes.Status409Conflict, "Conflict"),
            FailureKind.Forbidden => (StatusCodes.Status403Forbidden, "Forbidden"),
            FailureKind.Unprocessable => (StatusCodes.Status422UnprocessableEntity, "Request cannot be processed"),
            FailureKind.PreconditionFailed => (StatusCodes.Status412PreconditionFailed, "Precondition failed"),
            FailureKind.PreconditionRequired => (StatusCodes.Status428PreconditionRequired, "Precondition required"),
            _ => (StatusCodes.Status500InternalServerError, "Unexpected failure"),
        };
        return TypedResults.Problem(failure.Detail, statusCode: status, title: failure.Type?.Title ?? title, type: failure.Type?.Uri,
            extensions: failure.Extensions?.ToDictionary(kv => kv.Key, kv => kv.Value));
    }
}

/// <summary>
/// Writes a problem document from middleware and authentication, where there is no endpoint result to return; through the
/// problem details service, so <see cref="ProblemJsonWriter"/> writes it.
/// </summary>
public static class ProblemResponses
{
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}

using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Commitments.Infrastructure.Idempotency;
using Microsoft.Extensions.Options;

namespace Commitments.Api.Pipeline;

/// <summary>
/// A command that may be retried safely: with the same Idempotency-Key (per API key) and the same content, the first
/// successful outcome is answered again and nothing is done twice; with other content it is refused.
/// </summary>
public interface IIdempotentCommand
{
    /// <summary>The client's key; null makes the command an ordinary one.</summary>
    string? IdempotencyKey { get; }
}

/// <summary>
/// Runs inside the transaction: claims the key before the command's own writes, replays a stored outcome, or lets the
/// command run and stores its outcome in the same transaction. A concurrent retry waits on the claim, then replays.
/// A refused command rolls back with its claim, so a corrected retry can use the same key.
/// </summary>
public sealed class IdempotencyBehaviour<TMessage, TResponse>(
    IdempotencyStore store, RequestContext request, TimeProvider clock, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
    IHttpContextAccessor http)
    : IPipelineBehavior<TMessage, TResponse> where TMessage : IBaseCommand
{
    public const int MaxKeyLength = 200;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken ct)
    {
        if (message is not IIdempotentCommand { IdempotencyKey: { } key }) return await next(message, ct);
        if (key.Length is 0 or > MaxKeyLength || !key.All(ch => ch is > ' ' and < '\u007f'))
            throw new RequestValidationException("Idempotency-Key", $"Idempotency-Key must be 1 to {MaxKeyLength} visible ASCII characters.");

        var options = json.Value.SerializerOptions;
        var apiKey = request.Actor.KeyId ?? "";
        var hash = Convert.ToHexStringLower(SHA256.HashData(
            Encoding.UTF8.GetBytes(typeof(TMessage).FullName + "\n" + JsonSerializer.Serialize(message, options))));
        if (!await store.ClaimAsync(apiKey, key, hash, clock.GetUtcNow().UtcDateTime, ct))
        {
            var prior = await store.RecordAsync(apiKey, key, ct)
                ?? throw new InvalidOperationException("The idempotency record was claimed but cannot be read.");
            if (prior.RequestHash != hash)
                return Replays.Refusal(Failure.Unprocessable($"Idempotency-Key '{key}' was already used with a different request.") with { Type = ProblemTypes.IdempotencyKeyReused });
            // Marked here, once for every idempotent route, as openapi.yaml promises.
            if (http.HttpContext is { } context) context.Response.Headers["Idempotent-Replayed"] = "true";
            return Replays.Replay(prior.ResponseBody, options);
        }

        var response = await next(message, ct);
        if (response is IOutcome { Failure: null } outcome)
            await store.CompleteAsync(apiKey, key, JsonSerializer.Serialize(outcome.BoxedValue, outcome.ValueType, options), ct);
        return response;
    }

    /// <summary>Builds a <typeparamref name="TResponse"/> (an <see cref="Outcome{T}"/>) from a stored value or a failure.</summary>
    private static class Replays
    {
        private static readonly ConcurrentDictionary<Type, Type> ValueTypes = new();

        private static Type ValueType => ValueTypes.GetOrAdd(typeof(TResponse), t =>
            t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Outcome<>)
                ? t.GetGenericArguments()[0]
                : throw new InvalidOperationException($"An idempotent command must answer an Outcome<T>, not {t.Name}."));

        public static TResponse Replay(string body, JsonSerializerOptions options) =>
            (TResponse)typeof(Outcome<>).MakeGenericType(ValueType).GetMethod(nameof(Outcome<object>.Replay))!
                .Invoke(null, [JsonSerializer.Deserialize(body, ValueType, options)])!;

        public static TResponse Refusal(Failure failure) =>
            (TResponse)Activator.CreateInstance(typeof(Outcome<>).MakeGenericType(ValueType), null, failure)!;
    }
}

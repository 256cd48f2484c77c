using System.Text.Json;
using Commitments.Infrastructure.Access;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Commitments.Api.Auth;

/// <summary>Writes who did what, when, within the command's own transaction.</summary>
public sealed class AuditTrail(AccessStore store, RequestContext request, TimeProvider clock, IOptions<JsonOptions> json)
{
    public Task RecordAsync(string action, string targetType, string targetId, object? before, object? after, CancellationToken ct)
    {
        var actor = request.Actor;
        return store.RecordAsync(new AuditEntry(
            clock.GetUtcNow().UtcDateTime, actor.KeyId, actor.Role is { } r ? Codes.Of(r) : null, actor.ParticipantId,
            action, targetType, targetId, Serialize(before), Serialize(after), request.TraceId), ct);
    }

    private string? Serialize(object? value) =>
        value is null ? null : JsonSerializer.Serialize(value, value.GetType(), json.Value.SerializerOptions);
}

using Commitments.Infrastructure.Updates;

namespace Commitments.Api.Features.Updates;

/// <summary>
/// Loads an update for the caller and applies one workflow action to it: visibility (404), the participant's lane (403),
/// the cycle's state (409), the workflow (409 naming the current state) and the caller's If-Match (412).
/// </summary>
public sealed class UpdateGuard(UpdateStore updates, RequestContext request, AuditTrail audit, TimeProvider clock)
{
    /// <summary>The update if the caller may see it; to anyone else it does not exist.</summary>
    public async Task<Outcome<StoredUpdate>> VisibleAsync(string id, CancellationToken ct)
    {
        var actor = request.Actor;
        if (await updates.GetAsync(id, ct) is not { } stored
            || !Visibility.CanSee(actor.Role, actor.ParticipantId, stored.Update.ParticipantId, stored.Update.Content.Confidentiality, stored.Update.State))
            return Failure.NotFound("Update", id);
        return stored;
    }

    /// <summary>Applies <paramref name="action"/> as the next revision and records it in the audit log.</summary>
    public async Task<Outcome<UpdateDto>> ApplyAsync(
        string id, UpdateAction action, IfMatch ifMatch, CancellationToken ct,
        UpdateContent? content = null, ImplementationStatus? assessedStatus = null, string? comment = null)
    {
        var loaded = await VisibleAsync(id, ct);
        if (loaded.Failure is { } notFound) return notFound;
        var (before, cycle, cycleState) = loaded.Value!;
        var actor = request.Actor;
        var reviewing = action is UpdateAction.Accept or UpdateAction.Return;
        if (reviewing && !actor.IsSecretariat) return Failure.Forbidden("Only the secretariat reviews updates.");
        if (!reviewing && !actor.IsSecretariat && actor.ParticipantId != before.ParticipantId)
            return Failure.Forbidden($"This key files for '{actor.ParticipantId}', not for '{before.ParticipantId}'.");
        if (!actor.IsSecretariat && cycleState != CycleState.Open)
            return Failure.Conflict($"Cycle '{before.CycleId}' is {Codes.Of(cycleState)}: its updates can no longer be changed by liaisons.");
        if (!ifMatch.Matches(before.Revision))
            return new Failure(FailureKind.PreconditionFailed,
                $"The update is at revision {before.Revision} (ETag \"{before.Revision}\"); fetch it again and reapply your change.");
        if (UpdateWorkflow.Next(before.State, action) is not { } state)
            return Failure.Conflict($"An update that is {Codes.Of(before.State)} cannot be {Verb(action)}.",
                new Dictionary<string, object?> { ["currentState"] = Codes.Of(before.State) });

        var now = clock.GetUtcNow().UtcDateTime;
        var after = before with
        {
            State = state,
            Content = content ?? before.Content,
            AssessedStatus = reviewing ? assessedStatus ?? before.AssessedStatus : before.AssessedStatus,
            Comment = comment,
            Revision = before.Revision + 1,
            FirstSubmittedAt = before.FirstSubmittedAt ?? (state == UpdateState.Submitted ? now : null),
            UpdatedAt = now,
        };
        var revision = new UpdateRevision(after.Id, after.Revision, action, after.State, after.AssessedStatus, after.Content, comment,
            actor.KeyId, actor.Role ?? Role.Observer, actor.ParticipantId, now);
        if (!await updates.AdvanceAsync(after, before.Revision, revision, ct))
            return new Failure(FailureKind.PreconditionFailed, "The update was changed by another request at the same time; fetch it again and retry.");
        var beforeDto = UpdateDto.From(before, cycle, now);
        var afterDto = UpdateDto.From(after, cycle, now);
        await audit.RecordAsync("update." + Codes.Of(action), "update", after.Id, beforeDto, afterDto, ct);
        return afterDto;
    }

    private static string Verb(UpdateAction action) => action switch
    {
        UpdateAction.Amend => "amended",
        UpdateAction.Submit => "submitted",
        UpdateAction.Withdraw => "withdrawn",
        UpdateAction.Accept => "accepted",
        UpdateAction.Return => "returned",
        _ => Codes.Of(action),
    };
}

/// <summary>The If-Match precondition: absent, any (*), or one strong ETag "N" naming a revision.</summary>
public readonly record struct IfMatch(bool Present, int? Revision)
{
    public static readonly IfMatch None = new(false, null);

    public bool Matches(int current) => !Present || Revision is null || Revision == current;

    public static string ETagOf(int revision) => $"\"{revision}\"";

    /// <summary>Parses the header; an unreadable one is a 400 naming it.</summary>
    public static IfMatch Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header)) return None;
        var value = header.Trim();
        if (value == "*") return new(true, null);
        if (value.Length > 2 && value[0] == '"' && value[^1] == '"'
            && int.TryParse(value.AsSpan(1, value.Length - 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
            return new(true, n);
        // A weak or foreign ETag can never match this API's strong revision tags.
        if (value.StartsWith("W/", StringComparison.Ordinal) || value.StartsWith('"')) return new(true, -1);
        throw new RequestValidationException("If-Match", "If-Match must be the ETag of the update, e.g. \"3\".");
    }
}

public static class UpdateResults
{
    /// <summary>200 with the update and its ETag.</summary>
    public static IResult WithETag(this UpdateDto update, HttpContext context)
    {
        context.Response.Headers.ETag = IfMatch.ETagOf(update.Revision);
        return TypedResults.Ok(update);
    }
}

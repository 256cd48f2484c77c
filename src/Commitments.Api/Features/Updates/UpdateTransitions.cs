using Commitments.Api.Receipts;
using Commitments.Infrastructure.Updates;

namespace Commitments.Api.Features.Updates;

/// <summary>
/// The web side of the update lifecycle: loads the update for the caller (404 when the caller may not see it), asks the
/// domain for the transition, persists the update and its revision, and audits. It decides nothing itself.
/// </summary>
public sealed class UpdateTransitions(UpdateStore updates, RequestContext request, AuditTrail audit, RecordSigning signing, TimeProvider clock)
{
    /// <summary>The update if the caller may see it; to anyone else it does not exist.</summary>
    public async Task<Outcome<StoredUpdate>> VisibleAsync(string id, CancellationToken ct)
    {
        if (await updates.GetAsync(id, ct) is not { } stored || !Visibility.CanSee(request.Actor.Caller, stored.Update))
            return Failure.NotFound("Update", id);
        return stored;
    }

    /// <summary>Applies the change as the next revision and records it in the audit log.</summary>
    public async Task<Outcome<UpdateDto>> ApplyAsync(string id, UpdateChange change, CancellationToken ct)
    {
        var loaded = await VisibleAsync(id, ct);
        if (loaded.Failure is { } notFound) return notFound;
        var (before, cycle, cycleState) = loaded.Value!;
        var now = clock.GetUtcNow().UtcDateTime;
        var decision = UpdateLifecycle.Apply(before, cycle, cycleState, change, request.Actor.Caller, now);
        if (decision.Refusal is { } refusal) return Failure.From(refusal);
        var (after, revision) = decision.Transition!;
        if (await updates.AdvanceAsync(after, before.Revision, revision, ct) is not { } seal)
            return new Failure(FailureKind.PreconditionFailed, "The update was changed by another request at the same time; fetch it again and retry.");
        await audit.RecordAsync("update." + Codes.Of(change.Action), "update", after.Id, UpdateDto.From(before, cycle, now), UpdateDto.From(after, cycle, now), ct);
        return UpdateDto.For(after, cycle, now, request.Actor.Caller) with
        {
            Receipt = await signing.ReceiptAsync(after.Id, revision.Number, revision.RecordedAt, seal, ct),
        };
    }
}

/// <summary>The If-Match precondition: absent, any (*), or one strong ETag "N" naming a revision.</summary>
public readonly record struct IfMatch(bool Present, int? Revision)
{
    public static readonly IfMatch None = new(false, null);

    /// <summary>The revision the caller based its change on; null when it did not say (absent or *).</summary>
    public int? BasedOn => Present ? Revision : null;

    public static string ETagOf(int revision) => $"\"{revision}\"";

    /// <summary>Parses the header; an unreadable one is a 400 naming it.</summary>
    public static IfMatch Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header)) return None;
        var value = header.Trim();
        if (value == "*") return new(true, null);
        // Strong comparison: the tag must be exactly the one this API sent, so "01" or "+1" never stands for revision 1.
        if (value.Length > 2 && value[0] == '"' && value[^1] == '"'
            && int.TryParse(value.AsSpan(1, value.Length - 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            && value == ETagOf(n))
            return new(true, n);
        // A weak or foreign ETag can never match this API's strong revision tags.
        if (value.StartsWith("W/", StringComparison.Ordinal) || value.StartsWith('"')) return new(true, -1);
        throw new RequestValidationException("If-Match", "If-Match must be the ETag of the update, e.g. \"3\".");
    }
}

public static class UpdateResults
{
    /// <summary>200 with the update and its ETag, and the receipt of the revision a write recorded.</summary>
    public static IResult WithETag(this UpdateDto update, HttpContext context)
    {
        update.WriteHeaders(context);
        return TypedResults.Ok(update);
    }

    /// <summary>ETag: the revision; Commitments-Receipt: its receipt, when the response is a write's.</summary>
    public static void WriteHeaders(this UpdateDto update, HttpContext context)
    {
        context.Response.Headers.ETag = IfMatch.ETagOf(update.Revision);
        if (update.Receipt is { } receipt) context.Response.Headers[ReceiptDto.Header] = receipt.ToHeader();
    }
}

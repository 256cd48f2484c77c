using Commitments.Api.Features.Catalogue;
using Commitments.Api.Http;
using Commitments.Infrastructure.Updates;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Commitments.Api.Features.Updates;

public static class ListUpdates
{
    /// <summary>Cursors of this list carry the last update's id.</summary>
    public const string CursorKind = "u1";

    /// <summary>Filters and paging of the updates list.</summary>
    /// <param name="Participant">A participant id, e.g. GB.</param>
    /// <param name="Commitment">A commitment id, e.g. BD-1.</param>
    /// <param name="Cycle">A reporting cycle id, e.g. seoul-2024.</param>
    /// <param name="Status">A self-assessed status code, e.g. substantial.</param>
    /// <param name="State">A workflow state code, e.g. submitted.</param>
    /// <param name="ChangedSince">Updates changed at or after this time (UTC).</param>
    /// <param name="Limit">Updates per page, 1 to 200; 50 when left out.</param>
    /// <param name="Cursor">The next value of the previous page.</param>
    public sealed record Query(
        [FromQuery(Name = "participant")] string? Participant, [FromQuery(Name = "commitment")] string? Commitment,
        [FromQuery(Name = "cycle")] string? Cycle, [FromQuery(Name = "status")] string? Status, [FromQuery(Name = "state")] string? State,
        [FromQuery(Name = "changedSince")] DateTime? ChangedSince, [FromQuery(Name = "limit")] int? Limit,
        [FromQuery(Name = "cursor")] string? Cursor) : IPageQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            Include(new PageQueryValidator(CursorKind, key => Guid.TryParseExact(key, "D", out _)));
            RuleFor(q => q.Status).IsCodeOf<Query, ImplementationStatus>().OverridePropertyName("status");
            RuleFor(q => q.State).IsCodeOf<Query, UpdateState>().OverridePropertyName("state");
        }
    }

    /// <summary>Only the updates the caller may see: the list's SQL spells <see cref="Visibility"/> (a test holds them to one answer).</summary>
    public static async Task<Ok<Page<UpdateDto>>> ListUpdatesAsync([AsParameters] Query query, UpdateStore updates, RequestContext request,
        TimeProvider clock, HttpContext context, CancellationToken ct)
    {
        var limit = Paging.SizeOf(query);
        var caller = request.Actor.Caller;
        var filter = new UpdateQuery(query.Participant, query.Commitment, query.Cycle,
            query.Status is null ? null : Codes.Parse<ImplementationStatus>(query.Status),
            query.State is null ? null : Codes.Parse<UpdateState>(query.State),
            query.ChangedSince is { } since ? Inputs.Utc(since) : null, Paging.KeyOf(query, CursorKind), limit + 1,
            caller.IsSecretariat, caller.Role == Role.Liaison ? caller.ParticipantId : null, Visibility.LevelsReaching(caller));
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = (await updates.ListAsync(filter, ct)).Select(u => UpdateDto.For(u.Update, u.Cycle, now, caller)).ToList();
        return Paging.Ok(context, Paging.Keyset(rows, limit, CursorKind, u => u.Id));
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/", ListUpdatesAsync).Validates<Query>()
        .WithName("ListUpdates")
        .WithSummary("List the progress updates the key may see, filtered, in pages of at most 200 in a stable order (follow next or the Link header)");
}

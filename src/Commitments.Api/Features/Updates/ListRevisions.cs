using System.Globalization;
using Commitments.Api.Http;
using Commitments.Infrastructure.Updates;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Commitments.Api.Features.Updates;

public static class ListRevisions
{
    /// <summary>Cursors of this list carry the last revision's number.</summary>
    public const string CursorKind = "r1";

    /// <summary>The update and paging of its revisions.</summary>
    /// <param name="Id">The update id.</param>
    /// <param name="Limit">Revisions per page, 1 to 200; 50 when left out.</param>
    /// <param name="Cursor">The next value of the previous page.</param>
    public sealed record Query([FromRoute(Name = "id")] string Id, [FromQuery(Name = "limit")] int? Limit,
        [FromQuery(Name = "cursor")] string? Cursor) : IPageQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new PageQueryValidator(CursorKind, key => int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out _)));
    }

    /// <summary>
    /// The revisions of an update the caller may see, each judged by its own content and state when it was recorded:
    /// an earlier restricted or unpublished revision stays hidden after the update is made public.
    /// </summary>
    // An update has few revisions, so they are filtered first and paged in memory: a page is never short and its cursor
    // never names a hidden revision.
    public static async Task<Results<Ok<Page<RevisionDto>>, NotFoundProblem>> ListRevisionsAsync([AsParameters] Query query, UpdateStore updates,
        RequestContext request, HttpContext context, CancellationToken ct)
    {
        var id = query.Id;
        var caller = request.Actor.Caller;
        if (await updates.GetAsync(id, ct) is not { } stored || !Visibility.CanSee(caller, stored.Update))
            return Problems.NotFound("Update", id);
        var limit = Paging.SizeOf(query);
        int? after = Paging.KeyOf(query, CursorKind) is { } key ? int.Parse(key, NumberStyles.None, CultureInfo.InvariantCulture) : null;
        var revisions = await updates.RevisionsAsync(id, ct);
        var reviews = UpdateLifecycle.ReviewsThrough(revisions);
        var participant = stored.Update.ParticipantId;
        var visible = revisions.Select((r, i) => (Revision: r, Review: reviews[i]))
            .Where(x => Visibility.CanSee(caller, participant, x.Revision))
            .Select(x => RevisionDto.For(x.Revision, participant, x.Review, caller, stored.Cycle))
            .OrderBy(r => r.Number).Where(r => after is null || r.Number > after).Take(limit + 1).ToList();
        return Paging.Ok(context, Paging.Keyset(visible, limit, CursorKind, r => r.Number.ToString(CultureInfo.InvariantCulture)));
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/{id}/revisions", ListRevisionsAsync).Validates<Query>()
        .WithName("ListRevisions")
        .WithSummary("The update's history: every revision the key may see (each judged by its own confidentiality and state), oldest first, with who made it and when; follow next or the Link header");
}

public static class GetRevision
{
    public static async Task<Results<Ok<RevisionDto>, NotFoundProblem>> GetRevisionAsync(string id, int number, UpdateStore updates,
        RequestContext request, CancellationToken ct)
    {
        var caller = request.Actor.Caller;
        if (await updates.GetAsync(id, ct) is not { } stored || !Visibility.CanSee(caller, stored.Update))
            return Problems.NotFound("Update", id);
        var revisions = await updates.RevisionsAsync(id, ct);
        if (revisions.FirstOrDefault(r => r.Number == number) is not { } revision || !Visibility.CanSee(caller, stored.Update.ParticipantId, revision))
            return Problems.NotFound($"Revision of update {id}", number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var review = UpdateLifecycle.ReviewsThrough(revisions)[revisions.ToList().IndexOf(revision)];
        return TypedResults.Ok(RevisionDto.For(revision, stored.Update.ParticipantId, review, caller, stored.Cycle));
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/{id}/revisions/{number:int}", GetRevisionAsync)
        .WithName("GetRevision")
        .WithSummary("One revision of an update by its number (1 is the first); a revision the key may not see is 404");
}

using Commitments.Api.Http;
using Commitments.Infrastructure.Updates;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commitments.Api.Features.Updates;

public static class ListRevisions
{
    /// <summary>
    /// The revisions of an update the caller may see, each judged by its own content and state when it was recorded:
    /// an earlier restricted or unpublished revision stays hidden after the update is made public.
    /// </summary>
    public static async Task<Results<Ok<IReadOnlyList<RevisionDto>>, NotFoundProblem>> ListRevisionsAsync(string id, UpdateStore updates,
        RequestContext request, CancellationToken ct)
    {
        var caller = request.Actor.Caller;
        if (await updates.GetAsync(id, ct) is not { } stored || !Visibility.CanSee(caller, stored.Update))
            return Problems.NotFound("Update", id);
        IReadOnlyList<RevisionDto> visible = (await updates.RevisionsAsync(id, ct))
            .Where(r => Visibility.CanSee(caller, stored.Update.ParticipantId, r)).Select(r => RevisionDto.For(r, caller, stored.Cycle)).ToList();
        return TypedResults.Ok(visible);
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/{id}/revisions", ListRevisionsAsync)
        .WithName("ListRevisions")
        .WithSummary("The update's history: every revision the key may see (each judged by its own confidentiality and state), oldest first, with who made it and when");
}

public static class GetRevision
{
    public static async Task<Results<Ok<RevisionDto>, NotFoundProblem>> GetRevisionAsync(string id, int number, UpdateStore updates,
        RequestContext request, CancellationToken ct)
    {
        var caller = request.Actor.Caller;
        if (await updates.GetAsync(id, ct) is not { } stored || !Visibility.CanSee(caller, stored.Update))
            return Problems.NotFound("Update", id);
        if (await updates.RevisionAsync(id, number, ct) is not { } revision || !Visibility.CanSee(caller, stored.Update.ParticipantId, revision))
            return Problems.NotFound($"Revision of update {id}", number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return TypedResults.Ok(RevisionDto.For(revision, caller, stored.Cycle));
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/{id}/revisions/{number:int}", GetRevisionAsync)
        .WithName("GetRevision")
        .WithSummary("One revision of an update by its number (1 is the first); a revision the key may not see is 404");
}

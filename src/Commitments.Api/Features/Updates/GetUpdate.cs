using Commitments.Api.Http;
using Commitments.Infrastructure.Updates;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commitments.Api.Features.Updates;

public static class GetUpdate
{
    /// <summary>An update the caller may not see does not exist for it.</summary>
    public static async Task<Results<Ok<UpdateDto>, NotFoundProblem>> GetUpdateAsync(string id, UpdateStore updates, RequestContext request,
        TimeProvider clock, HttpContext context, CancellationToken ct)
    {
        if (await updates.GetAsync(id, ct) is not { } stored || !Visibility.CanSee(request.Actor.Caller, stored.Update))
            return Problems.NotFound("Update", id);
        var dto = UpdateDto.For(stored.Update, stored.Cycle, clock.GetUtcNow().UtcDateTime, request.Actor.Caller);
        context.Response.Headers.ETag = IfMatch.ETagOf(dto.Revision);
        return TypedResults.Ok(dto);
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/{id}", GetUpdateAsync)
        .ProducesHeader(StatusCodes.Status200OK, "ETag")
        .WithName("GetUpdate")
        .WithSummary("Get one progress update as of its latest revision, with its ETag; an update the key may not see (restricted, or not yet published) is 404");
}

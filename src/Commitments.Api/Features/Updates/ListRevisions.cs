using Commitments.Infrastructure.Updates;

namespace Commitments.Api.Features.Updates;

public static class ListRevisions
{
    public sealed record Query(string Id) : IQuery<Outcome<IReadOnlyList<RevisionDto>>>;

    public sealed class Handler(UpdateTransitions transitions, UpdateStore updates, RequestContext request)
        : IQueryHandler<Query, Outcome<IReadOnlyList<RevisionDto>>>
    {
        /// <summary>Each revision is shown by its own content and state when recorded: an earlier restricted or draft one stays hidden.</summary>
        public async ValueTask<Outcome<IReadOnlyList<RevisionDto>>> Handle(Query query, CancellationToken ct)
        {
            var loaded = await transitions.VisibleAsync(query.Id, ct);
            if (loaded.Failure is { } f) return f;
            var participant = loaded.Value!.Update.ParticipantId;
            return (await updates.RevisionsAsync(query.Id, ct))
                .Where(r => Visibility.CanSee(request.Actor.Caller, participant, r)).Select(RevisionDto.From).ToList();
        }
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/{id}/revisions", async (string id, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new Query(id), ct)).ToResult(TypedResults.Ok))
        .WithName("ListRevisions").WithSummary("The update's history: every revision the caller may see (each judged by its own confidentiality and state), oldest first, with who made it and when")
        .Produces<IReadOnlyList<RevisionDto>>().ProducesProblem(StatusCodes.Status404NotFound);
}

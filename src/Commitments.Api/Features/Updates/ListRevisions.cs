using Commitments.Infrastructure.Updates;

namespace Commitments.Api.Features.Updates;

public static class ListRevisions
{
    public sealed record Query(string Id) : IQuery<Outcome<IReadOnlyList<RevisionDto>>>;

    public sealed class Handler(UpdateGuard guard, UpdateStore updates) : IQueryHandler<Query, Outcome<IReadOnlyList<RevisionDto>>>
    {
        public async ValueTask<Outcome<IReadOnlyList<RevisionDto>>> Handle(Query query, CancellationToken ct)
        {
            var loaded = await guard.VisibleAsync(query.Id, ct);
            if (loaded.Failure is { } f) return f;
            return (await updates.RevisionsAsync(query.Id, ct)).Select(RevisionDto.From).ToList();
        }
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/{id}/revisions", async (string id, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new Query(id), ct)).ToResult(TypedResults.Ok))
        .WithName("ListRevisions").WithSummary("The update's full history: every revision, oldest first, with who made it and when")
        .Produces<IReadOnlyList<RevisionDto>>().ProducesProblem(StatusCodes.Status404NotFound);
}

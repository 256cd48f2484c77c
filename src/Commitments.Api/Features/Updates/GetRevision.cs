using Commitments.Infrastructure.Updates;

namespace Commitments.Api.Features.Updates;

public static class GetRevision
{
    public sealed record Query(string Id, int Number) : IQuery<Outcome<RevisionDto>>;

    public sealed class Handler(UpdateTransitions transitions, UpdateStore updates, RequestContext request) : IQueryHandler<Query, Outcome<RevisionDto>>
    {
        public async ValueTask<Outcome<RevisionDto>> Handle(Query query, CancellationToken ct)
        {
            var loaded = await transitions.VisibleAsync(query.Id, ct);
            if (loaded.Failure is { } f) return f;
            return await updates.RevisionAsync(query.Id, query.Number, ct) is { } r
                && Visibility.CanSee(request.Actor.Caller, loaded.Value!.Update.ParticipantId, r)
                ? RevisionDto.From(r)
                : Failure.NotFound($"Revision of update {query.Id}", query.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/{id}/revisions/{number:int}", async (string id, int number, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new Query(id, number), ct)).ToResult(TypedResults.Ok))
        .WithName("GetRevision").WithSummary("One revision of an update by its number (1 is the first)")
        .Produces<RevisionDto>().ProducesProblem(StatusCodes.Status404NotFound);
}

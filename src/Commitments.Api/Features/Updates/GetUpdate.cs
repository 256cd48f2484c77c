namespace Commitments.Api.Features.Updates;

public static class GetUpdate
{
    public sealed record Query(string Id) : IQuery<Outcome<UpdateDto>>;

    public sealed class Handler(UpdateTransitions transitions, TimeProvider clock) : IQueryHandler<Query, Outcome<UpdateDto>>
    {
        public async ValueTask<Outcome<UpdateDto>> Handle(Query query, CancellationToken ct)
        {
            var loaded = await transitions.VisibleAsync(query.Id, ct);
            if (loaded.Failure is { } f) return f;
            return UpdateDto.From(loaded.Value!.Update, loaded.Value.Cycle, clock.GetUtcNow().UtcDateTime);
        }
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/{id}", async (string id, IMediator mediator, HttpContext context, CancellationToken ct) =>
            (await mediator.Send(new Query(id), ct)).ToResult(u => u.WithETag(context)))
        .WithName("GetUpdate")
        .WithSummary("Get one progress update as of its latest revision, with its ETag; a restricted update of another participant is 404")
        .Produces<UpdateDto>().ProducesProblem(StatusCodes.Status404NotFound);
}

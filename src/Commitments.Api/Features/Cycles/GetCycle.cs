using Commitments.Api.Features.Catalogue;
using Commitments.Infrastructure.Catalogue;

namespace Commitments.Api.Features.Cycles;

public static class GetCycle
{
    public sealed record Query(string Id) : IQuery<Outcome<CycleDto>>;

    public sealed class Handler(CatalogueStore store) : IQueryHandler<Query, Outcome<CycleDto>>
    {
        public async ValueTask<Outcome<CycleDto>> Handle(Query query, CancellationToken ct) =>
            await store.CycleAsync(query.Id, ct) is { } c ? CycleDto.From(c) : Failure.NotFound("Cycle", query.Id);
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/{id}", async (string id, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new Query(id), ct)).ToResult(TypedResults.Ok))
        .AllowAnonymous()
        .WithName("GetCycle").WithSummary("Get one reporting cycle (e.g. seoul-2024)")
        .Produces<CycleDto>().ProducesProblem(StatusCodes.Status404NotFound);
}

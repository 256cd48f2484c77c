using Commitments.Api.Features.Catalogue;
using Commitments.Infrastructure.Catalogue;

namespace Commitments.Api.Features.Cycles;

public static class ListCycles
{
    public sealed record Query : IQuery<IReadOnlyList<CycleDto>>;

    public sealed class Handler(CatalogueStore store) : IQueryHandler<Query, IReadOnlyList<CycleDto>>
    {
        public async ValueTask<IReadOnlyList<CycleDto>> Handle(Query query, CancellationToken ct) =>
            (await store.CyclesAsync(ct)).Select(CycleDto.From).ToList();
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new Query(), ct)))
        .AllowAnonymous()
        .WithName("ListCycles").WithSummary("List reporting cycles with their dates and the instruments in scope");
}

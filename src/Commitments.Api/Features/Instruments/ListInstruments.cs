using Commitments.Api.Features.Catalogue;
using Commitments.Infrastructure.Catalogue;

namespace Commitments.Api.Features.Instruments;

public static class ListInstruments
{
    public sealed record Query : IQuery<IReadOnlyList<InstrumentDto>>;

    public sealed class Handler(CatalogueStore store) : IQueryHandler<Query, IReadOnlyList<InstrumentDto>>
    {
        public async ValueTask<IReadOnlyList<InstrumentDto>> Handle(Query query, CancellationToken ct) =>
            (await store.InstrumentsAsync(ct)).Select(InstrumentDto.From).ToList();
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new Query(), ct)))
        .WithName("ListInstruments").WithSummary("List the instruments (source documents) of the Bletchley process");
}

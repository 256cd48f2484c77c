using Commitments.Api.Features.Catalogue;
using Commitments.Infrastructure.Catalogue;

namespace Commitments.Api.Features.Instruments;

public static class GetInstrument
{
    public sealed record Query(string Code) : IQuery<Outcome<InstrumentDto>>;

    public sealed class Handler(CatalogueStore store) : IQueryHandler<Query, Outcome<InstrumentDto>>
    {
        public async ValueTask<Outcome<InstrumentDto>> Handle(Query query, CancellationToken ct) =>
            await store.InstrumentAsync(query.Code, ct) is { } i ? InstrumentDto.From(i) : Failure.NotFound("Instrument", query.Code);
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/{code}", async (string code, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new Query(code), ct)).ToResult(TypedResults.Ok))
        .WithName("GetInstrument").WithSummary("Get one instrument by its code (BD, ST, SD, SOI, FAISC)")
        .Produces<InstrumentDto>().ProducesProblem(StatusCodes.Status404NotFound);
}

using Commitments.Api.Features.Catalogue;
using Commitments.Api.Http;
using Commitments.Infrastructure.Catalogue;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commitments.Api.Features.Instruments;

public static class GetInstrument
{
    public static async Task<Results<Ok<InstrumentDto>, NotFoundProblem>> GetInstrumentAsync(string code, CatalogueStore store, CancellationToken ct) =>
        await store.InstrumentAsync(code, ct) is { } i ? TypedResults.Ok(InstrumentDto.From(i)) : Problems.NotFound("Instrument", code);

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/{code}", GetInstrumentAsync)
        .WithName("GetInstrument").WithSummary("Get one instrument by its code (BD, ST, SD, SOI, FAISC)");
}

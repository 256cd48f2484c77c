using Commitments.Api.Features.Catalogue;
using Commitments.Infrastructure.Catalogue;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commitments.Api.Features.Instruments;

public static class ListInstruments
{
    public static async Task<Ok<List<InstrumentDto>>> ListInstrumentsAsync(CatalogueStore store, CancellationToken ct) =>
        TypedResults.Ok((await store.InstrumentsAsync(ct)).Select(InstrumentDto.From).ToList());

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/", ListInstrumentsAsync)
        .WithName("ListInstruments").WithSummary("List the instruments (source documents) of the Bletchley process");
}

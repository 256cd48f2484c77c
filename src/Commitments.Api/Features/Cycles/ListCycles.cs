using Commitments.Api.Features.Catalogue;
using Commitments.Infrastructure.Catalogue;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commitments.Api.Features.Cycles;

public static class ListCycles
{
    public static async Task<Ok<List<CycleDto>>> ListCyclesAsync(CatalogueStore store, CancellationToken ct) =>
        TypedResults.Ok((await store.CyclesAsync(ct)).Select(CycleDto.From).ToList());

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/", ListCyclesAsync)
        .AllowAnonymous()
        .WithName("ListCycles").WithSummary("List reporting cycles with their dates and the instruments in scope");
}

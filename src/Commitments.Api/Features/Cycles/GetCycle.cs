using Commitments.Api.Features.Catalogue;
using Commitments.Api.Http;
using Commitments.Infrastructure.Catalogue;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commitments.Api.Features.Cycles;

public static class GetCycle
{
    public static async Task<Results<Ok<CycleDto>, NotFoundProblem>> GetCycleAsync(string id, CatalogueStore store, CancellationToken ct) =>
        await store.CycleAsync(id, ct) is { } c ? TypedResults.Ok(CycleDto.From(c)) : Problems.NotFound("Cycle", id);

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/{id}", GetCycleAsync)
        .AllowAnonymous()
        .WithName("GetCycle").WithSummary("Get one reporting cycle (e.g. seoul-2024)");
}

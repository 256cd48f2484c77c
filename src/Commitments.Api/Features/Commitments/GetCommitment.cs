using Commitments.Api.Features.Catalogue;
using Commitments.Api.Http;
using Commitments.Infrastructure.Catalogue;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commitments.Api.Features.Commitments;

public static class GetCommitment
{
    public static async Task<Results<Ok<CommitmentDto>, NotFoundProblem>> GetCommitmentAsync(string id, CatalogueStore store, CancellationToken ct) =>
        await store.CommitmentOrRenumberedAsync(id, ct) is { } c ? TypedResults.Ok(CommitmentDto.From(c)) : Problems.NotFound("Commitment", id);

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/{id}", GetCommitmentAsync)
        .AllowAnonymous()
        .WithName("GetCommitment").WithSummary("Get one commitment by id (e.g. BD-7c)");
}

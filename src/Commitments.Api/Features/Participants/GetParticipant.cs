using Commitments.Api.Features.Catalogue;
using Commitments.Api.Http;
using Commitments.Infrastructure.Catalogue;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commitments.Api.Features.Participants;

public static class GetParticipant
{
    public static async Task<Results<Ok<ParticipantDto>, NotFoundProblem>> GetParticipantAsync(string id, CatalogueStore store, CancellationToken ct) =>
        await store.ParticipantAsync(id, ct) is { } p ? TypedResults.Ok(ParticipantDto.From(p)) : Problems.NotFound("Participant", id);

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/{id}", GetParticipantAsync)
        .AllowAnonymous()
        .WithName("GetParticipant").WithSummary("Get one participant (e.g. GB, EU, anthropic) with its endorsements");
}

using Commitments.Api.Http;
using Commitments.Infrastructure.Catalogue;
using Commitments.Infrastructure.Reports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commitments.Api.Features.Reports;

public static class ListExemptions
{
    public static async Task<Results<Ok<List<ExemptObligation.ExemptionDto>>, NotFoundProblem>> ListExemptionsAsync(
        string id, CatalogueStore catalogue, ReportStore reports, CancellationToken ct)
    {
        if (await catalogue.CycleAsync(id, ct) is null) return Problems.NotFound("Cycle", id);
        return TypedResults.Ok((await reports.ExemptionsAsync(id, ct))
            .Select(e => new ExemptObligation.ExemptionDto(id, e.ParticipantId, e.CommitmentId, e.Reason)).ToList());
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/{id}/exemptions", ListExemptionsAsync)
        .WithName("ListExemptions").WithSummary("The obligations exempted from a cycle, with their reasons");
}

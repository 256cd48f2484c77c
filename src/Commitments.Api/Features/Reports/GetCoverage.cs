using Commitments.Api.Http;
using Commitments.Domain.Reports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commitments.Api.Features.Reports;

public static class GetCoverage
{
    /// <summary>The participants x commitments matrix with per-commitment and per-participant figures.</summary>
    public sealed record Coverage(
        string CycleId, DateTime AsOf, string Audience, string Confidentiality, IReadOnlyList<string> CommitmentIds,
        IReadOnlyList<MatrixRow> Matrix, IReadOnlyList<CommitmentSummary> Commitments, IReadOnlyList<string> CommitmentsWithoutObligations);

    public static async Task<Results<Ok<Coverage>, StatusCodeHttpResult, NotFoundProblem>> GetCoverageAsync(
        [AsParameters] ReportQuery query, BriefingPacks packs, HttpContext context, CancellationToken ct)
    {
        var audience = BriefingPacks.AudienceFor(query.Audience);
        if (await packs.NotModifiedAsync(context, query.Id, query.AsOf, audience, "coverage", ct)) return ConditionalGet.NotModified();
        var built = await packs.BuildAsync(query.Id, query.AsOf, audience, ct, withDigests: false);
        if (built.Failure is { } f) return Problems.NotFound(f);
        var p = built.Value!;
        var coverage = new Coverage(p.CycleId, p.AsOf, p.Audience, p.Confidentiality, p.CommitmentIds, p.Matrix, p.Commitments,
            p.CommitmentsWithoutObligations ?? []);
        if (packs.NotModifiedByContent(context, query.AsOf, audience, "coverage", coverage with { AsOf = default })) return ConditionalGet.NotModified();
        return TypedResults.Ok(coverage);
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/{id}/coverage", GetCoverageAsync).Validates<ReportQuery>()
        .WithName("GetCoverage")
        .ProducesHeader(StatusCodes.Status200OK, "ETag", ConditionalGet.Component).Produces(StatusCodes.Status304NotModified)
        .ProducesHeader(StatusCodes.Status304NotModified, "ETag", ConditionalGet.Component)
        .WithSummary("The coverage matrix of a cycle as of a time: each cell's counted status, state, timeliness, evidence count and contested flag; n/a where no obligation exists");
}

using Commitments.Api.Http;
using Commitments.Infrastructure.Reports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Commitments.Api.Features.Reports;

public static class GetFrozenPack
{
    /// <summary>A frozen pack is kept as the JSON bytes it was frozen as, and served only as those.</summary>
    public static readonly IReadOnlyList<string> Formats = ["application/json"];

    public static async Task<Results<FileContentHttpResult, NotFoundProblem, NotAcceptableProblem>> GetFrozenPackAsync(
        string packId, ReportStore reports, HttpContext context, CancellationToken ct)
    {
        context.Response.Headers.Vary = HeaderNames.Accept;
        if (ContentNegotiation.Choose(context.Request, Formats) is null) return ContentNegotiation.NotAcceptable(Formats);
        if (await reports.PackAsync(packId, ct) is not { } pack) return Problems.NotFound("Briefing pack", packId);
        context.Response.Headers.ETag = $"\"{pack.ContentHash}\"";
        return TypedResults.Bytes(System.Text.Encoding.UTF8.GetBytes(pack.Content), "application/json");
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/{packId}", GetFrozenPackAsync)
        .WithName("GetFrozenPack")
        .WithSummary("A frozen briefing pack: exactly the same bytes every time (ETag is their SHA-256); JSON only")
        .Produces<Domain.Reports.BriefingPack>().ProducesHeader(StatusCodes.Status200OK, "ETag");
}

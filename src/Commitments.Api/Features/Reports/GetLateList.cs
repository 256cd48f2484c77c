using Commitments.Api.Http;
using Commitments.Domain.Reports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commitments.Api.Features.Reports;

public static class GetLateList
{
    public sealed record LateList(string CycleId, DateTime AsOf, string Audience, IReadOnlyList<LateEntry> Items);

    public static async Task<Results<Ok<LateList>, StatusCodeHttpResult, NotFoundProblem>> GetLateListAsync(
        [AsParameters] ReportQuery query, BriefingPacks packs, HttpContext context, CancellationToken ct)
    {
        var audience = BriefingPacks.AudienceFor(query.Audience);
        if (await packs.NotModifiedAsync(context, query.Id, query.AsOf, audience, "late", ct)) return ConditionalGet.NotModified();
        var built = await packs.BuildAsync(query.Id, query.AsOf, audience, ct, withDigests: false);
        if (built.Failure is { } f) return Problems.NotFound(f);
        var late = new LateList(built.Value!.CycleId, built.Value.AsOf, built.Value.Audience, built.Value.Late);
        if (packs.NotModifiedByContent(context, query.AsOf, audience, "late", late with { AsOf = default })) return ConditionalGet.NotModified();
        return TypedResults.Ok(late);
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/{id}/late", GetLateListAsync).Validates<ReportQuery>()
        .WithName("GetLateList")
        .ProducesHeader(StatusCodes.Status200OK, "ETag", ConditionalGet.Component).Produces(StatusCodes.Status304NotModified)
        .ProducesHeader(StatusCodes.Status304NotModified, "ETag", ConditionalGet.Component)
        .WithSummary("Late, overdue and missing submissions of a cycle as of a time, most days overdue first");
}

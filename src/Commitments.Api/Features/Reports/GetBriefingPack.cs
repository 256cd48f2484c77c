using Commitments.Domain.Reports;

namespace Commitments.Api.Features.Reports;

public static class GetBriefingPack
{
    public sealed record Query(string CycleId, DateTime? AsOf, Audience Audience) : IQuery<Outcome<BriefingPack>>;

    public sealed class Handler(BriefingPacks packs) : IQueryHandler<Query, Outcome<BriefingPack>>
    {
        public async ValueTask<Outcome<BriefingPack>> Handle(Query query, CancellationToken ct) =>
            await packs.BuildAsync(query.CycleId, query.AsOf, query.Audience, ct);
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/{id}/briefing-pack", async (string id, DateTime? asOf, string? audience, BriefingPacks packs, IMediator mediator,
            HttpContext context, CancellationToken ct) =>
        {
            var outcome = await mediator.Send(new Query(id, asOf, BriefingPacks.AudienceFor(audience)), ct);
            return outcome.ToResult(pack =>
            {
                var accept = context.Request.Headers.Accept.ToString();
                if (accept.Contains("text/csv", StringComparison.OrdinalIgnoreCase))
                    return TypedResults.Text(PackCsv.Render(pack), "text/csv; charset=utf-8");
                if (accept.Contains("text/html", StringComparison.OrdinalIgnoreCase))
                    return TypedResults.Text(PackHtml.Render(pack), "text/html; charset=utf-8");
                return TypedResults.Bytes(packs.Serialize(pack), "application/json");
            });
        })
        .WithName("GetBriefingPack")
        .WithSummary("The Leaders' Session briefing pack of a cycle as of a time: JSON by default, Accept: text/csv for CSV, Accept: text/html for a printable page")
        .Produces<BriefingPack>(StatusCodes.Status200OK, "application/json", "text/csv", "text/html")
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
}

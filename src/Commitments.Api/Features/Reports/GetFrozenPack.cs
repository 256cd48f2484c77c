using Commitments.Domain.Reports;
using Commitments.Infrastructure.Reports;

namespace Commitments.Api.Features.Reports;

public static class GetFrozenPack
{
    public sealed record Query(string Id) : IQuery<Outcome<FrozenPack>>;

    public sealed class Handler(ReportStore reports) : IQueryHandler<Query, Outcome<FrozenPack>>
    {
        public async ValueTask<Outcome<FrozenPack>> Handle(Query query, CancellationToken ct) =>
            await reports.PackAsync(query.Id, ct) is { } pack ? pack : Failure.NotFound("Briefing pack", query.Id);
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/{packId}", async (string packId, IMediator mediator, HttpContext context, CancellationToken ct) =>
            (await mediator.Send(new Query(packId), ct)).ToResult(pack =>
            {
                context.Response.Headers.ETag = $"\"{pack.ContentHash}\"";
                return TypedResults.Bytes(System.Text.Encoding.UTF8.GetBytes(pack.Content), "application/json");
            }))
        .WithName("GetFrozenPack")
        .WithSummary("A frozen briefing pack: exactly the same bytes every time (ETag is their SHA-256)")
        .Produces<BriefingPack>().ProducesProblem(StatusCodes.Status404NotFound);
}

using Commitments.Infrastructure.Catalogue;
using Commitments.Infrastructure.Reports;

namespace Commitments.Api.Features.Reports;

public static class ListExemptions
{
    public sealed record Query(string CycleId) : IQuery<Outcome<IReadOnlyList<ExemptObligation.ExemptionDto>>>;

    public sealed class Handler(CatalogueStore catalogue, ReportStore reports) : IQueryHandler<Query, Outcome<IReadOnlyList<ExemptObligation.ExemptionDto>>>
    {
        public async ValueTask<Outcome<IReadOnlyList<ExemptObligation.ExemptionDto>>> Handle(Query query, CancellationToken ct)
        {
            if (await catalogue.CycleAsync(query.CycleId, ct) is null) return Failure.NotFound("Cycle", query.CycleId);
            return (await reports.ExemptionsAsync(query.CycleId, ct))
                .Select(e => new ExemptObligation.ExemptionDto(query.CycleId, e.ParticipantId, e.CommitmentId, e.Reason)).ToList();
        }
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/{id}/exemptions", async (string id, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new Query(id), ct)).ToResult(TypedResults.Ok))
        .WithName("ListExemptions").WithSummary("The obligations exempted from a cycle, with their reasons")
        .Produces<IReadOnlyList<ExemptObligation.ExemptionDto>>().ProducesProblem(StatusCodes.Status404NotFound);
}

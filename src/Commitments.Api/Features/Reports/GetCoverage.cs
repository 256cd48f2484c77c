using Commitments.Domain.Reports;

namespace Commitments.Api.Features.Reports;

public static class GetCoverage
{
    /// <summary>The participants x commitments matrix with per-commitment and per-participant figures.</summary>
    public sealed record Coverage(
        string CycleId, DateTime AsOf, string Audience, string Confidentiality, IReadOnlyList<string> CommitmentIds,
        IReadOnlyList<MatrixRow> Matrix, IReadOnlyList<CommitmentSummary> Commitments);

    public sealed record Query(string CycleId, DateTime? AsOf, Audience Audience) : IQuery<Outcome<Coverage>>;

    public sealed class Handler(BriefingPacks packs) : IQueryHandler<Query, Outcome<Coverage>>
    {
        public async ValueTask<Outcome<Coverage>> Handle(Query query, CancellationToken ct)
        {
            var built = await packs.BuildAsync(query.CycleId, query.AsOf, query.Audience, ct, withDigests: false);
            if (built.Failure is { } f) return f;
            var p = built.Value!;
            return new Coverage(p.CycleId, p.AsOf, p.Audience, p.Confidentiality, p.CommitmentIds, p.Matrix, p.Commitments);
        }
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/{id}/coverage", async (string id, DateTime? asOf, string? audience, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new Query(id, asOf, BriefingPacks.AudienceFor(audience)), ct)).ToResult(TypedResults.Ok))
        .WithName("GetCoverage")
        .WithSummary("The coverage matrix of a cycle as of a time: each cell's counted status, state, timeliness, evidence count and contested flag; n/a where no obligation exists")
        .Produces<Coverage>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
}

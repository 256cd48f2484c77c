using Commitments.Domain.Reports;

namespace Commitments.Api.Features.Reports;

public static class GetLateList
{
    public sealed record LateList(string CycleId, DateTime AsOf, string Audience, IReadOnlyList<LateEntry> Items);

    public sealed record Query(string CycleId, DateTime? AsOf, Audience Audience) : IQuery<Outcome<LateList>>;

    public sealed class Handler(BriefingPacks packs) : IQueryHandler<Query, Outcome<LateList>>
    {
        public async ValueTask<Outcome<LateList>> Handle(Query query, CancellationToken ct)
        {
            var built = await packs.BuildAsync(query.CycleId, query.AsOf, query.Audience, ct, withDigests: false);
            if (built.Failure is { } f) return f;
            return new LateList(built.Value!.CycleId, built.Value.AsOf, built.Value.Audience, built.Value.Late);
        }
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/{id}/late", async (string id, DateTime? asOf, string? audience, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new Query(id, asOf, BriefingPacks.AudienceFor(audience)), ct)).ToResult(TypedResults.Ok))
        .WithName("GetLateList")
        .WithSummary("Late, overdue and missing submissions of a cycle as of a time, most days overdue first")
        .Produces<LateList>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
}

using Commitments.Api.Features.Catalogue;
using Commitments.Infrastructure.Catalogue;

namespace Commitments.Api.Features.Commitments;

public static class ListCommitments
{
    public sealed record Query(string? Instrument, AppliesTo? AppliesTo) : IQuery<IReadOnlyList<CommitmentDto>>;

    public sealed class Handler(CatalogueStore store) : IQueryHandler<Query, IReadOnlyList<CommitmentDto>>
    {
        public async ValueTask<IReadOnlyList<CommitmentDto>> Handle(Query query, CancellationToken ct) =>
            (await store.CommitmentsAsync(query.Instrument, query.AppliesTo, ct)).Select(CommitmentDto.From).ToList();
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/", async (string? instrument, string? appliesTo, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new Query(instrument, Inputs.Code<AppliesTo>(appliesTo, "appliesTo")), ct)))
        .AllowAnonymous()
        .WithName("ListCommitments")
        .WithSummary("List commitments, optionally by instrument code and by whom they apply to (governments, companies, all)")
        .ProducesValidationProblem();
}

using Commitments.Api.Features.Catalogue;
using Commitments.Infrastructure.Catalogue;

namespace Commitments.Api.Features.Commitments;

public static class GetCommitment
{
    public sealed record Query(string Id) : IQuery<Outcome<CommitmentDto>>;

    public sealed class Handler(CatalogueStore store) : IQueryHandler<Query, Outcome<CommitmentDto>>
    {
        public async ValueTask<Outcome<CommitmentDto>> Handle(Query query, CancellationToken ct) =>
            await store.CommitmentAsync(query.Id, ct) is { } c ? CommitmentDto.From(c) : Failure.NotFound("Commitment", query.Id);
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/{id}", async (string id, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new Query(id), ct)).ToResult(TypedResults.Ok))
        .AllowAnonymous()
        .WithName("GetCommitment").WithSummary("Get one commitment by id (e.g. BD-7c)")
        .Produces<CommitmentDto>().ProducesProblem(StatusCodes.Status404NotFound);
}

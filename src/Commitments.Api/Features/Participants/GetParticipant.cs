using Commitments.Api.Features.Catalogue;
using Commitments.Infrastructure.Catalogue;

namespace Commitments.Api.Features.Participants;

public static class GetParticipant
{
    public sealed record Query(string Id) : IQuery<Outcome<ParticipantDto>>;

    public sealed class Handler(CatalogueStore store) : IQueryHandler<Query, Outcome<ParticipantDto>>
    {
        public async ValueTask<Outcome<ParticipantDto>> Handle(Query query, CancellationToken ct) =>
            await store.ParticipantAsync(query.Id, ct) is { } p ? ParticipantDto.From(p) : Failure.NotFound("Participant", query.Id);
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/{id}", async (string id, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new Query(id), ct)).ToResult(TypedResults.Ok))
        .AllowAnonymous()
        .WithName("GetParticipant").WithSummary("Get one participant (e.g. GB, EU, anthropic) with its endorsements")
        .Produces<ParticipantDto>().ProducesProblem(StatusCodes.Status404NotFound);
}

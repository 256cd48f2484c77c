using Commitments.Api.Features.Catalogue;
using Commitments.Infrastructure.Catalogue;

namespace Commitments.Api.Features.Participants;

public static class ListParticipants
{
    public sealed record Query(ParticipantKind? Kind) : IQuery<IReadOnlyList<ParticipantDto>>;

    public sealed class Handler(CatalogueStore store) : IQueryHandler<Query, IReadOnlyList<ParticipantDto>>
    {
        public async ValueTask<IReadOnlyList<ParticipantDto>> Handle(Query query, CancellationToken ct) =>
            (await store.ParticipantsAsync(query.Kind, ct)).Select(ParticipantDto.From).ToList();
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/", async (string? kind, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new Query(Inputs.Code<ParticipantKind>(kind, "kind")), ct)))
        .AllowAnonymous()
        .WithName("ListParticipants")
        .WithSummary("List participants with their aliases and endorsements, optionally of one kind (government, international_organisation, company)")
        .ProducesValidationProblem();
}

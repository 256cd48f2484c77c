using Commitments.Api.Features.Catalogue;
using Commitments.Infrastructure.Catalogue;

namespace Commitments.Api.Features.Participants;

public static class GetObligations
{
    public sealed record Query(string ParticipantId, string CycleId) : IQuery<Outcome<ObligationsDto>>;

    public sealed class Handler(CatalogueStore store) : IQueryHandler<Query, Outcome<ObligationsDto>>
    {
        public async ValueTask<Outcome<ObligationsDto>> Handle(Query query, CancellationToken ct)
        {
            if (await store.ParticipantAsync(query.ParticipantId, ct) is not { } participant) return Failure.NotFound("Participant", query.ParticipantId);
            if (await store.CycleAsync(query.CycleId, ct) is not { } cycle) return Failure.NotFound("Cycle", query.CycleId);
            var commitments = await ObligationRules.ForAsync(store, participant, cycle, ct);
            return new ObligationsDto(participant.Id, cycle.Id, commitments.Select(CommitmentDto.From).ToList());
        }
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/{id}/obligations", async (string id, string? cycle, IMediator mediator, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(cycle)) throw new RequestValidationException("cycle", "cycle is required: the id of a reporting cycle, e.g. seoul-2024.");
            return (await mediator.Send(new Query(id, cycle), ct)).ToResult(TypedResults.Ok);
        })
        .AllowAnonymous()
        .WithName("GetObligations")
        .WithSummary("The commitments a participant must report on in a cycle: endorsed instruments in the cycle's scope, commitments that apply to its kind")
        .Produces<ObligationsDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
}

public static class ObligationRules
{
    public static async Task<IReadOnlyList<Commitment>> ForAsync(CatalogueStore store, Participant participant, Cycle cycle, CancellationToken ct)
    {
        var endorsed = participant.Endorsements.Select(e => e.InstrumentCode).ToHashSet();
        var candidates = await store.ObligationCandidatesAsync(participant.Id, cycle.Id, ct);
        return candidates.Where(c => Obligations.Exists(participant.Kind, endorsed, cycle.Instruments.ToHashSet(), c.InstrumentCode, c.AppliesTo)).ToList();
    }
}

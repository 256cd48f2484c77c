using Commitments.Domain.Reports;

namespace Commitments.Api.Features.Reports;

public static class GetDigest
{
    public sealed record Digest(string CycleId, DateTime AsOf, string Audience, string Confidentiality, ParticipantDigest Participant);

    public sealed record Query(string ParticipantId, string CycleId, DateTime? AsOf) : IQuery<Outcome<Digest>>;

    public sealed class Handler(BriefingPacks packs, RequestContext request) : IQueryHandler<Query, Outcome<Digest>>
    {
        public async ValueTask<Outcome<Digest>> Handle(Query query, CancellationToken ct)
        {
            var actor = request.Actor;
            if (!actor.IsSecretariat && actor.ParticipantId != query.ParticipantId)
                return Failure.Forbidden($"A liaison may pull only its own participant's digest ({actor.ParticipantId}).");
            var audience = actor.IsSecretariat ? Audience.Secretariat : Audience.Participant(query.ParticipantId);
            var built = await packs.BuildAsync(query.CycleId, query.AsOf, audience, ct);
            if (built.Failure is { } f) return f;
            var digest = built.Value!.Digests.FirstOrDefault(d => d.ParticipantId == query.ParticipantId);
            if (digest is null) return Failure.NotFound($"Obligations in cycle '{query.CycleId}' for participant", query.ParticipantId);
            return new Digest(built.Value.CycleId, built.Value.AsOf, built.Value.Audience, built.Value.Confidentiality, digest);
        }
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/{id}/digest", async (string id, string? cycle, DateTime? asOf, IMediator mediator, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(cycle)) throw new RequestValidationException("cycle", "cycle is required: the id of a reporting cycle.");
            return (await mediator.Send(new Query(id, cycle, asOf), ct)).ToResult(TypedResults.Ok);
        })
        .WithName("GetDigest")
        .WithSummary("A participant's digest for a cycle: endorsements, statuses, main messages, evidence, changes since the last frozen pack")
        .Produces<Digest>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
}

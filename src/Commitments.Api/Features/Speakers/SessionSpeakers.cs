using Commitments.Api.Http;
using Commitments.Infrastructure.Catalogue;
using Commitments.Infrastructure.Speakers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commitments.Api.Features.Speakers;

/// <summary>
/// The participants the secretariat requested to speak at a cycle's session ("a limited number of participants will be requested
/// to update on how they are fulfilling the commitments"): the briefing pack leads with them.
/// </summary>
public static class SessionSpeakers
{
    /// <summary>A session hears a limited number of participants; a longer list is a mistake, not a programme.</summary>
    public const int MaxSpeakers = 30;

    /// <summary>The speakers in running order; an empty list names none.</summary>
    /// <param name="ParticipantIds">Participant ids, each at most once, each with obligations in the cycle; at most 30.</param>
    public sealed record Request(IReadOnlyList<string>? ParticipantIds);

    public sealed record Speaker(string ParticipantId, string Name, ParticipantKind Kind);

    /// <summary>A cycle's session speakers in running order, and when the list was named (null when none ever was).</summary>
    public sealed record SpeakersDto(string CycleId, IReadOnlyList<Speaker> Speakers, DateTime? NamedAt);

    public sealed record Command(string CycleId, Request Body) : ICommand<Outcome<SpeakersDto>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Body.ParticipantIds).NotNull().WithMessage("participantIds is required: a list of participant ids, [] for none.")
                .OverridePropertyName("participantIds");
            RuleFor(c => c.Body.ParticipantIds).ItemCount(0, MaxSpeakers)
                .WithMessage($"At most {MaxSpeakers} speakers.").OverridePropertyName("participantIds");
            RuleFor(c => c.Body.ParticipantIds).Must(ids => ids!.Distinct(StringComparer.Ordinal).Count() == ids!.Count)
                .When(c => c.Body.ParticipantIds is not null).WithMessage("Each participant is named at most once.").OverridePropertyName("participantIds");
            RuleForEach(c => c.Body.ParticipantIds).NotEmpty().MaximumLength(64).When(c => c.Body.ParticipantIds is not null)
                .OverridePropertyName("participantIds");
        }
    }

    public sealed class Handler(CatalogueStore catalogue, SpeakerStore speakers, AuditTrail audit, TimeProvider clock)
        : ICommandHandler<Command, Outcome<SpeakersDto>>
    {
        public async ValueTask<Outcome<SpeakersDto>> Handle(Command command, CancellationToken ct)
        {
            if (await catalogue.CycleAsync(command.CycleId, ct) is not { } cycle) return Failure.NotFound("Cycle", command.CycleId);
            var ids = command.Body.ParticipantIds!;
            var commitments = await catalogue.CommitmentsAsync(null, null, ct);
            List<Speaker> named = [];
            for (var i = 0; i < ids.Count; i++)
            {
                var field = $"participantIds[{i}]";
                if (await catalogue.ParticipantAsync(ids[i], ct) is not { } participant)
                    return Failure.UnknownReference(field, $"Participant '{ids[i]}' does not exist.");
                // A speaker updates on its obligations: one with none in the cycle would have nothing to say.
                if (!commitments.Any(c => Obligations.Exists(participant, cycle, c)))
                    return Failure.UnknownReference(field, $"{participant.Id} has no obligations in cycle '{cycle.Id}'.");
                named.Add(new Speaker(participant.Id, participant.Name, participant.Kind));
            }
            var before = await speakers.CurrentAsync(cycle.Id, ct);
            var now = clock.GetUtcNow().UtcDateTime;
            await speakers.ReplaceAsync(cycle.Id, ids, now, ct);
            var dto = new SpeakersDto(cycle.Id, named, now);
            await audit.RecordAsync("cycle.speakers", "cycle", cycle.Id, new { participantIds = before.Select(s => s.ParticipantId).ToList() },
                new { participantIds = ids }, ct);
            return dto;
        }
    }

    public static async Task<Results<Ok<SpeakersDto>, NotFoundProblem>> GetSpeakersAsync(string id, CatalogueStore catalogue, SpeakerStore speakers,
        CancellationToken ct)
    {
        if (await catalogue.CycleAsync(id, ct) is null) return Problems.NotFound("Cycle", id);
        var rows = await speakers.CurrentAsync(id, ct);
        var participants = (await catalogue.ParticipantsAsync(null, ct)).ToDictionary(p => p.Id);
        return TypedResults.Ok(new SpeakersDto(id,
            rows.Select(r => new Speaker(r.ParticipantId, participants[r.ParticipantId].Name, participants[r.ParticipantId].Kind)).ToList(),
            rows.Count == 0 ? null : rows[0].NamedAt));
    }

    public static RouteGroupBuilder MapSpeakers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/cycles").WithTags("Speakers");
        group.MapGet("/{id}/speakers", GetSpeakersAsync).RequireAuthorization(Policies.KeyHolder)
            .WithName("GetSessionSpeakers").WithSummary("The participants requested to speak at the cycle's session, in running order (any key)");
        group.MapPut("/{id}/speakers", async (string id, Request body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(id, body), ct)).ToResult(TypedResults.Ok))
            .RequireAuthorization(Policies.Secretariat)
            .WithName("SetSessionSpeakers")
            .WithSummary("Name the participants requested to speak at the cycle's session, in running order, replacing the list (secretariat, audited)")
            .Produces<SpeakersDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return group;
    }
}

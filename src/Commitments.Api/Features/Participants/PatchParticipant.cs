using Commitments.Api.Http;
using Commitments.Api.Features.Catalogue;
using Commitments.Infrastructure.Catalogue;

namespace Commitments.Api.Features.Participants;

public static class PatchParticipant
{
    /// <summary>Fields to change; those left out keep their value. Aliases and endorsements, when given, replace the lists.</summary>
    public sealed record Request(
        string? Name, string? ParentId, string? HomeGovernment, IReadOnlyList<string>? Aliases, IReadOnlyList<EndorsementInput>? Endorsements,
        bool? ReportsThroughParent = null);

    public sealed record Command(string Id, Request Body) : ICommand<Outcome<ParticipantDto>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Body.Name).NotEmpty().MaximumLength(200).IsCarriableText().When(c => c.Body.Name is not null).OverridePropertyName("name");
            RuleFor(c => c.Body.ParentId).MaximumLength(64).OverridePropertyName("parentId");
            RuleFor(c => c.Body.ParentId).NotEqual(c => c.Id).When(c => c.Body.ParentId is not null)
                .WithMessage(ParticipantRules.OwnParent).OverridePropertyName("parentId");
            RuleFor(c => c.Body.HomeGovernment).Matches(@"\A[A-Z]{2}\z").When(c => c.Body.HomeGovernment is not null)
                .WithMessage("homeGovernment must be a government's ISO 3166-1 alpha-2 code.").OverridePropertyName("homeGovernment");
            ParticipantRules.AddAliasRules(this, c => c.Body.Aliases);
            ParticipantRules.AddEndorsementRules(this, c => c.Body.Endorsements);
        }
    }

    public sealed class Handler(CatalogueStore store, AuditTrail audit, TimeProvider clock) : ICommandHandler<Command, Outcome<ParticipantDto>>
    {
        public async ValueTask<Outcome<ParticipantDto>> Handle(Command command, CancellationToken ct)
        {
            if (await store.ParticipantAsync(command.Id, ct) is not { } before) return Failure.NotFound("Participant", command.Id);
            var body = command.Body;
            if (await ParticipantRules.UnknownParentAsync(store, body.ParentId, ct) is { } unknownParent) return unknownParent;
            Outcome<List<Endorsement>> endorsements = body.Endorsements is null ? before.Endorsements.ToList() : await ParticipantRules.EndorsementsAsync(store, body.Endorsements, ct);
            if (endorsements.Failure is { } unknownInstrument) return unknownInstrument;
            var after = before with
            {
                Name = body.Name ?? before.Name,
                ParentId = body.ParentId ?? before.ParentId,
                HomeGovernment = body.HomeGovernment ?? before.HomeGovernment,
                Aliases = body.Aliases?.Distinct().ToList() ?? before.Aliases,
                Endorsements = endorsements.Value!,
                ReportsThroughParent = body.ReportsThroughParent ?? before.ReportsThroughParent,
            };
            if (after.ReportsThroughParent && after.ParentId is null)
                return Failure.InField("reportsThroughParent", ParticipantRules.ReportsThroughNeedsParent);
            await store.UpdateParticipantAsync(after, clock.GetUtcNow().UtcDateTime, ct);
            var dto = ParticipantDto.From(after);
            await audit.RecordAsync("participant.update", "participant", after.Id, ParticipantDto.From(before), dto, ct);
            return dto;
        }
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapPatch("/{id}", async (string id, Request body, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new Command(id, body), ct)).ToResult(TypedResults.Ok))
        .RequireAuthorization(Policies.Secretariat)
        .WithName("PatchParticipant").WithSummary("Change a participant's name, parent, reporting through it, home government, aliases or endorsements (secretariat)")
        .Produces<ParticipantDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}

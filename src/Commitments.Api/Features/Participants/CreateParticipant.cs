using Commitments.Api.Http;
using Commitments.Api.Features.Catalogue;
using Commitments.Infrastructure.Catalogue;

namespace Commitments.Api.Features.Participants;

public static class CreateParticipant
{
    /// <summary>A new participant.</summary>
    /// <param name="Id">ISO 3166-1 alpha-2 for a government (GB), 2-8 capitals for an international organisation (EU), a lower-case slug for a company (anthropic).</param>
    /// <param name="Name">Display name, at most 200 characters.</param>
    /// <param name="Kind">government, international_organisation or company.</param>
    /// <param name="ParentId">For a company, its parent company's id, if any.</param>
    /// <param name="HomeGovernment">For a company, its headquarters country (ISO 3166-1 alpha-2).</param>
    /// <param name="Aliases">Other names used in instruments (at most 20).</param>
    /// <param name="Endorsements">Instruments it endorsed (at most 20).</param>
    /// <param name="ReportsThroughParent">True when its parent's updates cover it (needs parentId); default false.</param>
    public sealed record Request(
        string? Id, string? Name, ParticipantKind? Kind, string? ParentId, string? HomeGovernment,
        IReadOnlyList<string>? Aliases, IReadOnlyList<EndorsementInput>? Endorsements, bool? ReportsThroughParent = null);

    public sealed record Command(Request Body) : ICommand<Outcome<ParticipantDto>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Body.Id).NotEmpty().MaximumLength(64).OverridePropertyName("id");
            RuleFor(c => c.Body.Id).Must((c, id) => ParticipantRules.IdFits(id!, c.Body.Kind!.Value))
                .When(c => !string.IsNullOrEmpty(c.Body.Id) && c.Body.Kind is not null).OverridePropertyName("id")
                .WithMessage("id must be ISO 3166-1 alpha-2 for a government (GB), 2-8 capitals for an international organisation (EU), or a lower-case slug for a company (anthropic).");
            RuleFor(c => c.Body.Name).NotEmpty().MaximumLength(200).IsCarriableText().OverridePropertyName("name");
            RuleFor(c => c.Body.Kind).NotNull().OverridePropertyName("kind");
            RuleFor(c => c.Body.ParentId).MaximumLength(64).OverridePropertyName("parentId");
            RuleFor(c => c.Body.ParentId).NotEqual(c => c.Body.Id).When(c => c.Body.ParentId is not null)
                .WithMessage(ParticipantRules.OwnParent).OverridePropertyName("parentId");
            RuleFor(c => c.Body.HomeGovernment).Matches(@"\A[A-Z]{2}\z").When(c => c.Body.HomeGovernment is not null)
                .WithMessage("homeGovernment must be a government's ISO 3166-1 alpha-2 code.").OverridePropertyName("homeGovernment");
            RuleFor(c => c.Body.ReportsThroughParent).Must(r => r != true).When(c => c.Body.ParentId is null)
                .WithMessage(ParticipantRules.ReportsThroughNeedsParent).OverridePropertyName("reportsThroughParent");
            ParticipantRules.AddAliasRules(this, c => c.Body.Aliases);
            ParticipantRules.AddEndorsementRules(this, c => c.Body.Endorsements);
        }
    }

    public sealed class Handler(CatalogueStore store, AuditTrail audit, TimeProvider clock) : ICommandHandler<Command, Outcome<ParticipantDto>>
    {
        public async ValueTask<Outcome<ParticipantDto>> Handle(Command command, CancellationToken ct)
        {
            var body = command.Body;
            if (await store.ParticipantAsync(body.Id!, ct) is not null) return Failure.Conflict($"Participant '{body.Id}' already exists.") with { Type = ProblemTypes.AlreadyExists };
            if (await ParticipantRules.UnknownParentAsync(store, body.ParentId, ct) is { } unknownParent) return unknownParent;
            var endorsements = await ParticipantRules.EndorsementsAsync(store, body.Endorsements ?? [], ct);
            if (endorsements.Failure is { } unknownInstrument) return unknownInstrument;
            var participant = new Participant(body.Id!, body.Name!, body.Kind!.Value, body.ParentId, body.HomeGovernment,
                (body.Aliases ?? []).Distinct().ToList(), endorsements.Value!, body.ReportsThroughParent ?? false);
            await store.InsertParticipantAsync(participant, clock.GetUtcNow().UtcDateTime, ct);
            var dto = ParticipantDto.From(participant);
            await audit.RecordAsync("participant.create", "participant", participant.Id, null, dto, ct);
            return dto;
        }
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapPost("/", async (Request body, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new Command(body), ct)).ToResult(p => TypedResults.Created($"/v1/participants/{p.Id}", p)))
        .RequireAuthorization(Policies.Secretariat)
        .WithName("CreateParticipant").WithSummary("Add a participant with its aliases and endorsements (secretariat)")
        .Produces<ParticipantDto>(StatusCodes.Status201Created)
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}

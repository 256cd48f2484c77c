using Commitments.Api.Http;
using Commitments.Api.Features.Catalogue;
using Commitments.Infrastructure.Catalogue;

namespace Commitments.Api.Features.Cycles;

public static class PatchCycle
{
    /// <summary>Fields to change; those left out keep their value. The dates must stay in order.</summary>
    public sealed record Request(
        string? Title, DateTime? OpensAt, DateTime? DueAt, DateTime? GraceUntil, CycleState? State,
        [property: System.ComponentModel.DataAnnotations.DataType(System.ComponentModel.DataAnnotations.DataType.Date)] string? SessionOn,
        IReadOnlyList<string>? Instruments, string? Description = null);

    public sealed record Command(string Id, Request Body) : ICommand<Outcome<CycleDto>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Body.Title).NotEmpty().MaximumLength(200).IsCarriableText().When(c => c.Body.Title is not null).OverridePropertyName("title");
            RuleFor(c => c.Body.Description).MaximumLength(2000).IsCarriableText().OverridePropertyName("description");
            RuleFor(c => c.Body.SessionOn).Must(Participants.ParticipantRules.IsDate).OverridePropertyName("sessionOn")
                .WithMessage("sessionOn must be a date, yyyy-MM-dd.");
            CycleRules.AddInstrumentRules(this, c => c.Body.Instruments);
        }
    }

    public sealed class Handler(CatalogueStore store, AuditTrail audit, TimeProvider clock) : ICommandHandler<Command, Outcome<CycleDto>>
    {
        public async ValueTask<Outcome<CycleDto>> Handle(Command command, CancellationToken ct)
        {
            if (await store.CycleAsync(command.Id, ct) is not { } before) return Failure.NotFound("Cycle", command.Id);
            var body = command.Body;
            var after = before with
            {
                Title = body.Title ?? before.Title,
                OpensAt = body.OpensAt is { } o ? Inputs.Utc(o) : before.OpensAt,
                DueAt = body.DueAt is { } d ? Inputs.Utc(d) : before.DueAt,
                GraceUntil = body.GraceUntil is { } g ? Inputs.Utc(g) : before.GraceUntil,
                State = body.State ?? before.State,
                SessionOn = body.SessionOn ?? before.SessionOn,
                Description = body.Description ?? before.Description,
                Instruments = body.Instruments?.Distinct().ToList() ?? before.Instruments,
            };
            CycleRules.CheckDates(after.OpensAt, after.DueAt, after.GraceUntil);
            if (await CycleRules.UnknownInstrumentAsync(store, after.Instruments, ct) is { } unknown) return unknown;
            await store.UpdateCycleAsync(after, clock.GetUtcNow().UtcDateTime, ct);
            var dto = CycleDto.From(after);
            await audit.RecordAsync("cycle.update", "cycle", after.Id, CycleDto.From(before), dto, ct);
            return dto;
        }
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapPatch("/{id}", async (string id, Request body, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new Command(id, body), ct)).ToResult(TypedResults.Ok))
        .RequireAuthorization(Policies.Secretariat)
        .WithName("PatchCycle").WithSummary("Change a cycle's title, dates, state or instruments in scope (secretariat)")
        .Produces<CycleDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}

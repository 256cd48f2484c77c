using Commitments.Api.Http;
using Commitments.Api.Features.Catalogue;
using Commitments.Infrastructure.Catalogue;

namespace Commitments.Api.Features.Cycles;

public static class CreateCycle
{
    /// <summary>A new reporting cycle. Times are UTC (ISO 8601); opensAt &lt; dueAt &lt;= graceUntil.</summary>
    /// <param name="Id">A lower-case slug, e.g. paris-2025.</param>
    /// <param name="Title">At most 200 characters.</param>
    /// <param name="OpensAt">When liaisons may start filing.</param>
    /// <param name="DueAt">The due date: updates first submitted by then are on time.</param>
    /// <param name="GraceUntil">End of the grace period: after it, an obligation with nothing submitted is missing.</param>
    /// <param name="State">planned, open or closed; default planned. Liaisons cannot change updates of a closed cycle.</param>
    /// <param name="SessionOn">Date of the session the cycle feeds (yyyy-MM-dd).</param>
    /// <param name="Instruments">Instrument codes in scope (1 to 20).</param>
    /// <param name="Description">What the cycle is for and which dates are illustrative, at most 2000 characters.</param>
    public sealed record Request(
        string? Id, string? Title, DateTime? OpensAt, DateTime? DueAt, DateTime? GraceUntil, CycleState? State,
        [property: System.ComponentModel.DataAnnotations.DataType(System.ComponentModel.DataAnnotations.DataType.Date)] string? SessionOn,
        IReadOnlyList<string>? Instruments, string? Description = null);

    public sealed record Command(Request Body) : ICommand<Outcome<CycleDto>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Body.Id).NotEmpty().Matches(CycleRules.IdPattern).OverridePropertyName("id")
                .WithMessage("id must be a lower-case slug of 2 to 64 letters, digits and hyphens (e.g. paris-2025).");
            RuleFor(c => c.Body.Title).NotEmpty().MaximumLength(200).IsCarriableText().OverridePropertyName("title");
            RuleFor(c => c.Body.Description).MaximumLength(2000).IsCarriableText().OverridePropertyName("description");
            RuleFor(c => c.Body.OpensAt).NotNull().OverridePropertyName("opensAt");
            RuleFor(c => c.Body.DueAt).NotNull().OverridePropertyName("dueAt");
            RuleFor(c => c.Body.GraceUntil).NotNull().OverridePropertyName("graceUntil");
            RuleFor(c => c.Body.SessionOn).Must(Participants.ParticipantRules.IsDate).OverridePropertyName("sessionOn")
                .WithMessage("sessionOn must be a date, yyyy-MM-dd.");
            RuleFor(c => c.Body.Instruments).NotNull().OverridePropertyName("instruments");
            CycleRules.AddInstrumentRules(this, c => c.Body.Instruments);
        }
    }

    public sealed class Handler(CatalogueStore store, AuditTrail audit, TimeProvider clock) : ICommandHandler<Command, Outcome<CycleDto>>
    {
        public async ValueTask<Outcome<CycleDto>> Handle(Command command, CancellationToken ct)
        {
            var body = command.Body;
            var cycle = new Cycle(body.Id!, body.Title!, Inputs.Utc(body.OpensAt!.Value), Inputs.Utc(body.DueAt!.Value),
                Inputs.Utc(body.GraceUntil!.Value), body.State ?? CycleState.Planned, body.SessionOn, body.Instruments!.Distinct().ToList(), body.Description);
            CycleRules.CheckDates(cycle.OpensAt, cycle.DueAt, cycle.GraceUntil);
            if (await CycleRules.UnknownInstrumentAsync(store, cycle.Instruments, ct) is { } unknown) return unknown;
            if (await store.CycleAsync(cycle.Id, ct) is not null) return Failure.Conflict($"Cycle '{cycle.Id}' already exists.") with { Type = ProblemTypes.AlreadyExists };
            await store.InsertCycleAsync(cycle, clock.GetUtcNow().UtcDateTime, ct);
            var dto = CycleDto.From(cycle);
            await audit.RecordAsync("cycle.create", "cycle", cycle.Id, null, dto, ct);
            return dto;
        }
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapPost("/", async (Request body, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new Command(body), ct)).ToResult(c => TypedResults.Created($"/v1/cycles/{c.Id}", c)))
        .RequireAuthorization(Policies.Secretariat)
        .WithName("CreateCycle").WithSummary("Open a new reporting cycle: dates, state and instruments in scope (secretariat)")
        .Produces<CycleDto>(StatusCodes.Status201Created)
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}

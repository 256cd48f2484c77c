using Commitments.Api.Http;
using Commitments.Infrastructure.Catalogue;
using Commitments.Infrastructure.Reports;

namespace Commitments.Api.Features.Reports;

public static class ExemptObligation
{
    /// <summary>An obligation to exempt from the cycle: its timeliness becomes exempt and it leaves every denominator.</summary>
    /// <param name="ParticipantId">The participant.</param>
    /// <param name="CommitmentId">One of its obligations in the cycle.</param>
    /// <param name="Reason">Why, 1 to 500 characters; shown to the secretariat.</param>
    public sealed record Request(string? ParticipantId, string? CommitmentId, [property: System.ComponentModel.DataAnnotations.MaxLength(500)] string? Reason);

    public sealed record ExemptionDto(string CycleId, string ParticipantId, string CommitmentId, string Reason);

    public sealed record Command(string CycleId, Request Body) : ICommand<Outcome<ExemptionDto>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Body.ParticipantId).NotEmpty().MaximumLength(64);
            RuleFor(c => c.Body.CommitmentId).NotEmpty().MaximumLength(32);
            RuleFor(c => c.Body.Reason).NotEmpty().MaximumLength(500).IsCarriableText();
        }
    }

    public sealed class Handler(CatalogueStore catalogue, ReportStore reports, AuditTrail audit, TimeProvider clock) : ICommandHandler<Command, Outcome<ExemptionDto>>
    {
        public async ValueTask<Outcome<ExemptionDto>> Handle(Command command, CancellationToken ct)
        {
            var body = command.Body;
            if (await catalogue.CycleAsync(command.CycleId, ct) is not { } cycle) return Failure.NotFound("Cycle", command.CycleId);
            if (await catalogue.ParticipantAsync(body.ParticipantId!, ct) is not { } participant)
                return Failure.UnknownReference("participantId", $"Participant '{body.ParticipantId}' does not exist.");
            if (await catalogue.CommitmentAsync(body.CommitmentId!, ct) is not { } commitment)
                return Failure.UnknownReference("commitmentId", $"Commitment '{body.CommitmentId}' does not exist.");
            if (Obligations.WhyNot(participant, cycle, commitment) is { } why) return Failure.NotAnObligation("commitmentId", why);
            var exemption = new Exemption
            {
                ParticipantId = participant.Id, CommitmentId = commitment.Id, Reason = body.Reason!, RecordedAt = clock.GetUtcNow().UtcDateTime,
            };
            if (!await reports.InsertExemptionAsync(cycle.Id, exemption, ct))
                return Failure.Conflict($"{participant.Id} x {body.CommitmentId} is already exempt in cycle '{cycle.Id}'.") with { Type = ProblemTypes.AlreadyExists };
            var dto = new ExemptionDto(cycle.Id, exemption.ParticipantId, exemption.CommitmentId, exemption.Reason);
            await audit.RecordAsync("obligation.exempt", "cycle", cycle.Id, null, dto, ct);
            return dto;
        }
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapPost("/{id}/exemptions", async (string id, Request body, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new Command(id, body), ct)).ToResult(e => TypedResults.Created($"/v1/cycles/{id}/exemptions", e)))
        .WithName("ExemptObligation")
        .WithSummary("Exempt one obligation from a cycle, with a reason: its timeliness becomes exempt and it leaves the coverage denominators")
        .Produces<ExemptionDto>(StatusCodes.Status201Created)
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}

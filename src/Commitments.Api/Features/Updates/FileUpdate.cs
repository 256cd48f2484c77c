using Commitments.Api.Http;
using Commitments.Api.Pipeline;
using Commitments.Api.Receipts;
using Commitments.Infrastructure.Catalogue;
using Commitments.Infrastructure.Data;
using Commitments.Infrastructure.Updates;
using Microsoft.AspNetCore.Mvc;

namespace Commitments.Api.Features.Updates;

public static class FileUpdate
{
    /// <summary>A new progress update on one obligation: participant x commitment x cycle.</summary>
    /// <param name="ParticipantId">The participant filing; a liaison may only file for its own.</param>
    /// <param name="CommitmentId">One of the participant's obligations in the cycle.</param>
    /// <param name="CycleId">An open reporting cycle.</param>
    /// <param name="Status">The self-assessed implementation status.</param>
    /// <param name="Summary">What has been done, in plain words (1 to 4,000 characters).</param>
    /// <param name="Details">Optional longer account (at most 20,000 characters).</param>
    /// <param name="MainMessage">Optional one-paragraph main message for the Leaders' Session (at most 500 characters).</param>
    /// <param name="Evidence">Up to 20 links to published evidence.</param>
    /// <param name="Confidentiality">public, or restricted (seen only by the secretariat and the participant).</param>
    /// <param name="PlannedCompletion">Optional planned completion date, yyyy-MM-dd.</param>
    /// <param name="Submit">true to submit at once; false (default) keeps a draft.</param>
    /// <param name="AlsoAnswers">Commitments linked to this one in the crosswalk that this answer also answers; each must be one of the participant's obligations in the cycle.</param>
    public sealed record Request(
        [property: System.ComponentModel.DataAnnotations.MaxLength(64)] string? ParticipantId,
        [property: System.ComponentModel.DataAnnotations.MaxLength(32)] string? CommitmentId,
        [property: System.ComponentModel.DataAnnotations.MaxLength(64)] string? CycleId,
        ImplementationStatus? Status,
        [property: System.ComponentModel.DataAnnotations.MaxLength(ContentLimits.Summary)] string? Summary,
        [property: System.ComponentModel.DataAnnotations.MaxLength(ContentLimits.Details)] string? Details,
        [property: System.ComponentModel.DataAnnotations.MaxLength(ContentLimits.MainMessage)] string? MainMessage,
        [property: System.ComponentModel.DataAnnotations.MaxLength(ContentLimits.EvidenceCount)] IReadOnlyList<EvidenceInput>? Evidence,
        Confidentiality? Confidentiality,
        [property: System.ComponentModel.DataAnnotations.DataType(System.ComponentModel.DataAnnotations.DataType.Date)] string? PlannedCompletion,
        bool? Submit,
        [property: System.ComponentModel.DataAnnotations.MaxLength(ContentLimits.AlsoAnswersCount)] IReadOnlyList<string>? AlsoAnswers = null) : IUpdateContentInput;

    public sealed record Command(Request Body, string? IdempotencyKey) : ICommand<Outcome<UpdateDto>>, IIdempotentCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Body.ParticipantId).NotEmpty().MaximumLength(64);
            RuleFor(c => c.Body.CommitmentId).NotEmpty().MaximumLength(32);
            RuleFor(c => c.Body.CycleId).NotEmpty().MaximumLength(64);
            RuleFor(c => c.Body).SetValidator(new UpdateContentValidator());
        }
    }

    /// <summary>
    /// Checks that the references exist, asks the domain whether the commitment is an obligation and whether the caller may
    /// file it now, and stores the update with its first revision. Idempotency is the pipeline's, not this handler's.
    /// </summary>
    public sealed class Handler(UpdateStore updates, CatalogueStore catalogue, AuditTrail audit, RecordSigning signing, RequestContext request,
        LinkedObligations linked, TimeProvider clock)
        : ICommandHandler<Command, Outcome<UpdateDto>>
    {
        public async ValueTask<Outcome<UpdateDto>> Handle(Command command, CancellationToken ct)
        {
            var body = command.Body;
            var caller = request.Actor.Caller;
            if (await catalogue.ParticipantAsync(body.ParticipantId!, ct) is not { } participant)
                return Failure.UnknownReference("participantId", $"Participant '{body.ParticipantId}' does not exist.");
            if (await catalogue.CommitmentAsync(body.CommitmentId!, ct) is not { } commitment)
                return Failure.UnknownReference("commitmentId", $"Commitment '{body.CommitmentId}' does not exist.");
            if (await catalogue.CycleAsync(body.CycleId!, ct) is not { } cycle)
                return Failure.UnknownReference("cycleId", $"Cycle '{body.CycleId}' does not exist.");

            var now = clock.GetUtcNow().UtcDateTime;
            var decision = UpdateLifecycle.File(
                new NewUpdate(Ids.New(), participant.Id, commitment.Id, cycle.Id, UpdateContentValidator.ToContent(body), body.Submit == true),
                caller, cycle.State, now);
            if (decision.Refusal is { } refusal) return Failure.From(refusal);
            if (Obligations.WhyNot(participant, cycle, commitment) is { } why) return Failure.NotAnObligation("commitmentId", why);
            if (await updates.ExistingIdAsync(participant.Id, commitment.Id, cycle.Id, ct) is { } existing)
                return Failure.Conflict($"An update for {participant.Id} x {commitment.Id} x {cycle.Id} already exists: {existing}. Amend it instead.",
                    new Dictionary<string, object?> { ["existingId"] = existing, ["existing"] = $"/v1/updates/{existing}" }) with { Type = ProblemTypes.AlreadyFiled };

            var (update, revision) = decision.Transition!;
            if (await linked.WhyNotCiteAsync(participant, cycle, commitment.Id, update.Content.Cited, ct) is { } uncitable) return uncitable;
            var seal = await updates.InsertAsync(update, revision, ct);
            var dto = UpdateDto.From(update, cycle.Dates, now);
            await audit.RecordAsync("update.create", "update", update.Id, null, dto, ct);
            return dto with { Receipt = await signing.ReceiptAsync(update.Id, revision.Number, revision.RecordedAt, seal, ct) };
        }
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapPost("/", async (Request body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, IMediator mediator, HttpContext context,
            CancellationToken ct) =>
        {
            var outcome = await mediator.Send(new Command(body, idempotencyKey), ct);
            if (outcome.Failure is { } failure) return failure.ToProblem();
            outcome.Value!.WriteHeaders(context);
            return TypedResults.Created($"/v1/updates/{outcome.Value!.Id}", outcome.Value);
        })
        .RequireAuthorization(Policies.Filer)
        .WithName("FileUpdate")
        .WithSummary("File a progress update on one of a participant's obligations in a cycle, as a draft or submitted at once")
        .WithDescription("Send an Idempotency-Key header to make retries safe: the same key with the same body returns the first response "
            + "(with Idempotent-Replayed: true) and creates nothing; the same key with another body is 422. A second update for the same "
            + "participant x commitment x cycle is 409 naming the existing one; a commitment that is not one of the participant's obligations is 422.")
        .Produces<UpdateDto>(StatusCodes.Status201Created).ProducesHeader(StatusCodes.Status201Created, "ETag")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Commitments.Infrastructure.Updates;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

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
    public sealed record Request(
        [property: System.ComponentModel.DataAnnotations.MaxLength(64)] string? ParticipantId,
        [property: System.ComponentModel.DataAnnotations.MaxLength(32)] string? CommitmentId,
        [property: System.ComponentModel.DataAnnotations.MaxLength(64)] string? CycleId,
        ImplementationStatus? Status,
        [property: System.ComponentModel.DataAnnotations.MaxLength(ContentLimits.Summary)] string? Summary,
        [property: System.ComponentModel.DataAnnotations.MaxLength(ContentLimits.Details)] string? Details,
        [property: System.ComponentModel.DataAnnotations.MaxLength(ContentLimits.MainMessage)] string? MainMessage,
        [property: System.ComponentModel.DataAnnotations.MaxLength(ContentLimits.EvidenceCount)] IReadOnlyList<EvidenceDto>? Evidence,
        Confidentiality? Confidentiality,
        string? PlannedCompletion,
        bool? Submit) : IUpdateContentInput;

    /// <summary>Either the new update, or the stored first response to a retried idempotency key.</summary>
    public sealed record Filed(UpdateDto? Update, IdempotencyRecord? Replay);

    public sealed record Command(Request Body, string? IdempotencyKey) : ICommand<Outcome<Filed>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Body.ParticipantId).NotEmpty().MaximumLength(64);
            RuleFor(c => c.Body.CommitmentId).NotEmpty().MaximumLength(32);
            RuleFor(c => c.Body.CycleId).NotEmpty().MaximumLength(64);
            RuleFor(c => c.Body).SetValidator(new UpdateContentValidator());
            RuleFor(c => c.IdempotencyKey).MaximumLength(ContentLimits.IdempotencyKey)
                .Must(k => k is null || (k.Length > 0 && k.All(ch => ch is > ' ' and < '\u007f')))
                .WithMessage("Idempotency-Key must be 1 to 200 visible ASCII characters.")
                .OverridePropertyName("Idempotency-Key");
        }
    }

    public sealed class Handler(
        UpdateStore updates, AuditTrail audit, RequestContext request, TimeProvider clock, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
        : ICommandHandler<Command, Outcome<Filed>>
    {
        public async ValueTask<Outcome<Filed>> Handle(Command command, CancellationToken ct)
        {
            var body = command.Body;
            var actor = request.Actor;
            if (!actor.IsSecretariat && actor.ParticipantId != body.ParticipantId)
                return Failure.Forbidden($"This key files for '{actor.ParticipantId}', not for '{body.ParticipantId}'.");

            var now = clock.GetUtcNow().UtcDateTime;
            var key = command.IdempotencyKey;
            string? hash = null;
            if (key is not null)
            {
                hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(body, json.Value.SerializerOptions))));
                // Claim the key first: a concurrent retry waits on it, then replays what this request answered.
                if (!await updates.ClaimIdempotencyKeyAsync(actor.KeyId!, key, hash, now, ct))
                {
                    var prior = await updates.IdempotencyRecordAsync(actor.KeyId!, key, ct)
                        ?? throw new InvalidOperationException("The idempotency record was claimed but cannot be read.");
                    return prior.RequestHash == hash
                        ? new Filed(null, prior)
                        : Failure.Unprocessable($"Idempotency-Key '{key}' was already used with a different request body.");
                }
            }

            var context = await updates.FilingContextAsync(body.ParticipantId!, body.CommitmentId!, body.CycleId!, ct);
            if (context.ParticipantKind is null) return Failure.Unprocessable($"Participant '{body.ParticipantId}' does not exist.");
            if (context.Instrument is null) return Failure.Unprocessable($"Commitment '{body.CommitmentId}' does not exist.");
            if (context.CycleState is null) return Failure.Unprocessable($"Cycle '{body.CycleId}' does not exist.");
            var cycleState = Codes.Parse<CycleState>(context.CycleState);
            if (!actor.IsSecretariat && cycleState != CycleState.Open)
                return Failure.Conflict($"Cycle '{body.CycleId}' is {context.CycleState}: liaisons can only file in an open cycle.");
            if (ObligationGap(body, context) is { } why) return Failure.Unprocessable(why);
            if (context.ExistingId is { } existing)
                return Failure.Conflict($"An update for {body.ParticipantId} x {body.CommitmentId} x {body.CycleId} already exists: {existing}. Amend it instead.",
                    new Dictionary<string, object?> { ["existingId"] = existing, ["existing"] = $"/v1/updates/{existing}" });
            var dates = new CycleDates(context.OpensAt!.Value, context.DueAt!.Value, context.GraceUntil!.Value, cycleState == CycleState.Closed);

            var submit = body.Submit == true;
            var update = new ProgressUpdate(Guid.CreateVersion7().ToString(), body.ParticipantId!, body.CommitmentId!, body.CycleId!,
                submit ? UpdateState.Submitted : UpdateState.Draft, null, 1, submit ? now : null, now, now,
                UpdateContentValidator.ToContent(body), null);
            var revision = new UpdateRevision(update.Id, 1, UpdateAction.Create, update.State, null, update.Content, null,
                actor.KeyId, actor.Role ?? Role.Observer, actor.ParticipantId, now);
            await updates.InsertAsync(update, revision, ct);
            var dto = UpdateDto.From(update, dates, now);
            await audit.RecordAsync("update.create", "update", update.Id, null, dto, ct);
            if (key is not null)
                await updates.CompleteIdempotencyRecordAsync(actor.KeyId!, key, StatusCodes.Status201Created, update.Id,
                    JsonSerializer.Serialize(dto, json.Value.SerializerOptions), IfMatch.ETagOf(dto.Revision), ct);
            return new Filed(dto, null);
        }

        /// <summary>Why the commitment is not one of the participant's obligations in the cycle, or null when it is.</summary>
        private static string? ObligationGap(Request body, FilingContext context)
        {
            if (context.InScope == 0)
                return $"{body.CommitmentId} comes from {context.Instrument}, which is not in the scope of cycle '{body.CycleId}'.";
            if (context.Endorsed == 0)
                return $"{body.ParticipantId} has not endorsed {context.Instrument}, so {body.CommitmentId} is not one of its obligations.";
            if (!Obligations.AppliesToKind(Codes.Parse<AppliesTo>(context.AppliesTo!), Codes.Parse<ParticipantKind>(context.ParticipantKind!)))
                return $"{body.CommitmentId} applies to {context.AppliesTo}; {body.ParticipantId} is a {context.ParticipantKind!.Replace('_', ' ')}.";
            return null;
        }
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapPost("/", async (Request body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, IMediator mediator, HttpContext context,
            CancellationToken ct) =>
        {
            var outcome = await mediator.Send(new Command(body, idempotencyKey), ct);
            if (outcome.Failure is { } failure) return failure.ToProblem();
            var filed = outcome.Value!;
            if (filed.Replay is { } replay)
            {
                context.Response.Headers.ETag = replay.ETag;
                context.Response.Headers.Location = $"/v1/updates/{replay.ResourceId}";
                context.Response.Headers["Idempotent-Replayed"] = "true";
                return Results.Text(replay.ResponseBody, "application/json", Encoding.UTF8, replay.StatusCode);
            }
            context.Response.Headers.ETag = IfMatch.ETagOf(filed.Update!.Revision);
            return TypedResults.Created($"/v1/updates/{filed.Update.Id}", filed.Update);
        })
        .RequireAuthorization(Policies.Filer)
        .WithName("FileUpdate")
        .WithSummary("File a progress update on one of a participant's obligations in a cycle, as a draft or submitted at once")
        .WithDescription("Send an Idempotency-Key header to make retries safe: the same key with the same body returns the first response "
            + "(with Idempotent-Replayed: true) and creates nothing; the same key with another body is 422. A second update for the same "
            + "participant x commitment x cycle is 409 naming the existing one; a commitment that is not one of the participant's obligations is 422.")
        .Produces<UpdateDto>(StatusCodes.Status201Created)
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}

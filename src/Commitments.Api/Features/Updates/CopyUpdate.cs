using Commitments.Api.Http;
using Commitments.Api.Pipeline;
using Commitments.Infrastructure.Catalogue;
using Commitments.Infrastructure.Updates;
using Microsoft.AspNetCore.Mvc;

namespace Commitments.Api.Features.Updates;

/// <summary>
/// Report once: copies an update's current content to the participant's linked obligations in the same cycle (the crosswalk,
/// <see cref="Crosswalk"/>). Each copy is a real update: filed where none exists, amended (at its current revision) where one
/// does, through the same commands as one call each, so each makes its own revision, receipt and audit entry and every report
/// counts it as if it had been filed by hand. Confidentiality is copied as it is. All copies or none: a target that cannot be
/// amended (accepted or withdrawn) refuses the whole call with 409 naming it.
/// </summary>
public static class CopyUpdate
{
    public const int MaxTargets = 50;

    /// <summary>Where to copy the answer.</summary>
    /// <param name="Commitments">The linked obligations to copy to; left out or empty: every linked obligation of the participant in the cycle.</param>
    /// <param name="Submit">true to submit each copy after filing or amending it (a copy already submitted stays as it is); false (default) keeps drafts.</param>
    public sealed record Request(
        [property: System.ComponentModel.DataAnnotations.MaxLength(MaxTargets)] IReadOnlyList<string>? Commitments, bool? Submit);

    /// <summary>What happened to one target: filed, amended, submitted (after filing or amending), or unchanged (its content was already the same).</summary>
    /// <param name="CommitmentId">The linked obligation's commitment.</param>
    /// <param name="UpdateId">Its update.</param>
    /// <param name="Action">filed, filed_and_submitted, amended, amended_and_submitted or unchanged.</param>
    /// <param name="Revision">The update's revision after the copy.</param>
    public sealed record Item(string CommitmentId, [property: System.ComponentModel.DataAnnotations.DataType("uuid")] string UpdateId, string Action, int Revision);

    /// <summary>The copies made from one update.</summary>
    /// <param name="SourceId">The update whose content was copied.</param>
    /// <param name="SourceRevision">Its revision that was copied.</param>
    /// <param name="Items">One per target, in the order asked (or the catalogue's order).</param>
    public sealed record Result([property: System.ComponentModel.DataAnnotations.DataType("uuid")] string SourceId, int SourceRevision, IReadOnlyList<Item> Items);

    public sealed record Command(string Id, Request Body, string? IdempotencyKey) : ICommand<Outcome<Result>>, IIdempotentCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Body.Commitments).ItemCount(0, MaxTargets).WithMessage($"At most {MaxTargets} commitments.")
                .OverridePropertyName("commitments");
            RuleForEach(c => c.Body.Commitments).NotEmpty().MaximumLength(32).OverridePropertyName("commitments");
        }
    }

    public sealed class Handler(IMediator mediator, UpdateTransitions transitions, UpdateStore updates, CatalogueStore catalogue,
        LinkedObligations linked, RequestContext request, AuditTrail audit) : ICommandHandler<Command, Outcome<Result>>
    {
        public async ValueTask<Outcome<Result>> Handle(Command command, CancellationToken ct)
        {
            var loaded = await transitions.VisibleAsync(command.Id, ct);
            if (loaded.Failure is { } notFound) return notFound;
            var source = loaded.Value!.Update;
            var caller = request.Actor.Caller;
            if (UpdateLifecycle.Lane(caller, source.ParticipantId) is { } forbidden) return Failure.From(forbidden);
            var participant = await catalogue.ParticipantAsync(source.ParticipantId, ct) ?? throw new InvalidOperationException("An update's participant exists.");
            var cycle = await catalogue.CycleAsync(source.CycleId, ct) ?? throw new InvalidOperationException("An update's cycle exists.");

            var linkedObligations = await linked.OfAsync(participant, cycle, source.CommitmentId, ct);
            var asked = command.Body.Commitments is { Count: > 0 } named ? named.Select(c => c.Trim()).Distinct().ToList() : null;
            if (asked is null && linkedObligations.Count == 0)
                return Failure.InField("commitments", $"{source.CommitmentId} is linked to none of {participant.Id}'s other obligations in {cycle.Id}: there is nothing to copy to.");
            // The same rule as citing: each target linked to the update's commitment and an obligation of the participant in the cycle.
            if (asked is not null && await linked.WhyNotCiteAsync(participant, cycle, source.CommitmentId, asked, ct, "commitments") is { } refused)
                return refused;
            var targets = asked ?? linkedObligations.Select(o => o.Commitment.Id).ToList();

            List<Item> items = [];
            foreach (var target in targets)
            {
                var copied = await CopyToAsync(source, target, command.Body.Submit == true, ct);
                if (copied.Failure is { } failure)
                    return failure with
                    {
                        Detail = $"Copy to {target}: {failure.Detail} Nothing was copied.",
                        Extensions = new Dictionary<string, object?>(failure.Extensions ?? new Dictionary<string, object?>()) { ["target"] = target },
                    };
                items.Add(copied.Value!);
            }
            var result = new Result(source.Id, source.Revision, items);
            await audit.RecordAsync("update.copy", "update", source.Id, null, result, ct);
            return result;
        }

        /// <summary>Files the copy, or amends the target's update at its current revision; submits it when asked.</summary>
        private async Task<Outcome<Item>> CopyToAsync(ProgressUpdate source, string target, bool submit, CancellationToken ct)
        {
            var c = source.Content;
            var evidence = c.Evidence.Select(e => new EvidenceInput(e.Url, e.Title, e.Kind)).ToList();
            // The copy cites the answer it came from: the crosswalk link read from the other end.
            IReadOnlyList<string> cites = [source.CommitmentId];
            if (await updates.ExistingIdAsync(source.ParticipantId, target, source.CycleId, ct) is not { } existingId)
            {
                var filed = await mediator.Send(new FileUpdate.Command(new FileUpdate.Request(source.ParticipantId, target, source.CycleId, c.Status,
                    c.Summary, c.Details, c.MainMessage, evidence, c.Confidentiality, c.PlannedCompletion, submit, cites), null), ct);
                if (filed.Failure is { } failure) return failure;
                return new Item(target, filed.Value!.Id, submit ? "filed_and_submitted" : "filed", filed.Value.Revision);
            }

            var current = (await updates.GetAsync(existingId, ct))!.Update;
            if (UpdateWorkflow.Next(current.State, UpdateAction.Amend) is null)
                return Failure.Conflict($"{target}'s update {current.Id} is {Codes.Of(current.State)} and cannot be amended.",
                    new Dictionary<string, object?> { ["currentState"] = Codes.Of(current.State), ["existingId"] = current.Id }) with { Type = ProblemTypes.IllegalTransition };
            var amend = new AmendUpdate.Request(c.Status, c.Summary, c.Details, c.MainMessage, evidence, c.Confidentiality, c.PlannedCompletion, cites);
            var changed = !UpdateContentValidator.ToContent(amend).SameAs(current.Content);
            var revision = current.Revision;
            if (changed)
            {
                var amended = await mediator.Send(new AmendUpdate.Command(current.Id, amend, new IfMatch(true, current.Revision)), ct);
                if (amended.Failure is { } failure) return failure;
                revision = amended.Value!.Revision;
            }
            if (submit && UpdateWorkflow.MaySubmit(current.State))
            {
                var submitted = await mediator.Send(new ActOnUpdate.Command(current.Id, UpdateAction.Submit, new IfMatch(true, revision)), ct);
                if (submitted.Failure is { } failure) return failure;
                return new Item(target, current.Id, changed ? "amended_and_submitted" : "submitted", submitted.Value!.Revision);
            }
            return new Item(target, current.Id, changed ? "amended" : "unchanged", revision);
        }
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapPost("/{id}/copies", async (string id, Request body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, IMediator mediator,
            CancellationToken ct) =>
        {
            var outcome = await mediator.Send(new Command(id, body, idempotencyKey), ct);
            if (outcome.Failure is { } failure) return failure.ToProblem();
            return TypedResults.Ok(outcome.Value);
        })
        .RequireAuthorization(Policies.Filer)
        .WithName("CopyUpdate")
        .WithSummary("Report once: copy an update's content to the participant's obligations the crosswalk links to it, in the same cycle, "
            + "each as its own update and revision (filed, or amended at its current revision); all or none")
        .WithDescription("commitments names the targets (each must be linked to the update's commitment and be one of the participant's "
            + "obligations in the cycle, else 422 naming commitments[i]); left out, every linked obligation. A target whose update is accepted "
            + "or withdrawn refuses the whole call with 409 naming it. Send an Idempotency-Key header to make retries safe.")
        .Produces<Result>()
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status412PreconditionFailed)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}

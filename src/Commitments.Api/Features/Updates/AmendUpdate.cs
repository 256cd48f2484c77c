using Commitments.Api.Http;
using Microsoft.AspNetCore.Mvc;

namespace Commitments.Api.Features.Updates;

public static class AmendUpdate
{
    /// <summary>The update's new content, replacing the old as a new revision.</summary>
    public sealed record Request(
        ImplementationStatus? Status,
        [property: System.ComponentModel.DataAnnotations.MaxLength(ContentLimits.Summary)] string? Summary,
        [property: System.ComponentModel.DataAnnotations.MaxLength(ContentLimits.Details)] string? Details,
        [property: System.ComponentModel.DataAnnotations.MaxLength(ContentLimits.MainMessage)] string? MainMessage,
        [property: System.ComponentModel.DataAnnotations.MaxLength(ContentLimits.EvidenceCount)] IReadOnlyList<EvidenceInput>? Evidence,
        Confidentiality? Confidentiality,
        [property: System.ComponentModel.DataAnnotations.DataType(System.ComponentModel.DataAnnotations.DataType.Date)] string? PlannedCompletion,
        [property: System.ComponentModel.DataAnnotations.MaxLength(ContentLimits.AlsoAnswersCount)] IReadOnlyList<string>? AlsoAnswers = null) : IUpdateContentInput;

    public sealed record Command(string Id, Request Body, IfMatch IfMatch) : ICommand<Outcome<UpdateDto>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Body).SetValidator(new UpdateContentValidator());
    }

    public sealed class Handler(UpdateTransitions transitions, LinkedObligations linked) : ICommandHandler<Command, Outcome<UpdateDto>>
    {
        public async ValueTask<Outcome<UpdateDto>> Handle(Command command, CancellationToken ct)
        {
            var content = UpdateContentValidator.ToContent(command.Body);
            if (content.Cited.Count > 0)
            {
                var loaded = await transitions.VisibleAsync(command.Id, ct);
                if (loaded.Failure is { } notFound) return notFound;
                if (await linked.WhyNotCiteAsync(loaded.Value!.Update, content.Cited, ct) is { } uncitable) return uncitable;
            }
            return await transitions.ApplyAsync(command.Id, new UpdateChange(UpdateAction.Amend, command.IfMatch.BasedOn, Content: content), ct);
        }
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapPut("/{id}", async (string id, Request body, [FromHeader(Name = "If-Match")] string? ifMatch, IMediator mediator,
            HttpContext context, CancellationToken ct) =>
        {
            var precondition = IfMatch.Parse(ifMatch);
            if (!precondition.Present)
                return new Failure(FailureKind.PreconditionRequired, "Send If-Match with the update's ETag, so concurrent amendments cannot overwrite each other.").ToProblem();
            return (await mediator.Send(new Command(id, body, precondition), ct)).ToResult(u => u.WithETag(context));
        })
        .RequireAuthorization(Policies.Filer)
        .WithName("AmendUpdate")
        .WithSummary("Amend an update's content as a new revision; needs If-Match with its current ETag (428 without, 412 when stale)")
        .Produces<UpdateDto>().ProducesHeader(StatusCodes.Status200OK, "ETag")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status412PreconditionFailed)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
        .ProducesProblem(StatusCodes.Status428PreconditionRequired);
}

using Commitments.Api.Http;
using Microsoft.AspNetCore.Mvc;

namespace Commitments.Api.Features.Updates;

public static class ReviewUpdate
{
    /// <summary>The secretariat's decision on a submitted update.</summary>
    /// <param name="Decision">accept, or return it to the liaison for changes.</param>
    /// <param name="Comment">Why; required when returning (at most 4,000 characters).</param>
    /// <param name="AssessedStatus">Optionally, the secretariat's own assessment; a difference from the self-assessment shows as contested.</param>
    /// <param name="CommentVisibility">participant (default): the participant and whoever may see the update read the comment;
    /// internal: only the secretariat does.</param>
    public sealed record Request(
        ReviewDecision? Decision,
        [property: System.ComponentModel.DataAnnotations.MaxLength(ContentLimits.Comment)] string? Comment,
        ImplementationStatus? AssessedStatus,
        CommentVisibility? CommentVisibility = null);

    public sealed record Command(string Id, Request Body, IfMatch IfMatch) : ICommand<Outcome<UpdateDto>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Body.Decision).NotNull();
            RuleFor(c => c.Body.Comment).MaximumLength(ContentLimits.Comment).IsCarriableText();
            RuleFor(c => c.Body.Comment).NotEmpty().When(c => c.Body.Decision == ReviewDecision.Return)
                .WithMessage("Say why the update is returned.");
            RuleFor(c => c.Body.CommentVisibility).NotEqual(CommentVisibility.Internal).When(c => c.Body.Decision == ReviewDecision.Return)
                .WithMessage("A returned update tells the participant why: its comment cannot be internal.");
        }
    }

    public sealed class Handler(UpdateTransitions transitions) : ICommandHandler<Command, Outcome<UpdateDto>>
    {
        public async ValueTask<Outcome<UpdateDto>> Handle(Command command, CancellationToken ct) =>
            await transitions.ApplyAsync(command.Id, new UpdateChange(
                command.Body.Decision == ReviewDecision.Accept ? UpdateAction.Accept : UpdateAction.Return, command.IfMatch.BasedOn,
                AssessedStatus: command.Body.AssessedStatus,
                Comment: string.IsNullOrWhiteSpace(command.Body.Comment) ? null : command.Body.Comment,
                CommentInternal: command.Body.CommentVisibility == CommentVisibility.Internal), ct);
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapPost("/{id}/review", async (string id, Request body, [FromHeader(Name = "If-Match")] string? ifMatch, IMediator mediator,
            HttpContext context, CancellationToken ct) =>
        {
            // The secretariat decides on content it has seen: the review names the revision it read.
            var precondition = IfMatch.Parse(ifMatch);
            if (precondition.BasedOn is null)
                return new Failure(FailureKind.PreconditionRequired,
                    "Send If-Match with the ETag of the revision you reviewed (e.g. \"2\"), so a later amendment cannot be accepted unseen.").ToProblem();
            return (await mediator.Send(new Command(id, body, precondition), ct)).ToResult(u => u.WithETag(context));
        })
        .RequireAuthorization(Policies.Secretariat)
        .WithName("ReviewUpdate")
        .WithSummary("Accept a submitted update or return it with a comment, optionally recording the secretariat's assessed status; "
            + "needs If-Match with the ETag of the revision reviewed (428 without, 412 when the update changed since)")
        .Produces<UpdateDto>().ProducesHeader(StatusCodes.Status200OK, "ETag")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status412PreconditionFailed)
        .ProducesProblem(StatusCodes.Status428PreconditionRequired);
}

using Microsoft.AspNetCore.Mvc;

namespace Commitments.Api.Features.Updates;

public static class ReopenUpdate
{
    public sealed record Command(string Id, IfMatch IfMatch) : ICommand<Outcome<UpdateDto>>;

    public sealed class Handler(UpdateTransitions transitions) : ICommandHandler<Command, Outcome<UpdateDto>>
    {
        public async ValueTask<Outcome<UpdateDto>> Handle(Command command, CancellationToken ct) =>
            await transitions.ApplyAsync(command.Id, new UpdateChange(UpdateAction.Reopen, command.IfMatch.BasedOn), ct);
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapPost("/{id}/reopen", async (string id, [FromHeader(Name = "If-Match")] string? ifMatch, IMediator mediator,
            HttpContext context, CancellationToken ct) =>
            (await mediator.Send(new Command(id, IfMatch.Parse(ifMatch)), ct)).ToResult(u => u.WithETag(context)))
        .RequireAuthorization(Policies.Filer)
        .WithName("ReopenUpdate")
        .WithSummary("Reopen a withdrawn update as a draft, keeping its history; its next submission counts as its first (If-Match optional)")
        .Produces<UpdateDto>()
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status412PreconditionFailed);
}

using Microsoft.AspNetCore.Mvc;

namespace Commitments.Api.Features.Updates;

public static class WithdrawUpdate
{
    public sealed record Command(string Id, IfMatch IfMatch) : ICommand<Outcome<UpdateDto>>;

    public sealed class Handler(UpdateTransitions transitions) : ICommandHandler<Command, Outcome<UpdateDto>>
    {
        public async ValueTask<Outcome<UpdateDto>> Handle(Command command, CancellationToken ct) =>
            await transitions.ApplyAsync(command.Id, new UpdateChange(UpdateAction.Withdraw, command.IfMatch.BasedOn), ct);
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapPost("/{id}/withdraw", async (string id, [FromHeader(Name = "If-Match")] string? ifMatch, IMediator mediator,
            HttpContext context, CancellationToken ct) =>
            (await mediator.Send(new Command(id, IfMatch.Parse(ifMatch)), ct)).ToResult(u => u.WithETag(context)))
        .RequireAuthorization(Policies.Filer)
        .WithName("WithdrawUpdate")
        .WithSummary("Withdraw an update that is not yet accepted (If-Match optional); an illegal transition is 409 naming the current state")
        .Produces<UpdateDto>()
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status412PreconditionFailed);
}

using Commitments.Api.Http;
using Microsoft.AspNetCore.Mvc;

namespace Commitments.Api.Features.Updates;

/// <summary>Submit, withdraw and reopen: lifecycle actions that carry no body, only the update and an optional If-Match.</summary>
public static class ActOnUpdate
{
    public sealed record Command(string Id, UpdateAction Action, IfMatch IfMatch) : ICommand<Outcome<UpdateDto>>;

    public sealed class Handler(UpdateTransitions transitions) : ICommandHandler<Command, Outcome<UpdateDto>>
    {
        public async ValueTask<Outcome<UpdateDto>> Handle(Command command, CancellationToken ct) =>
            await transitions.ApplyAsync(command.Id, new UpdateChange(command.Action, command.IfMatch.BasedOn), ct);
    }

    public static void MapActions(RouteGroupBuilder group)
    {
        Map(group, UpdateAction.Submit, "SubmitUpdate",
            "Submit a draft or returned update to the secretariat for review (If-Match optional); an illegal transition is 409 naming the current state");
        Map(group, UpdateAction.Withdraw, "WithdrawUpdate",
            "Withdraw an update that is not yet accepted (If-Match optional); an illegal transition is 409 naming the current state");
        Map(group, UpdateAction.Reopen, "ReopenUpdate",
            "Reopen a withdrawn update as a draft, keeping its history; its next submission counts as its first (If-Match optional)");
    }

    private static void Map(RouteGroupBuilder group, UpdateAction action, string name, string summary) => group
        .MapPost($"/{{id}}/{Codes.Of(action)}", async (string id, [FromHeader(Name = "If-Match")] string? ifMatch, IMediator mediator,
            HttpContext context, CancellationToken ct) =>
            (await mediator.Send(new Command(id, action, IfMatch.Parse(ifMatch)), ct)).ToResult(u => u.WithETag(context)))
        .RequireAuthorization(Policies.Filer)
        .WithName(name)
        .WithSummary(summary)
        .Produces<UpdateDto>().ProducesHeader(StatusCodes.Status200OK, "ETag")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status412PreconditionFailed);
}

using Commitments.Infrastructure.Access;

namespace Commitments.Api.Features.ApiKeys;

public static class RevokeApiKey
{
    public sealed record Command(string Id) : ICommand<Outcome<ApiKeyDto>>;

    public sealed class Handler(AccessStore keys, AuditTrail audit, TimeProvider clock) : ICommandHandler<Command, Outcome<ApiKeyDto>>
    {
        public async ValueTask<Outcome<ApiKeyDto>> Handle(Command command, CancellationToken ct)
        {
            if (await keys.KeyAsync(command.Id, ct) is not { } before) return Failure.NotFound("API key", command.Id);
            if (before.RevokedAt is not null) return ApiKeyDto.From(before);
            var now = clock.GetUtcNow().UtcDateTime;
            // Revoking the last active secretariat key would leave no one able to issue or revoke keys.
            if (!await keys.RevokeKeyAsync(command.Id, now, ct))
                return Failure.Conflict($"API key '{command.Id}' is the last active secretariat key; issue another secretariat key before revoking this one.");
            var after = ApiKeyDto.From(before with { RevokedAt = now });
            await audit.RecordAsync("api_key.revoke", "api_key", command.Id, ApiKeyDto.From(before), after, ct);
            return after;
        }
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapDelete("/{id}", async (string id, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new Command(id), ct)).ToResult(TypedResults.Ok))
        .WithName("RevokeApiKey").WithSummary("Revoke an API key at once; revoking twice is harmless; the last active secretariat key cannot be revoked (secretariat)")
        .Produces<ApiKeyDto>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}

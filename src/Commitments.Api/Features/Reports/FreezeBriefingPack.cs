using System.Security.Cryptography;
using Commitments.Api.Pipeline;
using Microsoft.AspNetCore.Mvc;
using Commitments.Infrastructure.Reports;

namespace Commitments.Api.Features.Reports;

public static class FreezeBriefingPack
{
    /// <summary>What to freeze.</summary>
    /// <param name="AsOf">The as-of time (UTC); now when left out. Not in the future.</param>
    /// <param name="Audience">secretariat (default, includes restricted updates) or public.</param>
    public sealed record Request(DateTime? AsOf, string? Audience);

    /// <summary>A frozen pack: GET its href for the same bytes every time; contentHash is their SHA-256.</summary>
    public sealed record Frozen(string Id, string CycleId, DateTime AsOf, string Audience, string ContentHash, DateTime CreatedAt, string? CreatedByKeyId, string Href);

    /// <summary>Idempotent: a retried freeze with the same Idempotency-Key answers the pack frozen first instead of freezing another.</summary>
    public sealed record Command(string CycleId, Request Body, string? IdempotencyKey) : ICommand<Outcome<Frozen>>, IIdempotentCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.Body.AsOf).Must(a => BriefingPacks.IsReproducible(a, clock)).WithMessage(BriefingPacks.FutureAsOf).OverridePropertyName("asOf");
            RuleFor(c => c.Body.Audience).Must(BriefingPacks.IsAudience).WithMessage(BriefingPacks.UnknownAudience).OverridePropertyName("audience");
        }
    }

    public sealed class Handler(BriefingPacks packs, ReportStore reports, AuditTrail audit, RequestContext request, TimeProvider clock)
        : ICommandHandler<Command, Outcome<Frozen>>
    {
        public async ValueTask<Outcome<Frozen>> Handle(Command command, CancellationToken ct)
        {
            var audience = BriefingPacks.AudienceFor(command.Body.Audience);
            var built = await packs.BuildAsync(command.CycleId, command.Body.AsOf, audience, ct);
            if (built.Failure is { } f) return f;
            var bytes = packs.Serialize(built.Value!);
            var pack = new FrozenPack
            {
                Id = Guid.CreateVersion7().ToString(),
                CycleId = command.CycleId,
                AsOf = built.Value!.AsOf,
                Audience = audience.Name,
                ContentHash = Convert.ToHexStringLower(SHA256.HashData(bytes)),
                Content = System.Text.Encoding.UTF8.GetString(bytes),
                CreatedAt = clock.GetUtcNow().UtcDateTime,
                CreatedByKeyId = request.Actor.KeyId,
            };
            await reports.InsertPackAsync(pack, ct);
            var frozen = new Frozen(pack.Id, pack.CycleId, pack.AsOf, pack.Audience, pack.ContentHash, pack.CreatedAt, pack.CreatedByKeyId,
                $"/v1/briefing-packs/{pack.Id}");
            await audit.RecordAsync("briefing_pack.freeze", "briefing_pack", pack.Id, null, frozen, ct);
            return frozen;
        }
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapPost("/{id}/briefing-packs", async (string id, Request body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
            IMediator mediator, HttpContext context, CancellationToken ct) =>
        {
            var outcome = await mediator.Send(new Command(id, body, idempotencyKey), ct);
            if (outcome.Replayed) context.Response.Headers["Idempotent-Replayed"] = "true";
            return outcome.ToResult(f => TypedResults.Created(f.Href, f));
        })
        .WithName("FreezeBriefingPack")
        .WithSummary("Freeze the briefing pack of a cycle at an as-of time, recording its content hash and who froze it")
        .WithDescription("Send an Idempotency-Key header to make retries safe: the same key with the same body returns the pack frozen first "
            + "(with Idempotent-Replayed: true); the same key with another body is 422.")
        .Produces<Frozen>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}

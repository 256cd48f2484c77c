using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Commitments.Api.Pipeline;
using Commitments.Api.Receipts;
using Commitments.Domain.Receipts;
using Commitments.Infrastructure.Data;
using Commitments.Infrastructure.Receipts;
using Commitments.Infrastructure.Reports;
using Microsoft.AspNetCore.Mvc;

namespace Commitments.Api.Features.Reports;

public static class FreezeBriefingPack
{
    /// <summary>What to freeze.</summary>
    /// <param name="AsOf">The as-of time (UTC); now when left out. Not in the future.</param>
    /// <param name="Audience">secretariat (default: everything, restricted and governments-level items marked), governments (public and governments-level content) or public (public content); reports the audience may not read are shown as reported, without content.</param>
    public sealed record Request(DateTime? AsOf, string? Audience);

    /// <summary>
    /// A frozen pack: GET its href for the same bytes every time; contentHash is their SHA-256. The pack is an entry of the
    /// log (logIndex), and treeHead is the signed head of the log right after it: every revision the pack was computed from,
    /// and the pack itself, are in that tree.
    /// </summary>
    public sealed record Frozen(
        [property: DataType("uuid")] string Id, string CycleId, DateTime AsOf, string Audience, string ContentHash, DateTime CreatedAt,
        [property: DataType("uuid")] string? CreatedByKeyId, [property: DataType("uri-reference")] string Href,
        long LogIndex, SignedTreeHeadDto TreeHead);

    /// <summary>A pack built and serialised before the command: the command only inserts these bytes.</summary>
    public sealed record Built(DateTime AsOf, string Audience, byte[] Bytes);

    /// <summary>
    /// Idempotent: a retried freeze with the same Idempotency-Key answers the pack frozen first instead of freezing another.
    /// <see cref="Pack"/> is left out of the request hash: a retry as of now builds different bytes but is the same request.
    /// </summary>
    public sealed record Command(string CycleId, Request Body, string? IdempotencyKey) : ICommand<Outcome<Frozen>>, IIdempotentCommand
    {
        [System.Text.Json.Serialization.JsonIgnore]
        public Built? Pack { get; init; }
    }

    /// <summary>At most this many packs are frozen per cycle and UTC day, so a client looping on freeze cannot fill the database.</summary>
    public const int PacksPerCycleAndDay = 50;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.Body.AsOf).Must(a => BriefingPacks.IsReproducible(a, clock)).WithMessage(BriefingPacks.FutureAsOf).OverridePropertyName("asOf");
            RuleFor(c => c.Body.Audience).Must(BriefingPacks.IsAudience).WithMessage(BriefingPacks.UnknownAudience).OverridePropertyName("audience");
        }
    }

    public sealed class Handler(ReportStore reports, AuditTrail audit, RequestContext request, TransparencyLog log, RecordSigning signing, TimeProvider clock)
        : ICommandHandler<Command, Outcome<Frozen>>
    {
        public async ValueTask<Outcome<Frozen>> Handle(Command command, CancellationToken ct)
        {
            var built = command.Pack ?? throw new InvalidOperationException("A freeze is sent with its pack built (see Map).");
            var now = clock.GetUtcNow().UtcDateTime;
            // Counted inside the write transaction, so two freezes at once cannot both take the last place of the day.
            if (await reports.PacksFrozenAsync(command.CycleId, now.Date, now.Date.AddDays(1), ct) >= PacksPerCycleAndDay)
                return Failure.Conflict($"Cycle '{command.CycleId}' already has {PacksPerCycleAndDay} packs frozen today (UTC); freeze again tomorrow.");
            var pack = new FrozenPack
            {
                Id = Ids.New(),
                CycleId = command.CycleId,
                AsOf = built.AsOf,
                Audience = built.Audience,
                ContentHash = Convert.ToHexStringLower(SHA256.HashData(built.Bytes)),
                Content = System.Text.Encoding.UTF8.GetString(built.Bytes),
                CreatedAt = now,
                CreatedByKeyId = request.Actor.KeyId,
            };
            // Logged inside the write transaction, after every revision committed before it: the signed head covers them and the pack.
            pack.LogIndex = await log.AppendAsync(pack.EntryHash, ct);
            var head = await signing.SignAsync(await log.HeadAsync(ct), now, ct);
            (pack.TreeSize, pack.TreeRoot, pack.TreeTimestamp, pack.TreeSignature) = (head.TreeSize, head.RootHash, now, head.Signature);
            await reports.InsertPackAsync(pack, ct);
            var frozen = new Frozen(pack.Id, pack.CycleId, pack.AsOf, pack.Audience, pack.ContentHash, pack.CreatedAt, pack.CreatedByKeyId,
                $"/v1/briefing-packs/{pack.Id}", pack.LogIndex.Value, head);
            await audit.RecordAsync("briefing_pack.freeze", "briefing_pack", pack.Id, null, frozen, ct);
            return frozen;
        }
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapPost("/{id}/briefing-packs", async (string id, Request body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
            IMediator mediator, BriefingPacks packs, TimeProvider clock, CancellationToken ct) =>
        {
            var command = new Command(id, body, idempotencyKey);
            // The pack is built and serialised here, outside the command's transaction, which holds the single writer slot;
            // input the validator will refuse is not built at all.
            if (BriefingPacks.IsAudience(body.Audience) && BriefingPacks.IsReproducible(body.AsOf, clock))
            {
                var audience = BriefingPacks.AudienceFor(body.Audience);
                var built = await packs.BuildAsync(id, body.AsOf, audience, ct, freezing: true);
                if (built.Failure is { } f) return f.ToProblem();
                command = command with { Pack = new Built(built.Value!.AsOf, audience.Name, packs.Serialize(built.Value!)) };
            }
            var outcome = await mediator.Send(command, ct);
            return outcome.ToResult(f => TypedResults.Created(f.Href, f));
        })
        .WithName("FreezeBriefingPack")
        .WithSummary("Freeze the briefing pack of a cycle at an as-of time, recording its content hash and who froze it")
        .WithDescription("Send an Idempotency-Key header to make retries safe: the same key with the same body returns the pack frozen first "
            + "(with Idempotent-Replayed: true); the same key with another body is 422.")
        .Produces<Frozen>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}

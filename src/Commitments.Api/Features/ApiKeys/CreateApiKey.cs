using Commitments.Api.Features.Catalogue;
using Commitments.Api.Http;
using Commitments.Infrastructure.Access;
using Commitments.Infrastructure.Catalogue;
using Commitments.Infrastructure.Data;

namespace Commitments.Api.Features.ApiKeys;

public static class CreateApiKey
{
    /// <summary>A key to issue.</summary>
    /// <param name="Role">secretariat, liaison or observer.</param>
    /// <param name="ParticipantId">Required for a liaison (the participant it files for); not allowed otherwise.</param>
    /// <param name="Label">Who holds it, e.g. "UK DSIT liaison", at most 200 characters.</param>
    /// <param name="ExpiresAt">Optional expiry (UTC), in the future.</param>
    public sealed record Request(Role? Role, string? ParticipantId, string? Label, DateTime? ExpiresAt);

    /// <summary>The new key. The secret is shown this once and cannot be recovered.</summary>
    public sealed record Created(ApiKeyDto Key, string Secret);

    public sealed record Command(Request Body) : ICommand<Outcome<Created>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.Body.Role).NotNull().OverridePropertyName("role");
            RuleFor(c => c.Body.ParticipantId).NotEmpty().When(c => c.Body.Role == Role.Liaison).OverridePropertyName("participantId")
                .WithMessage("A liaison key needs the participant it files for.");
            RuleFor(c => c.Body.ParticipantId).Null().When(c => c.Body.Role != Role.Liaison).OverridePropertyName("participantId")
                .WithMessage("Only liaison keys are bound to a participant.");
            RuleFor(c => c.Body.Label).NotEmpty().MaximumLength(200).IsCarriableText().OverridePropertyName("label");
            RuleFor(c => c.Body.ExpiresAt).Must(e => e is null || Inputs.Utc(e.Value) > clock.GetUtcNow().UtcDateTime)
                .WithMessage("expiresAt must be in the future.").OverridePropertyName("expiresAt");
        }
    }

    public sealed class Handler(AccessStore keys, CatalogueStore catalogue, AuditTrail audit, TimeProvider clock)
        : ICommandHandler<Command, Outcome<Created>>
    {
        public async ValueTask<Outcome<Created>> Handle(Command command, CancellationToken ct)
        {
            var body = command.Body;
            if (body.ParticipantId is { } pid && await catalogue.ParticipantAsync(pid, ct) is null)
                return Failure.UnknownReference("participantId", $"Participant '{pid}' does not exist.");
            var (record, secret) = Issue(body.Role!.Value, body.ParticipantId, body.Label!, body.ExpiresAt is { } e ? Inputs.Utc(e) : null, clock);
            await keys.InsertKeyAsync(record, ct);
            var dto = ApiKeyDto.From(record);
            await audit.RecordAsync("api_key.create", "api_key", record.Id, null, dto, ct);
            return new Created(dto, secret);
        }
    }

    /// <summary>A fresh key and the record that stores only its hash.</summary>
    public static (ApiKeyRecord Record, string Secret) Issue(Role role, string? participantId, string label, DateTime? expiresAt, TimeProvider clock)
    {
        var secret = ApiKeySecrets.NewSecret();
        var record = new ApiKeyRecord(Ids.New(), ApiKeySecrets.PrefixOf(secret), ApiKeySecrets.Hash(secret),
            Codes.Of(role), participantId, label, clock.GetUtcNow().UtcDateTime, expiresAt, null);
        return (record, secret);
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapPost("/", async (Request body, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new Command(body), ct)).ToResult(c => TypedResults.Created($"/v1/api-keys/{c.Key.Id}", c)))
        .WithName("CreateApiKey").WithSummary("Issue an API key; the secret is returned once (secretariat)")
        .Produces<Created>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}

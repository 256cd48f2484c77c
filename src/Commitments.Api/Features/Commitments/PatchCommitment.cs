using Commitments.Api.Http;
using Commitments.Api.Features.Catalogue;
using Commitments.Infrastructure.Catalogue;

namespace Commitments.Api.Features.Commitments;

public static class PatchCommitment
{
    /// <summary>Fields to change; those left out keep their value.</summary>
    public sealed record Request(string? ParagraphRef, AppliesTo? AppliesTo, string? Title, string? Quotation = null,
        [property: System.ComponentModel.DataAnnotations.DataType(System.ComponentModel.DataAnnotations.DataType.Url)] string? SourceUrl = null);

    public sealed record Command(string Id, Request Body) : ICommand<Outcome<CommitmentDto>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Body.ParagraphRef).NotEmpty().MaximumLength(200).IsCarriableText().When(c => c.Body.ParagraphRef is not null).OverridePropertyName("paragraphRef");
            CommitmentRules.AddSourceRules(this, c => c.Body.Quotation, c => c.Body.SourceUrl);
            RuleFor(c => c.Body.Title).NotEmpty().MaximumLength(500).IsCarriableText().When(c => c.Body.Title is not null).OverridePropertyName("title");
        }
    }

    public sealed class Handler(CatalogueStore store, AuditTrail audit, TimeProvider clock) : ICommandHandler<Command, Outcome<CommitmentDto>>
    {
        public async ValueTask<Outcome<CommitmentDto>> Handle(Command command, CancellationToken ct)
        {
            if (await store.CommitmentAsync(command.Id, ct) is not { } before) return Failure.NotFound("Commitment", command.Id);
            var body = command.Body;
            var after = before with
            {
                ParagraphRef = body.ParagraphRef ?? before.ParagraphRef,
                AppliesTo = body.AppliesTo ?? before.AppliesTo,
                Title = body.Title ?? before.Title,
                Quotation = body.Quotation ?? before.Quotation,
                SourceUrl = body.SourceUrl ?? before.SourceUrl,
            };
            await store.UpdateCommitmentAsync(after, clock.GetUtcNow().UtcDateTime, ct);
            var dto = CommitmentDto.From(after);
            await audit.RecordAsync("commitment.update", "commitment", after.Id, CommitmentDto.From(before), dto, ct);
            return dto;
        }
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapPatch("/{id}", async (string id, Request body, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new Command(id, body), ct)).ToResult(TypedResults.Ok))
        .RequireAuthorization(Policies.Secretariat)
        .WithName("PatchCommitment").WithSummary("Change a commitment's reference, scope, title, quotation or source (secretariat)")
        .Produces<CommitmentDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
}

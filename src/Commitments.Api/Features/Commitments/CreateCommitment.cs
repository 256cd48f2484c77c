using Commitments.Api.Http;
using Commitments.Api.Features.Catalogue;
using Commitments.Infrastructure.Catalogue;

namespace Commitments.Api.Features.Commitments;

public static class CreateCommitment
{
    /// <summary>A new commitment in the catalogue.</summary>
    /// <param name="Id">Our id, e.g. BD-10 or FAISC-IX: letters, digits and hyphens, 2 to 32 characters.</param>
    /// <param name="Instrument">Code of the instrument it comes from.</param>
    /// <param name="ParagraphRef">Where in the instrument, saying what it counts, e.g. "para 8 (unnumbered paragraphs counted from the first)".</param>
    /// <param name="AppliesTo">Whom it binds.</param>
    /// <param name="Title">A short paraphrase, at most 500 characters.</param>
    /// <param name="Quotation">The source's own words, at most 2000 characters.</param>
    /// <param name="SourceUrl">Where the source is published: an absolute https URL.</param>
    public sealed record Request(
        string? Id, string? Instrument, string? ParagraphRef, AppliesTo? AppliesTo, string? Title, string? Quotation = null,
        [property: System.ComponentModel.DataAnnotations.DataType(System.ComponentModel.DataAnnotations.DataType.Url)] string? SourceUrl = null);

    public sealed record Command(Request Body) : ICommand<Outcome<CommitmentDto>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Body.Id).NotEmpty().Matches(CommitmentRules.IdPattern).OverridePropertyName("id")
                .WithMessage("id must be 2 to 32 letters, digits and hyphens, starting with a letter (e.g. BD-7c).");
            RuleFor(c => c.Body.Instrument).NotEmpty().MaximumLength(16).IsCarriableText().OverridePropertyName("instrument");
            RuleFor(c => c.Body.ParagraphRef).NotEmpty().MaximumLength(200).IsCarriableText().OverridePropertyName("paragraphRef");
            RuleFor(c => c.Body.AppliesTo).NotNull().OverridePropertyName("appliesTo");
            RuleFor(c => c.Body.Title).NotEmpty().MaximumLength(500).IsCarriableText().OverridePropertyName("title");
            CommitmentRules.AddSourceRules(this, c => c.Body.Quotation, c => c.Body.SourceUrl);
        }
    }

    public sealed class Handler(CatalogueStore store, AuditTrail audit, TimeProvider clock) : ICommandHandler<Command, Outcome<CommitmentDto>>
    {
        public async ValueTask<Outcome<CommitmentDto>> Handle(Command command, CancellationToken ct)
        {
            var body = command.Body;
            if (await store.InstrumentAsync(body.Instrument!, ct) is null)
                return Failure.UnknownReference("instrument", $"Instrument '{body.Instrument}' does not exist.");
            if (await store.CommitmentAsync(body.Id!, ct) is not null)
                return Failure.Conflict($"Commitment '{body.Id}' already exists.") with { Type = ProblemTypes.AlreadyExists };
            var commitment = new Commitment(body.Id!, body.Instrument!, body.ParagraphRef!, body.AppliesTo!.Value, body.Title!,
                body.Quotation, body.SourceUrl);
            await store.InsertCommitmentAsync(commitment, clock.GetUtcNow().UtcDateTime, ct);
            var dto = CommitmentDto.From(commitment);
            await audit.RecordAsync("commitment.create", "commitment", commitment.Id, null, dto, ct);
            return dto;
        }
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapPost("/", async (Request body, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new Command(body), ct)).ToResult(c => TypedResults.Created($"/v1/commitments/{c.Id}", c)))
        .RequireAuthorization(Policies.Secretariat)
        .WithName("CreateCommitment").WithSummary("Add a commitment to the catalogue (secretariat)")
        .Produces<CommitmentDto>(StatusCodes.Status201Created)
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}

public static class CommitmentRules
{
    public const string IdPattern = @"\A[A-Za-z][A-Za-z0-9-]{1,31}\z";

    /// <summary>A source address is an absolute https URL: it is printed as a link in every pack.</summary>
    public static bool IsSourceUrl(string? value) =>
        value is null || (value.Length <= 2000 && Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps);

    public static void AddSourceRules<T>(AbstractValidator<T> validator,
        System.Linq.Expressions.Expression<Func<T, string?>> quotation, System.Linq.Expressions.Expression<Func<T, string?>> sourceUrl)
    {
        validator.RuleFor(quotation).MaximumLength(2000).IsCarriableText().OverridePropertyName("quotation");
        validator.RuleFor(sourceUrl).Must(IsSourceUrl).WithMessage("sourceUrl must be an absolute https URL of at most 2000 characters.")
            .OverridePropertyName("sourceUrl");
    }
}

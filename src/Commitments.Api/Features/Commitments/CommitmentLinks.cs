using Commitments.Api.Http;
using Commitments.Infrastructure.Catalogue;
using Commitments.Infrastructure.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Commitments.Api.Features.Commitments;

/// <summary>One link of the crosswalk: two commitments that ask the same thing, or one that succeeds the other.</summary>
/// <param name="Id">The link's id.</param>
/// <param name="CommitmentId">One end; for succeeds, the successor.</param>
/// <param name="LinkedCommitmentId">The other end; for succeeds, the commitment it carries forward.</param>
/// <param name="Relation">asks_same (read either way round) or succeeds.</param>
/// <param name="Note">Why the two are linked, citing the texts.</param>
/// <param name="CreatedAt">When the link was made.</param>
/// <param name="CreatedBy">Who made it: the seed step's name, or null when the secretariat made it through the API (the audit log names the key).</param>
public sealed record CommitmentLinkDto(
    [property: System.ComponentModel.DataAnnotations.DataType("uuid")] string Id, string CommitmentId, string LinkedCommitmentId,
    LinkRelation Relation, string? Note, DateTime CreatedAt, string? CreatedBy)
{
    public static CommitmentLinkDto From(CommitmentLink l) => new(l.Id, l.CommitmentId, l.LinkedCommitmentId, l.Relation, l.Note, l.CreatedAt, l.CreatedBy);
}

/// <summary>
/// The secretariat's crosswalk between commitments (issue "report once"): who asks the same thing as whom. Links are catalogue
/// facts, public like the commitments; only the secretariat makes or removes them, each audited.
/// </summary>
public static class CommitmentLinks
{
    public const string CursorKind = "k1";

    public static RouteGroupBuilder MapCrosswalk(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/v1/commitments").WithTags("Catalogue")
            .MapGet("/{id}/links", ListAsync).Validates<ListQuery>()
            .AllowAnonymous()
            .WithName("ListCommitmentLinks")
            .WithSummary("The crosswalk entries of one commitment: the commitments that ask the same thing, or that it succeeds or is succeeded by");
        var group = app.MapGroup("/v1/commitment-links").WithTags("Catalogue");
        group.MapGet("/{id}", GetAsync).AllowAnonymous()
            .WithName("GetCommitmentLink").WithSummary("One crosswalk entry by id; a removed one is 404");
        group.MapPost("/", async (CreateRequest body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Create(body), ct)).ToResult(l => TypedResults.Created($"/v1/commitment-links/{l.Id}", l)))
            .RequireAuthorization(Policies.Secretariat)
            .WithName("CreateCommitmentLink")
            .WithSummary("Link two commitments in the crosswalk (secretariat): both must exist, not the same one; a pair already linked, either way round, is 409")
            .Produces<CommitmentLinkDto>(StatusCodes.Status201Created)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapDelete("/{id}", async (string id, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Remove(id), ct)).ToResult(TypedResults.Ok))
            .RequireAuthorization(Policies.Secretariat)
            .WithName("RemoveCommitmentLink")
            .WithSummary("Remove a crosswalk entry (secretariat); updates that cited it keep their revisions as recorded")
            .Produces<CommitmentLinkDto>().ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>Whose links, and paging.</summary>
    /// <param name="Id">The commitment, e.g. FAISC-VII.</param>
    /// <param name="Limit">Links per page, 1 to 200; 50 when left out.</param>
    /// <param name="Cursor">The next value of the previous page.</param>
    public sealed record ListQuery([FromRoute(Name = "id")] string Id, [FromQuery(Name = "limit")] int? Limit,
        [FromQuery(Name = "cursor")] string? Cursor) : IPageQuery;

    public sealed class ListQueryValidator : AbstractValidator<ListQuery>
    {
        public ListQueryValidator() => Include(new PageQueryValidator(CursorKind, key => Guid.TryParse(key, out _)));
    }

    // A commitment has few links: they are read whole and paged in memory, in id order (ids are time-ordered).
    public static async Task<Results<Ok<Page<CommitmentLinkDto>>, NotFoundProblem>> ListAsync([AsParameters] ListQuery query,
        CatalogueStore catalogue, CrosswalkStore crosswalk, HttpContext context, CancellationToken ct)
    {
        if (await catalogue.CommitmentAsync(query.Id, ct) is null) return Problems.NotFound("Commitment", query.Id);
        var after = Paging.KeyOf(query, CursorKind);
        var limit = Paging.SizeOf(query);
        var rows = (await crosswalk.OfAsync(query.Id, ct)).OrderBy(l => l.Id, StringComparer.Ordinal)
            .Where(l => after is null || string.CompareOrdinal(l.Id, after) > 0).Take(limit + 1).Select(CommitmentLinkDto.From).ToList();
        return Paging.Ok(context, Paging.Keyset(rows, limit, CursorKind, l => l.Id));
    }

    public static async Task<Results<Ok<CommitmentLinkDto>, NotFoundProblem>> GetAsync(string id, CrosswalkStore crosswalk, CancellationToken ct) =>
        await crosswalk.GetAsync(id, ct) is { } link ? TypedResults.Ok(CommitmentLinkDto.From(link)) : Problems.NotFound("Commitment link", id);

    /// <summary>A new crosswalk entry.</summary>
    /// <param name="CommitmentId">One end; for succeeds, the successor (e.g. FAISC-I).</param>
    /// <param name="LinkedCommitmentId">The other end; for succeeds, the commitment carried forward (e.g. ST-1).</param>
    /// <param name="Relation">asks_same or succeeds.</param>
    /// <param name="Note">Why the two are linked, citing the texts (at most 1,000 characters).</param>
    public sealed record CreateRequest(
        [property: System.ComponentModel.DataAnnotations.MaxLength(32)] string? CommitmentId,
        [property: System.ComponentModel.DataAnnotations.MaxLength(32)] string? LinkedCommitmentId,
        LinkRelation? Relation,
        [property: System.ComponentModel.DataAnnotations.MaxLength(1000)] string? Note);

    public sealed record Create(CreateRequest Body) : ICommand<Outcome<CommitmentLinkDto>>;

    public sealed class CreateValidator : AbstractValidator<Create>
    {
        public CreateValidator()
        {
            RuleFor(c => c.Body.CommitmentId).NotEmpty().MaximumLength(32).OverridePropertyName("commitmentId");
            RuleFor(c => c.Body.LinkedCommitmentId).NotEmpty().MaximumLength(32).OverridePropertyName("linkedCommitmentId");
            RuleFor(c => c.Body.Relation).NotNull().OverridePropertyName("relation");
            RuleFor(c => c.Body.Note).MaximumLength(1000).IsCarriableText().OverridePropertyName("note");
            RuleFor(c => c.Body).Must(b => Crosswalk.WhyNotLink(b.CommitmentId!, b.LinkedCommitmentId!) is null)
                .When(c => !string.IsNullOrEmpty(c.Body.CommitmentId) && !string.IsNullOrEmpty(c.Body.LinkedCommitmentId))
                .WithMessage(c => Crosswalk.WhyNotLink(c.Body.CommitmentId!, c.Body.LinkedCommitmentId!)!).OverridePropertyName("linkedCommitmentId");
        }
    }

    public sealed class CreateHandler(CatalogueStore catalogue, CrosswalkStore crosswalk, AuditTrail audit, TimeProvider clock)
        : ICommandHandler<Create, Outcome<CommitmentLinkDto>>
    {
        public async ValueTask<Outcome<CommitmentLinkDto>> Handle(Create command, CancellationToken ct)
        {
            var body = command.Body;
            if (await catalogue.CommitmentAsync(body.CommitmentId!, ct) is not { } a)
                return Failure.UnknownReference("commitmentId", $"Commitment '{body.CommitmentId}' does not exist.");
            if (await catalogue.CommitmentAsync(body.LinkedCommitmentId!, ct) is not { } b)
                return Failure.UnknownReference("linkedCommitmentId", $"Commitment '{body.LinkedCommitmentId}' does not exist.");
            if ((await crosswalk.OfAsync(a.Id, ct)).FirstOrDefault(l => l.Joins(a.Id, b.Id)) is { } existing)
                return Failure.Conflict($"{a.Id} and {b.Id} are already linked ({Codes.Of(existing.Relation)}): remove that link first to change it.",
                    new Dictionary<string, object?> { ["existingId"] = existing.Id, ["existing"] = $"/v1/commitment-links/{existing.Id}" }) with { Type = ProblemTypes.AlreadyLinked };
            var link = new CommitmentLink(Ids.New(), a.Id, b.Id, body.Relation!.Value, string.IsNullOrWhiteSpace(body.Note) ? null : body.Note,
                clock.GetUtcNow().UtcDateTime, null);
            await crosswalk.InsertAsync(link, ct);
            var dto = CommitmentLinkDto.From(link);
            await audit.RecordAsync("commitment_link.create", "commitment_link", link.Id, null, dto, ct);
            return dto;
        }
    }

    public sealed record Remove(string Id) : ICommand<Outcome<CommitmentLinkDto>>;

    public sealed class RemoveHandler(CrosswalkStore crosswalk, AuditTrail audit, RequestContext request, TimeProvider clock)
        : ICommandHandler<Remove, Outcome<CommitmentLinkDto>>
    {
        public async ValueTask<Outcome<CommitmentLinkDto>> Handle(Remove command, CancellationToken ct)
        {
            if (await crosswalk.GetAsync(command.Id, ct) is not { } link
                || !await crosswalk.RemoveAsync(link.Id, clock.GetUtcNow().UtcDateTime, request.Actor.KeyId, ct))
                return Failure.NotFound("Commitment link", command.Id);
            var dto = CommitmentLinkDto.From(link);
            await audit.RecordAsync("commitment_link.remove", "commitment_link", link.Id, dto, null, ct);
            return dto;
        }
    }
}

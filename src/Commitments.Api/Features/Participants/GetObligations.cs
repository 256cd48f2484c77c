using Commitments.Api.Features.Catalogue;
using Commitments.Infrastructure.Catalogue;
using Commitments.Infrastructure.Reports;
using Commitments.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Commitments.Api.Features.Participants;

/// <summary>
/// The commitments a participant must report on in a cycle, which of them the secretariat exempted, and the crosswalk from each
/// (<paramref name="Links"/>): where one answer may serve several obligations.
/// </summary>
public sealed record ObligationsDto(string ParticipantId, string CycleId, IReadOnlyList<CommitmentDto> Commitments, IReadOnlyList<string> Exempt,
    IReadOnlyList<ObligationLinkDto> Links);

/// <summary>One crosswalk entry seen from an obligation.</summary>
/// <param name="CommitmentId">The obligation's commitment.</param>
/// <param name="LinkedCommitmentId">The commitment the crosswalk links to it.</param>
/// <param name="Relation">asks_same, or succeeds (one of the two carries the other forward; GET /v1/commitment-links/{linkId} says which).</param>
/// <param name="LinkId">The crosswalk entry.</param>
/// <param name="LinkedIsObligation">True when the linked commitment is also one of the participant's obligations in this cycle: an update
/// may then cite it (alsoAnswers) and be copied to it (POST /v1/updates/{id}/copies).</param>
public sealed record ObligationLinkDto(string CommitmentId, string LinkedCommitmentId, LinkRelation Relation,
    [property: System.ComponentModel.DataAnnotations.DataType("uuid")] string LinkId, bool LinkedIsObligation);

public static class GetObligations
{
    /// <summary>Whose obligations, in which cycle.</summary>
    /// <param name="Id">The participant.</param>
    /// <param name="Cycle">The id of a reporting cycle, e.g. seoul-2024 (required).</param>
    public sealed record Query(string Id, [FromQuery(Name = "cycle")] string? Cycle);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Cycle).NotEmpty().WithMessage("cycle is required: the id of a reporting cycle, e.g. seoul-2024.")
            .OverridePropertyName("cycle");
    }

    /// <summary>JSON by default; a spreadsheet template (CSV or XLSX) to fill in and upload to the bulk filing route.</summary>
    public static readonly IReadOnlyList<string> Formats = ["application/json", Updates.ObligationSheet.CsvMediaType, Updates.ObligationSheet.XlsxMediaType];

    /// <summary>Asks <see cref="Obligations"/>, the one rule that filing, coverage and packs ask too.</summary>
    public static async Task<Results<Ok<ObligationsDto>, FileContentHttpResult, NotFoundProblem, NotAcceptableProblem>> GetObligationsAsync(
        [AsParameters] Query query, CatalogueStore catalogue, ReportStore reports, Infrastructure.Updates.UpdateStore updates,
        CrosswalkStore crosswalk, RequestContext request, HttpContext context, TimeProvider clock, CancellationToken ct)
    {
        context.Response.Headers.Vary = Microsoft.Net.Http.Headers.HeaderNames.Accept;
        if (ContentNegotiation.Choose(context.Request, Formats) is not { } format) return ContentNegotiation.NotAcceptable(Formats);
        if (await catalogue.ParticipantAsync(query.Id, ct) is not { } participant) return Problems.NotFound("Participant", query.Id);
        if (await catalogue.CycleAsync(query.Cycle!, ct) is not { } found) return Problems.NotFound("Cycle", query.Cycle!);
        var exemptions = await reports.ExemptionsAsync(found.Id, clock.GetUtcNow().UtcDateTime, ct);
        var obligations = Obligations.Of(participant, found, await catalogue.CommitmentsAsync(null, null, ct), exemptions.ToSet());
        var links = await crosswalk.LiveAsync(ct);
        if (format != "application/json")
        {
            var filed = await updates.ListAsync(new Infrastructure.Updates.UpdateQuery(participant.Id, null, found.Id, null, null, null, null,
                obligations.Count + 1, SeesEverything: true, null, Enum.GetValues<Confidentiality>()), ct);
            var linked = obligations.ToDictionary(o => o.Commitment.Id,
                o => (IReadOnlyList<string>)Crosswalk.LinkedObligations(o.Commitment.Id, links, obligations).Select(l => l.Commitment.Id).ToList());
            var rows = Updates.ObligationSheet.Template(participant.Id, found.Id, obligations, filed.Select(s => s.Update), request.Actor.Caller, linked);
            var name = $"obligations-{participant.Id}-{found.Id}";
            return format == Updates.ObligationSheet.CsvMediaType
                ? TypedResults.File(Updates.ObligationSheet.Csv(rows), "text/csv; charset=utf-8", $"{name}.csv")
                : TypedResults.File(Updates.ObligationSheet.Xlsx(rows), Updates.ObligationSheet.XlsxMediaType, $"{name}.xlsx");
        }
        return TypedResults.Ok(new ObligationsDto(participant.Id, found.Id, obligations.Select(o => CommitmentDto.From(o.Commitment)).ToList(),
            obligations.Where(o => o.Exempt).Select(o => o.Commitment.Id).ToList(), LinksOf(obligations, links)));
    }

    /// <summary>Every link touching an obligation, seen from it, and whether the other end is an obligation too.</summary>
    private static List<ObligationLinkDto> LinksOf(IReadOnlyList<Obligation> obligations, IReadOnlyList<CommitmentLink> links)
    {
        var ids = obligations.Select(o => o.Commitment.Id).ToHashSet();
        return obligations.SelectMany(o => links.Where(l => l.Other(o.Commitment.Id) is not null)
                .Select(l => new ObligationLinkDto(o.Commitment.Id, l.Other(o.Commitment.Id)!, l.Relation, l.Id, ids.Contains(l.Other(o.Commitment.Id)!))))
            .ToList();
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/{id}/obligations", GetObligationsAsync).Validates<Query>()
        .AllowAnonymous()
        .WithName("GetObligations")
        .Produces<ObligationsDto>(StatusCodes.Status200OK, "application/json", Updates.ObligationSheet.CsvMediaType, Updates.ObligationSheet.XlsxMediaType)
        .WithSummary("The commitments a participant must report on in a cycle: endorsed instruments in the cycle's scope, endorsements in force by "
            + "its due date, commitments that apply to its kind; exempt lists those the secretariat exempted");
}

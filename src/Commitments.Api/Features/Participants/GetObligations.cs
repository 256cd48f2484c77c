using Commitments.Api.Features.Catalogue;
using Commitments.Infrastructure.Catalogue;
using Commitments.Infrastructure.Reports;
using Commitments.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Commitments.Api.Features.Participants;

/// <summary>The commitments a participant must report on in a cycle, and which of them the secretariat exempted.</summary>
public sealed record ObligationsDto(string ParticipantId, string CycleId, IReadOnlyList<CommitmentDto> Commitments, IReadOnlyList<string> Exempt);

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
        RequestContext request, HttpContext context, TimeProvider clock, CancellationToken ct)
    {
        context.Response.Headers.Vary = Microsoft.Net.Http.Headers.HeaderNames.Accept;
        if (ContentNegotiation.Choose(context.Request, Formats) is not { } format) return ContentNegotiation.NotAcceptable(Formats);
        if (await catalogue.ParticipantAsync(query.Id, ct) is not { } participant) return Problems.NotFound("Participant", query.Id);
        if (await catalogue.CycleAsync(query.Cycle!, ct) is not { } found) return Problems.NotFound("Cycle", query.Cycle!);
        var exemptions = await reports.ExemptionsAsync(found.Id, clock.GetUtcNow().UtcDateTime, ct);
        var obligations = Obligations.Of(participant, found, await catalogue.CommitmentsAsync(null, null, ct), exemptions.ToSet());
        if (format != "application/json")
        {
            var filed = await updates.ListAsync(new Infrastructure.Updates.UpdateQuery(participant.Id, null, found.Id, null, null, null, null,
                obligations.Count + 1, SeesEverything: true, null, Enum.GetValues<Confidentiality>()), ct);
            var rows = Updates.ObligationSheet.Template(participant.Id, found.Id, obligations, filed.Select(s => s.Update), request.Actor.Caller);
            var name = $"obligations-{participant.Id}-{found.Id}";
            return format == Updates.ObligationSheet.CsvMediaType
                ? TypedResults.File(Updates.ObligationSheet.Csv(rows), "text/csv; charset=utf-8", $"{name}.csv")
                : TypedResults.File(Updates.ObligationSheet.Xlsx(rows), Updates.ObligationSheet.XlsxMediaType, $"{name}.xlsx");
        }
        return TypedResults.Ok(new ObligationsDto(participant.Id, found.Id, obligations.Select(o => CommitmentDto.From(o.Commitment)).ToList(),
            obligations.Where(o => o.Exempt).Select(o => o.Commitment.Id).ToList()));
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/{id}/obligations", GetObligationsAsync).Validates<Query>()
        .AllowAnonymous()
        .WithName("GetObligations")
        .Produces<ObligationsDto>(StatusCodes.Status200OK, "application/json", Updates.ObligationSheet.CsvMediaType, Updates.ObligationSheet.XlsxMediaType)
        .WithSummary("The commitments a participant must report on in a cycle: endorsed instruments in the cycle's scope, endorsements in force by "
            + "its due date, commitments that apply to its kind; exempt lists those the secretariat exempted");
}

using Commitments.Api.Http;
using Commitments.Infrastructure.Catalogue;
using Commitments.Infrastructure.Reports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Commitments.Api.Features.Reports;

public static class ListExemptions
{
    /// <summary>Cursors of this list carry the last exemption's participant and commitment ids.</summary>
    public const string CursorKind = "x1";

    /// <summary>The cycle and paging of its exemptions.</summary>
    /// <param name="Id">The reporting cycle id, e.g. seoul-2024.</param>
    /// <param name="Limit">Exemptions per page, 1 to 200; 50 when left out.</param>
    /// <param name="Cursor">The next value of the previous page.</param>
    public sealed record Query([FromRoute(Name = "id")] string Id, [FromQuery(Name = "limit")] int? Limit,
        [FromQuery(Name = "cursor")] string? Cursor) : IPageQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new PageQueryValidator(CursorKind, key => Paging.TryPair(key, out _, out _)));
    }

    // At most participants x commitments of one cycle: read whole, sorted by participant then commitment, paged in memory.
    public static async Task<Results<Ok<Page<ExemptObligation.ExemptionDto>>, NotFoundProblem>> ListExemptionsAsync(
        [AsParameters] Query query, CatalogueStore catalogue, ReportStore reports, HttpContext context, CancellationToken ct)
    {
        var id = query.Id;
        if (await catalogue.CycleAsync(id, ct) is null) return Problems.NotFound("Cycle", id);
        var limit = Paging.SizeOf(query);
        var (afterParticipant, afterCommitment) = Paging.KeyOf(query, CursorKind) is { } key && Paging.TryPair(key, out var p, out var c) ? (p, c) : (null, null);
        var rows = (await reports.ExemptionsAsync(id, ct))
            .OrderBy(e => e.ParticipantId, StringComparer.Ordinal).ThenBy(e => e.CommitmentId, StringComparer.Ordinal)
            .Where(e => afterParticipant is null || Paging.ComparePairs(e.ParticipantId, e.CommitmentId, afterParticipant, afterCommitment!) > 0)
            .Take(limit + 1).Select(e => new ExemptObligation.ExemptionDto(id, e.ParticipantId, e.CommitmentId, e.Reason)).ToList();
        return Paging.Ok(context, Paging.Keyset(rows, limit, CursorKind, e => Paging.Pair(e.ParticipantId, e.CommitmentId)));
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/{id}/exemptions", ListExemptionsAsync).Validates<Query>()
        .WithName("ListExemptions").WithSummary("The obligations exempted from a cycle, with their reasons, by participant then commitment; follow next or the Link header");
}

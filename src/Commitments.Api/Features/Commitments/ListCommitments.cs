using Commitments.Api.Features.Catalogue;
using Commitments.Api.Http;
using Commitments.Infrastructure.Catalogue;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Commitments.Api.Features.Commitments;

public static class ListCommitments
{
    /// <summary>Cursors of this list carry the last commitment's id.</summary>
    public const string CursorKind = "c1";

    /// <summary>Filters and paging of the commitment list.</summary>
    /// <param name="Instrument">An instrument code, e.g. ST.</param>
    /// <param name="AppliesTo">governments, companies or all.</param>
    /// <param name="Limit">Commitments per page, 1 to 200; 50 when left out.</param>
    /// <param name="Cursor">The next value of the previous page.</param>
    public sealed record Query(
        [FromQuery(Name = "instrument")] string? Instrument, [FromQuery(Name = "appliesTo")] string? AppliesTo,
        [FromQuery(Name = "limit")] int? Limit, [FromQuery(Name = "cursor")] string? Cursor) : IPageQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            Include(new PageQueryValidator(CursorKind, key => System.Text.RegularExpressions.Regex.IsMatch(key, CommitmentRules.IdPattern)));
            RuleFor(q => q.AppliesTo).IsCodeOf<Query, AppliesTo>();
        }
    }

    // The catalogue (a few dozen rows) is read whole, filtered, in catalogue order, and paged in memory. The key is the
    // last commitment's id: its place in that order never moves (a position is given once, on insert, and commitments are
    // never deleted). A cursor naming a commitment the filter does not list (the query was changed between pages) ends the
    // list.
    public static async Task<Ok<Page<CommitmentDto>>> ListCommitmentsAsync([AsParameters] Query query, CatalogueStore store, HttpContext context,
        CancellationToken ct)
    {
        var limit = Paging.SizeOf(query);
        AppliesTo? appliesTo = Codes.TryParse<AppliesTo>(query.AppliesTo, out var a) ? a : null;
        var listed = await store.CommitmentsAsync(query.Instrument, appliesTo, ct);
        var start = Paging.KeyOf(query, CursorKind) is { } after
            ? listed.Select((c, i) => (c.Id, i)).Where(c => c.Id == after).Select(c => c.i + 1).DefaultIfEmpty(listed.Count).First()
            : 0;
        var rows = listed.Skip(start).Take(limit + 1).Select(CommitmentDto.From).ToList();
        return Paging.Ok(context, Paging.Keyset(rows, limit, CursorKind, c => c.Id));
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/", ListCommitmentsAsync).Validates<Query>()
        .AllowAnonymous()
        .WithName("ListCommitments")
        .WithSummary("List commitments in catalogue order, optionally by instrument code and by whom they apply to (governments, companies, all); follow next or the Link header");
}

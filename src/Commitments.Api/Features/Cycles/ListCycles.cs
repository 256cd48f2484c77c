using System.Globalization;
using Commitments.Api.Features.Catalogue;
using Commitments.Api.Http;
using Commitments.Infrastructure.Catalogue;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Commitments.Api.Features.Cycles;

public static class ListCycles
{
    /// <summary>Cursors of this list carry the last cycle's opening time (UTC ticks, 19 digits) and id.</summary>
    public const string CursorKind = "y1";

    /// <summary>Paging of the cycle list.</summary>
    /// <param name="Limit">Cycles per page, 1 to 200; 50 when left out.</param>
    /// <param name="Cursor">The next value of the previous page.</param>
    public sealed record Query([FromQuery(Name = "limit")] int? Limit, [FromQuery(Name = "cursor")] string? Cursor) : IPageQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new PageQueryValidator(CursorKind,
            key => Paging.TryPair(key, out var ticks, out _) && ticks.Length == 19 && long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out _)));
    }

    private static string OpensKey(DateTime opensAt) => opensAt.Ticks.ToString("D19", CultureInfo.InvariantCulture);

    // A few cycles a year: read whole, sorted by opening time then id, and paged in memory after the cursor's pair.
    public static async Task<Ok<Page<CycleDto>>> ListCyclesAsync([AsParameters] Query query, CatalogueStore store, HttpContext context, CancellationToken ct)
    {
        var limit = Paging.SizeOf(query);
        var (afterOpens, afterId) = Paging.KeyOf(query, CursorKind) is { } key && Paging.TryPair(key, out var o, out var i) ? (o, i) : (null, null);
        var rows = (await store.CyclesAsync(ct))
            .OrderBy(c => OpensKey(c.OpensAt), StringComparer.Ordinal).ThenBy(c => c.Id, StringComparer.Ordinal)
            .Where(c => afterOpens is null || Paging.ComparePairs(OpensKey(c.OpensAt), c.Id, afterOpens, afterId!) > 0)
            .Take(limit + 1).Select(CycleDto.From).ToList();
        return Paging.Ok(context, Paging.Keyset(rows, limit, CursorKind, c => Paging.Pair(OpensKey(c.OpensAt), c.Id)));
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/", ListCyclesAsync).Validates<Query>()
        .AllowAnonymous()
        .WithName("ListCycles")
        .WithSummary("List reporting cycles by opening time with their dates and the instruments in scope; follow next or the Link header");
}

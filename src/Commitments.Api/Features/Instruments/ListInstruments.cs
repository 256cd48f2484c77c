using Commitments.Api.Features.Catalogue;
using Commitments.Api.Http;
using Commitments.Infrastructure.Catalogue;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Commitments.Api.Features.Instruments;

public static class ListInstruments
{
    /// <summary>Cursors of this list carry the last instrument's adoption date and code.</summary>
    public const string CursorKind = "i1";

    /// <summary>Paging of the instrument list.</summary>
    /// <param name="Limit">Instruments per page, 1 to 200; 50 when left out.</param>
    /// <param name="Cursor">The next value of the previous page.</param>
    public sealed record Query([FromQuery(Name = "limit")] int? Limit, [FromQuery(Name = "cursor")] string? Cursor) : IPageQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new PageQueryValidator(CursorKind, key => Paging.TryPair(key, out _, out _)));
    }

    // A handful of instruments: read whole, in adoption order (then code), and paged in memory.
    public static async Task<Ok<Page<InstrumentDto>>> ListInstrumentsAsync([AsParameters] Query query, CatalogueStore store, HttpContext context,
        CancellationToken ct)
    {
        var limit = Paging.SizeOf(query);
        var (afterOn, afterCode) = Paging.KeyOf(query, CursorKind) is { } key && Paging.TryPair(key, out var on, out var code) ? (on, code) : (null, null);
        var rows = (await store.InstrumentsAsync(ct))
            .OrderBy(i => i.AdoptedOn, StringComparer.Ordinal).ThenBy(i => i.Code, StringComparer.Ordinal)
            .Where(i => afterOn is null || Paging.ComparePairs(i.AdoptedOn, i.Code, afterOn, afterCode!) > 0)
            .Take(limit + 1).Select(InstrumentDto.From).ToList();
        return Paging.Ok(context, Paging.Keyset(rows, limit, CursorKind, i => Paging.Pair(i.AdoptedOn, i.Code)));
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/", ListInstrumentsAsync).Validates<Query>()
        .WithName("ListInstruments")
        .WithSummary("List the instruments (source documents) of the Bletchley process in adoption order (follow next or the Link header)");
}

using Commitments.Api.Features.Catalogue;
using Commitments.Api.Http;
using Commitments.Infrastructure.Catalogue;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Commitments.Api.Features.Participants;

public static class ListParticipants
{
    /// <summary>Cursors of this list carry the last participant's kind and id.</summary>
    public const string CursorKind = "p1";

    /// <summary>Filter and paging of the participant list.</summary>
    /// <param name="Kind">government, international_organisation or company.</param>
    /// <param name="Limit">Participants per page, 1 to 200; 50 when left out.</param>
    /// <param name="Cursor">The next value of the previous page.</param>
    public sealed record Query([FromQuery(Name = "kind")] string? Kind, [FromQuery(Name = "limit")] int? Limit,
        [FromQuery(Name = "cursor")] string? Cursor) : IPageQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            Include(new PageQueryValidator(CursorKind, key => Paging.TryPair(key, out var kind, out _) && Codes.TryParse<ParticipantKind>(kind, out _)));
            RuleFor(q => q.Kind).IsCodeOf<Query, ParticipantKind>();
        }
    }

    // A catalogue of a few hundred at most: read whole (filtered by kind first), sorted by kind then id, and paged in
    // memory after the cursor's (kind, id), so a participant added between pages never shifts a page boundary.
    public static async Task<Ok<Page<ParticipantDto>>> ListParticipantsAsync([AsParameters] Query query, CatalogueStore store, HttpContext context,
        CancellationToken ct)
    {
        var limit = Paging.SizeOf(query);
        ParticipantKind? kind = Codes.TryParse<ParticipantKind>(query.Kind, out var k) ? k : null;
        var (afterKind, afterId) = Paging.KeyOf(query, CursorKind) is { } key && Paging.TryPair(key, out var ak, out var ai) ? (ak, ai) : (null, null);
        var rows = (await store.ParticipantsAsync(kind, ct))
            .OrderBy(p => Codes.Of(p.Kind), StringComparer.Ordinal).ThenBy(p => p.Id, StringComparer.Ordinal)
            .Where(p => afterKind is null || Paging.ComparePairs(Codes.Of(p.Kind), p.Id, afterKind, afterId!) > 0)
            .Take(limit + 1).Select(ParticipantDto.From).ToList();
        return Paging.Ok(context, Paging.Keyset(rows, limit, CursorKind, p => Paging.Pair(Codes.Of(p.Kind), p.Id)));
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/", ListParticipantsAsync).Validates<Query>()
        .AllowAnonymous()
        .WithName("ListParticipants")
        .WithSummary("List participants with their aliases and endorsements by kind then id, optionally of one kind (government, international_organisation, company); follow next or the Link header");
}

using Commitments.Api.Http;
using Commitments.Infrastructure.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Commitments.Api.Features.ApiKeys;

public static class ListApiKeys
{
    /// <summary>Cursors of this list carry the last key's id.</summary>
    public const string CursorKind = "k1";

    /// <summary>A page of the key list.</summary>
    /// <param name="Limit">Keys per page, 1 to 200; 50 when left out.</param>
    /// <param name="Cursor">The next value of the previous page.</param>
    public sealed record Query([FromQuery(Name = "limit")] int? Limit, [FromQuery(Name = "cursor")] string? Cursor) : IPageQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new PageQueryValidator(CursorKind, key => Guid.TryParseExact(key, "D", out _)));
    }

    public static async Task<Ok<Page<ApiKeyDto>>> ListApiKeysAsync([AsParameters] Query query, AccessStore keys, HttpContext context, CancellationToken ct)
    {
        var limit = Paging.SizeOf(query);
        var rows = await keys.KeysAsync(Paging.KeyOf(query, CursorKind), limit + 1, ct);
        return Paging.Ok(context, Paging.Keyset(rows.Select(ApiKeyDto.From).ToList(), limit, CursorKind, k => k.Id));
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/", ListApiKeysAsync).Validates<Query>()
        .WithName("ListApiKeys")
        .WithSummary("List API keys, oldest first, without their secrets (secretariat); follow next or the Link header for the next page");
}

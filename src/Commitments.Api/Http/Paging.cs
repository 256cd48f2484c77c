using Commitments.Api.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commitments.Api.Http;

/// <summary>One page of a list: its items, and the cursor of the next page when there is one (also in the Link header).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);

/// <summary>What every paged list takes from the query: limit (1 to 200, default 50) and the cursor of a previous page.</summary>
public interface IPageQuery
{
    /// <summary>Items per page, 1 to 200; 50 when left out.</summary>
    int? Limit { get; }

    /// <summary>The next value of the previous page (opaque).</summary>
    string? Cursor { get; }
}

/// <summary>The paging rules every list shares; a list includes it with the cursor kind it issues (internal: not registered on its own).</summary>
internal sealed class PageQueryValidator : AbstractValidator<IPageQuery>
{
    public PageQueryValidator(string kind, Func<string, bool> isKey)
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, Limits.MaxPageSize).When(q => q.Limit is not null)
            .WithMessage($"limit must be between 1 and {Limits.MaxPageSize}.");
        RuleFor(q => q.Cursor).Must(c => Http.Cursor.TryDecode(c, kind, out var key) && isKey(key)).When(q => q.Cursor is not null)
            .WithMessage("cursor must be the 'next' value of a previous page of this list.");
    }
}

public static class Paging
{
    public static int SizeOf(IPageQuery query) => query.Limit ?? Limits.DefaultPageSize;

    /// <summary>The key in a cursor the query's validator already accepted; null on the first page.</summary>
    public static string? KeyOf(IPageQuery query, string kind) =>
        query.Cursor is null ? null : Cursor.TryDecode(query.Cursor, kind, out var key) ? key : throw new InvalidOperationException("cursor was not validated");

    /// <summary>
    /// A page from rows read with limit + 1: the extra row only says that there is a next page, whose cursor is the key of
    /// this page's last item.
    /// </summary>
    public static Page<T> Keyset<T>(IReadOnlyList<T> rows, int limit, string kind, Func<T, string> keyOf)
    {
        var items = rows.Take(limit).ToList();
        return new Page<T>(items, rows.Count > limit ? Cursor.Encode(kind, keyOf(items[^1])) : null);
    }

    /// <summary>A sort key of two parts (kind and id, date and code), joined by a space, which no code or id contains.</summary>
    public static string Pair(string first, string second) => first + " " + second;

    /// <summary>The two parts of a <see cref="Pair"/> key; false unless both are there and non-empty.</summary>
    public static bool TryPair(string key, out string first, out string second)
    {
        var space = key.IndexOf(' ');
        (first, second) = space > 0 ? (key[..space], key[(space + 1)..]) : ("", "");
        return space > 0 && second.Length > 0 && !second.Contains(' ');
    }

    /// <summary>Compares two <see cref="Pair"/> keys part by part, ordinally: the order short lists paged in memory are sorted in.</summary>
    public static int ComparePairs(string first1, string second1, string first2, string second2) =>
        string.CompareOrdinal(first1, first2) is var c and not 0 ? c : string.CompareOrdinal(second1, second2);

    /// <summary>200 with the page; when there is a next page, also <c>Link: &lt;same query, next cursor&gt;; rel="next"</c>.</summary>
    public static Ok<Page<T>> Ok<T>(HttpContext context, Page<T> page)
    {
        if (page.Next is { } next)
        {
            var request = context.Request;
            var query = QueryString.Create(request.Query.Where(q => !q.Key.Equals("cursor", StringComparison.OrdinalIgnoreCase))
                .Select(q => KeyValuePair.Create(q.Key, (string?)q.Value.ToString()))
                .Append(KeyValuePair.Create("cursor", (string?)next)));
            context.Response.Headers.Link = $"<{request.PathBase}{request.Path}{query}>; rel=\"next\"";
        }
        return TypedResults.Ok(page);
    }
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Commitments.Api.Http;

/// <summary>
/// Conditional GET for computed reports (RFC 9110 13.1.2): a weak entity tag over everything the representation is computed
/// from, and If-None-Match, compared weakly, answered 304 with no body while the tag is unchanged. The tag is a hash, so it
/// says nothing of what it was computed from.
/// </summary>
public static class ConditionalGet
{
    /// <summary>The OpenAPI header component that describes the weak ETag of a report.</summary>
    public const string Component = "ReportETag";

    /// <summary>The weak tag of a representation computed from <paramref name="inputs"/>.</summary>
    public static string WeakTag(params string[] inputs) =>
        $"W/\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', inputs))))[..32]}\"";

    /// <summary>Whether If-None-Match names <paramref name="tag"/> (weak comparison) or is *; a malformed header matches nothing.</summary>
    public static bool Matches(string? ifNoneMatch, string tag)
    {
        if (string.IsNullOrWhiteSpace(ifNoneMatch)) return false;
        if (!EntityTagHeaderValue.TryParseList([ifNoneMatch], out var tags)) return false;
        var ours = EntityTagHeaderValue.Parse(tag);
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(ours, useStrongComparison: false));
    }

    /// <summary>
    /// The tag and what a cache must key on: the rendering (Accept) and the key (X-Api-Key: a digest is the caller's). The
    /// answer is for this key holder only and is not stored (<see cref="CachingHeaders"/>); a client keeps it and revalidates.
    /// </summary>
    public static void Tag(HttpResponse response, string tag)
    {
        response.Headers.ETag = tag;
        response.Headers.Vary = $"{HeaderNames.Accept}, {ApiKeyAuthenticationHandler.Header}";
    }

    /// <summary>304: the client's copy is current; no body.</summary>
    public static StatusCodeHttpResult NotModified() => TypedResults.StatusCode(StatusCodes.Status304NotModified);
}

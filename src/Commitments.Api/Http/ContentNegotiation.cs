using Microsoft.Net.Http.Headers;

namespace Commitments.Api.Http;

/// <summary>
/// Proactive negotiation by RFC 9110 section 12.5.1: each offered type takes the quality of the most specific Accept range
/// that matches it (type/subtype over type/* over */*); q=0 means not acceptable; the highest quality wins and ties go to
/// the order the resource offers its types in (its first is the default). No Accept, or one that cannot be parsed, accepts anything.
/// </summary>
public static class ContentNegotiation
{
    /// <summary>The media type to answer with, or null when the client accepts none of <paramref name="offered"/>.</summary>
    public static string? Choose(HttpRequest request, IReadOnlyList<string> offered)
    {
        var accept = request.Headers.Accept;
        if (accept.Count == 0 || !MediaTypeHeaderValue.TryParseList(accept, out var ranges) || ranges.Count == 0) return offered[0];
        string? best = null;
        var bestQuality = 0.0;
        foreach (var type in offered)
        {
            var quality = QualityOf(MediaTypeHeaderValue.Parse(type), ranges);
            if (quality > bestQuality)
            {
                best = type;
                bestQuality = quality;
            }
        }
        return best;
    }

    private static double QualityOf(MediaTypeHeaderValue type, IList<MediaTypeHeaderValue> ranges)
    {
        var specificity = 0;
        var quality = 0.0;
        foreach (var range in ranges)
        {
            var match = range.MatchesAllTypes ? 1
                : !range.Type.Equals(type.Type, StringComparison.OrdinalIgnoreCase) ? 0
                : range.MatchesAllSubTypes ? 2
                : range.SubType.Equals(type.SubType, StringComparison.OrdinalIgnoreCase) ? 3
                : 0;
            if (match > specificity)
            {
                specificity = match;
                quality = range.Quality ?? 1.0;
            }
        }
        return quality;
    }

    public static NotAcceptableProblem NotAcceptable(IReadOnlyList<string> offered) => new(offered);
}

using Commitments.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Commitments.Api.Features.Reports;

public static class GetBriefingPack
{
    /// <summary>What the live pack can be rendered as; the first is the default.</summary>
    public static readonly IReadOnlyList<string> Formats = ["application/json", "text/csv", "text/html"];

    public static async Task<Results<StreamedDocument, StatusCodeHttpResult, NotFoundProblem, NotAcceptableProblem>> GetBriefingPackAsync(
        [AsParameters] ReportQuery query, BriefingPacks packs, PackHtml html, HttpContext context, CancellationToken ct)
    {
        context.Response.Headers.Vary = HeaderNames.Accept;
        // Negotiate before computing: a pack nobody can receive is not built.
        if (ContentNegotiation.Choose(context.Request, Formats) is not { } format) return ContentNegotiation.NotAcceptable(Formats);
        var audience = BriefingPacks.AudienceFor(query.Audience);
        // The printable page links to this server, so its address is part of what the bytes depend on.
        var representation = format == "text/html" ? $"pack {format} {PackHtml.ApiBase(context.Request)}" : $"pack {format}";
        if (await packs.NotModifiedAsync(context, query.Id, query.AsOf, audience, representation, ct)) return ConditionalGet.NotModified();
        var built = await packs.BuildAsync(query.Id, query.AsOf, audience, ct);
        if (built.Failure is { } f) return Problems.NotFound(f);
        var pack = built.Value!;
        if (packs.NotModifiedByContent(context, query.AsOf, audience, representation, pack with { AsOf = default })) return ConditionalGet.NotModified();
        // Built and checked whole above; only the document is written as it is produced.
        return format switch
        {
            "text/csv" => new StreamedDocument("text/csv; charset=utf-8", (_, body, ct) => PackCsv.WriteAsync(pack, body, ct)),
            "text/html" => new StreamedDocument("text/html; charset=utf-8", (_, body, ct) =>
                html.WriteAsync(new Printable.PrintablePack(pack, null, null, PackHtml.ApiBase(context.Request)), body, ct)),
            _ => new StreamedDocument("application/json", (_, body, ct) => packs.WriteAsync(pack, body, ct)),
        };
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/{id}/briefing-pack", GetBriefingPackAsync).Validates<ReportQuery>()
        .WithName("GetBriefingPack")
        .WithSummary("The Leaders' Session briefing pack of a cycle as of a time: JSON by default, Accept: text/csv for CSV, Accept: text/html for a printable page")
        .Produces<Domain.Reports.BriefingPack>(StatusCodes.Status200OK, "application/json", "text/csv", "text/html")
        .ProducesHeader(StatusCodes.Status200OK, "ETag", ConditionalGet.Component).Produces(StatusCodes.Status304NotModified)
        .ProducesHeader(StatusCodes.Status304NotModified, "ETag", ConditionalGet.Component);
}

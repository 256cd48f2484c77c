using Commitments.Api.Http;
using Commitments.Infrastructure.Reports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Commitments.Api.Features.Reports;

public static class GetFrozenPack
{
    /// <summary>
    /// A frozen pack is kept as the JSON bytes it was frozen as, served as those; its CSV and printable page are rendered from
    /// those bytes (the page carries the pack's id and content hash on every printed page), so they too are the same every time.
    /// </summary>
    public static readonly IReadOnlyList<string> Formats = ["application/json", "text/csv", "text/html"];

    public static async Task<Results<StreamedDocument, NotFoundProblem, NotAcceptableProblem>> GetFrozenPackAsync(
        string packId, ReportStore reports, BriefingPacks packs, PackHtml html, HttpContext context, CancellationToken ct)
    {
        context.Response.Headers.Vary = HeaderNames.Accept;
        if (ContentNegotiation.Choose(context.Request, Formats) is not { } format) return ContentNegotiation.NotAcceptable(Formats);
        if (await reports.PackAsync(packId, ct) is not { } pack) return Problems.NotFound("Briefing pack", packId);
        if (format == "application/json")
        {
            context.Response.Headers.ETag = $"\"{pack.ContentHash}\"";
            // The stored text, encoded to UTF-8 as it is written: the bytes the hash was taken over, without a second copy.
            return new StreamedDocument("application/json", (http, _, ct) => http.Response.WriteAsync(pack.Content, ct));
        }
        var content = packs.Read(pack);
        // Each rendering of the same bytes is the same every time: its own strong tag, derived from the pack's hash.
        context.Response.Headers.ETag = $"\"{pack.ContentHash}-{(format == "text/csv" ? "csv" : "html")}\"";
        return format == "text/csv"
            ? new StreamedDocument("text/csv; charset=utf-8", (_, body, ct) => PackCsv.WriteAsync(content, body, ct))
            : new StreamedDocument("text/html; charset=utf-8", (_, body, ct) =>
                html.WriteAsync(new Printable.PrintablePack(content, pack.Id, pack.ContentHash, PackHtml.ApiBase(context.Request)), body, ct));
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/{packId}", GetFrozenPackAsync)
        .WithName("GetFrozenPack")
        .WithSummary("A frozen briefing pack: exactly the same JSON bytes every time (ETag is their SHA-256); Accept: text/csv or text/html renders those bytes, the page with the pack's id and hash on every printed page")
        .Produces<Domain.Reports.BriefingPack>(StatusCodes.Status200OK, "application/json", "text/csv", "text/html")
        .ProducesHeader(StatusCodes.Status200OK, "ETag");
}

namespace Commitments.Api.Http;

/// <summary>
/// A document written to the response as it is produced, instead of built whole in memory first (multi-megabyte packs
/// drove the peak resident set). Everything that can refuse the request (negotiation, validation, not found, building the
/// model) runs before the result is returned, so the first byte is only written once the answer is known to be 200; a
/// failure while writing aborts the response, whose missing last chunk tells the client the document is incomplete.
/// </summary>
public sealed class StreamedDocument(string contentType, Func<HttpContext, Stream, CancellationToken, Task> write) : IResult
{
    public string ContentType => contentType;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = contentType;
        await write(httpContext, httpContext.Response.Body, httpContext.RequestAborted);
    }
}

namespace Commitments.Api.Http;

/// <summary>A header an endpoint sets on one of its responses, documented there (ETag on updates and frozen packs).</summary>
public sealed record ResponseHeaderMetadata(int StatusCode, string Header);

public static class ResponseHeaders
{
    public static RouteHandlerBuilder ProducesHeader(this RouteHandlerBuilder builder, int statusCode, string header) =>
        builder.WithMetadata(new ResponseHeaderMetadata(statusCode, header));
}

namespace Commitments.Api.Http;

/// <summary>
/// A header an endpoint sets on one of its responses, documented there (ETag on updates and frozen packs), by the component
/// that describes it (by default the one named like the header; a report's weak ETag has its own).
/// </summary>
public sealed record ResponseHeaderMetadata(int StatusCode, string Header, string? Component = null);

public static class ResponseHeaders
{
    public static RouteHandlerBuilder ProducesHeader(this RouteHandlerBuilder builder, int statusCode, string header, string? component = null) =>
        builder.WithMetadata(new ResponseHeaderMetadata(statusCode, header, component));
}

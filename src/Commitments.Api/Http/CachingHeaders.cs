using Microsoft.AspNetCore.Authorization;

namespace Commitments.Api.Http;

/// <summary>
/// Every response carries X-Content-Type-Options: nosniff (a CSV or problem body is never run as a script). A response to
/// a request that carried an API key, or from a route that requires one, holds non-public data, so it carries
/// Cache-Control: private, no-store: no shared or browser cache keeps it after the key is revoked. (A client that keeps a
/// report itself revalidates it with If-None-Match: <see cref="ConditionalGet"/>.)
/// </summary>
public static class CachingHeaders
{
    public static IApplicationBuilder Use(IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            if (context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.Header)
                || context.GetEndpoint()?.Metadata.GetMetadata<IAuthorizeData>() is not null)
            {
                headers.CacheControl = "private, no-store";
            }
            return Task.CompletedTask;
        });
        return next(context);
    });
}

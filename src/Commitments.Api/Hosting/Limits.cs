using System.Threading.RateLimiting;

namespace Commitments.Api.Hosting;

/// <summary>Sizes and rates the API enforces, stated in openapi.yaml and the README.</summary>
public static class Limits
{
    public const long MaxRequestBodyBytes = 256 * 1024;
    public const int MaxPageSize = 200;
    public const int DefaultPageSize = 50;

    /// <summary>Slow or oversized requests cannot pin the server: each is cut off by one of these.</summary>
    public static void ApplyTo(Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerLimits limits)
    {
        limits.MaxRequestBodySize = MaxRequestBodyBytes;
        limits.MaxRequestHeadersTotalSize = 32 * 1024;
        limits.MaxRequestHeaderCount = 100;
        limits.MaxRequestLineSize = 8 * 1024;
        limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
        limits.KeepAliveTimeout = TimeSpan.FromSeconds(60);
        limits.MaxConcurrentConnections = 2_000;
        limits.MinRequestBodyDataRate = new(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(5));
    }

    /// <summary>Refuses a declared body over the limit before reading it (Kestrel also stops undeclared, chunked ones).</summary>
    public static IApplicationBuilder UseBodySizeLimit(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.ContentLength > MaxRequestBodyBytes)
            {
                await ProblemResponses.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request body too large",
                    $"Request bodies are limited to {MaxRequestBodyBytes / 1024} KiB.");
                return;
            }
            await next(context);
        });

    /// <summary>A token bucket per API key (per client address for anonymous calls): <c>RateLimiting:PermitsPerMinute</c>, default 1200.</summary>
    public static IServiceCollection AddCommitmentsRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var perMinute = configuration.GetValue("RateLimiting:PermitsPerMinute", 1200);
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var partition = context.User.FindFirst(Actor.KeyIdClaim)?.Value is { } keyId
                    ? "key:" + keyId
                    : "ip:" + context.Connection.RemoteIpAddress;
                return RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = Math.Max(1, perMinute / 6),
                    TokensPerPeriod = Math.Max(1, perMinute / 6),
                    ReplenishmentPeriod = TimeSpan.FromSeconds(10),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            o.OnRejected = async (rejected, ct) =>
            {
                var context = rejected.HttpContext;
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? (int)Math.Ceiling(wait.TotalSeconds) : 10;
                context.Response.Headers.RetryAfter = Math.Max(1, retryAfter).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await ProblemResponses.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too many requests",
                    $"This key may make {perMinute} requests a minute. Try again after the time in Retry-After.");
            };
        });
        return services;
    }
}

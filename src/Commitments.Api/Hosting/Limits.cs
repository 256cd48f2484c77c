using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;

namespace Commitments.Api.Hosting;

/// <summary>Sizes and rates the API enforces, stated in openapi.yaml and the README.</summary>
public static class Limits
{
    public const long MaxRequestBodyBytes = 256 * 1024;
    public const int MaxRequestLineBytes = 8 * 1024;
    public const int MaxRequestHeadersBytes = 32 * 1024;
    public const int MaxRequestHeaderCount = 100;
    public const int MaxPageSize = 200;
    public const int DefaultPageSize = 50;

    public const int DefaultConnectionsPerAddress = 100;

    /// <summary>A body slower than this, once its first 5 s are past, is cut off: a full 256 KiB body takes at most about 18 minutes.</summary>
    public const int MinBodyBytesPerSecond = 240;
    private static readonly TimeSpan BodyGracePeriod = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The minimum rate for a body of up to <paramref name="limit"/> bytes: scaled with the limit, so that a larger body
    /// (a bulk upload) may take no longer than an ordinary one, rather than trickle for hours at the ordinary rate.
    /// </summary>
    public static double MinBodyRateFor(long limit) => MinBodyBytesPerSecond * Math.Max(1.0, (double)limit / MaxRequestBodyBytes);

    /// <summary>Kestrel's limits, and a connection budget per client address on every endpoint (<c>Limits:ConnectionsPerAddress</c>).</summary>
    public static void ApplyTo(Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions kestrel, IConfiguration configuration)
    {
        ApplyTo(kestrel.Limits);
        var perAddress = new ConnectionsPerAddress(Math.Max(1, configuration.GetValue("Limits:ConnectionsPerAddress", DefaultConnectionsPerAddress)));
        kestrel.ConfigureEndpointDefaults(endpoint => endpoint.Use(perAddress.Guard));
    }

    /// <summary>Slow or oversized requests cannot pin the server: each is cut off by one of these.</summary>
    public static void ApplyTo(Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerLimits limits)
    {
        limits.MaxRequestBodySize = MaxRequestBodyBytes;
        // Twice the API's own limits: a request over those still reaches the API, which refuses it with a problem document
        // (UseRequestHeadLimits); only one over these gets Kestrel's bare status.
        limits.MaxRequestLineSize = 2 * MaxRequestLineBytes;
        limits.MaxRequestHeadersTotalSize = 2 * MaxRequestHeadersBytes;
        limits.MaxRequestHeaderCount = 2 * MaxRequestHeaderCount;
        limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
        // Also the wait for a new connection's first byte: a socket that sends nothing is closed after 10 s, not 60.
        limits.KeepAliveTimeout = TimeSpan.FromSeconds(10);
        limits.MaxConcurrentConnections = 2_000;
        limits.MinRequestBodyDataRate = new(bytesPerSecond: MinBodyBytesPerSecond, gracePeriod: BodyGracePeriod);
    }

    /// <summary>Refuses an over-long request line (414) or an over-large header set (431), counted as they came on the wire.</summary>
    public static IApplicationBuilder UseRequestHeadLimits(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
            if (string.IsNullOrEmpty(target)) target = request.PathBase.Add(request.Path).ToUriComponent() + request.QueryString.ToUriComponent();
            var line = request.Method.Length + 1 + target.Length + 1 + request.Protocol.Length + 2; // METHOD SP target SP version CRLF
            if (line > MaxRequestLineBytes)
            {
                await ProblemResponses.WriteAsync(context, StatusCodes.Status414RequestUriTooLong, "Request line too long",
                    $"The request line (method, path and query) is limited to {MaxRequestLineBytes / 1024} KiB.");
                return;
            }
            var (count, bytes) = (0, 0L);
            foreach (var (name, values) in request.Headers)
            {
                foreach (var value in values)
                {
                    count++;
                    bytes += name.Length + 2 + (value?.Length ?? 0) + 2; // name: value CRLF
                }
            }
            if (count > MaxRequestHeaderCount || bytes > MaxRequestHeadersBytes)
            {
                await ProblemResponses.WriteAsync(context, StatusCodes.Status431RequestHeaderFieldsTooLarge, "Request headers too large",
                    $"Requests may carry {MaxRequestHeaderCount} headers and {MaxRequestHeadersBytes / 1024} KiB of them at most.");
                return;
            }
            await next(context);
        });

    /// <summary>
    /// Refuses a declared body over the limit before reading it (Kestrel also stops undeclared, chunked ones). The limit is
    /// 256 KiB, or the endpoint's own (<see cref="Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata"/>: bulk uploads),
    /// whose body must then also come at the higher rate <see cref="MinBodyRateFor"/>.
    /// </summary>
    public static IApplicationBuilder UseBodySizeLimit(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var limit = context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>()?.MaxRequestBodySize
                ?? MaxRequestBodyBytes;
            if (limit != MaxRequestBodyBytes && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } kestrel)
                kestrel.MaxRequestBodySize = limit;
            if (limit > MaxRequestBodyBytes && context.Features.Get<Microsoft.AspNetCore.Server.Kestrel.Core.Features.IHttpMinRequestBodyDataRateFeature>() is { } rate)
                rate.MinDataRate = new(bytesPerSecond: MinBodyRateFor(limit), gracePeriod: BodyGracePeriod);
            if (context.Request.ContentLength > limit)
            {
                await ProblemResponses.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request body too large",
                    $"Request bodies are limited to {limit / 1024} KiB here.");
                return;
            }
            await next(context);
        });

    /// <summary>A token bucket per API key (per client address for anonymous calls): <c>RateLimiting:PermitsPerMinute</c>, default 1200.</summary>
    public static IServiceCollection AddCommitmentsRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var perMinute = configuration.GetValue("RateLimiting:PermitsPerMinute", 1200);
        var policy = new RateLimitPolicy(Math.Max(1, perMinute / 6), TimeSpan.FromSeconds(10));
        services.AddSingleton(policy);
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var partition = context.User.FindFirst(Actor.KeyIdClaim)?.Value is { } keyId
                    ? "key:" + keyId
                    : "ip:" + context.Connection.RemoteIpAddress;
                return RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = policy.Quota,
                    TokensPerPeriod = policy.Quota,
                    ReplenishmentPeriod = policy.Window,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            o.OnRejected = async (rejected, ct) =>
            {
                var context = rejected.HttpContext;
                Telemetry.RateLimited.Add(1);
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? (int)Math.Ceiling(wait.TotalSeconds) : 10;
                context.Response.Headers.RetryAfter = Math.Max(1, retryAfter).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await ProblemResponses.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too many requests",
                    $"This key may make {perMinute} requests a minute. Try again after the time in Retry-After.");
            };
        });
        return services;
    }

    /// <summary>
    /// RateLimit-Policy and RateLimit (draft-ietf-httpapi-ratelimit-headers) on every response to a request with a valid key,
    /// 429 included, so a client sees its allowance before it is refused. Placed before the rate limiter: the numbers are read
    /// when the response starts, after this request's permit was taken.
    /// </summary>
    public static IApplicationBuilder UseRateLimitHeaders(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>>().Value;
        var policy = app.ApplicationServices.GetRequiredService<RateLimitPolicy>();
        return app.Use(async (context, next) =>
        {
            if (options.GlobalLimiter is { } limiter && context.User.FindFirst(Actor.KeyIdClaim) is not null)
            {
                context.Response.OnStarting(() =>
                {
                    var left = limiter.GetStatistics(context)?.CurrentAvailablePermits ?? 0;
                    context.Response.Headers[RateLimitPolicy.PolicyHeader] = policy.PolicyField;
                    context.Response.Headers[RateLimitPolicy.Header] = policy.Field(left);
                    return Task.CompletedTask;
                });
            }
            await next(context);
        });
    }
}

/// <summary>The allowance of each key: <see cref="Quota"/> requests, refilled in full every <see cref="Window"/>.</summary>
public sealed record RateLimitPolicy(int Quota, TimeSpan Window)
{
    public const string Name = "per-key";
    public const string PolicyHeader = "RateLimit-Policy";
    public const string Header = "RateLimit";

    /// <summary>RateLimit-Policy: "per-key";q=200;w=10</summary>
    public string PolicyField => FormattableString.Invariant($"\"{Name}\";q={Quota};w={(int)Window.TotalSeconds}");

    /// <summary>RateLimit: "per-key";r=187;t=10. The bucket refills on a timer whose phase is not exposed, so t is the window: the refill comes at most then.</summary>
    public string Field(long remaining) =>
        FormattableString.Invariant($"\"{Name}\";r={Math.Max(0, remaining)};t={(remaining >= Quota ? 0 : (int)Window.TotalSeconds)}");
}

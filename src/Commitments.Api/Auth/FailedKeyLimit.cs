using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.RateLimiting;

namespace Commitments.Api.Auth;

/// <summary>
/// Failed keys (unknown, revoked, expired, malformed) counted per client address in a one-minute window
/// (<c>RateLimiting:FailedKeysPerMinute</c>, default 20). Over it, requests carrying a key from that address are refused
/// with 429 before any database lookup, so guessing keys costs the guesser, not the database; but a key that authenticated
/// in the last hour is known valid and always served, so the guessing of others behind the same address (a proxy, a NAT)
/// never locks it out. Per instance: state in memory.
/// </summary>
public sealed class FailedKeyLimit(int perMinute) : IDisposable
{
    public int PerMinute { get; } = perMinute;

    private readonly PartitionedRateLimiter<string> _failures = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, perMinute),
            Window = Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    public static string AddressOf(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } ip ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString() : "unknown";

    /// <summary>
    /// When each address last sent a failed key. An address absent from it, or whose last failure is older than two windows
    /// (so its window has been replenished since), has its whole allowance: it is answered without asking the limiter, whose
    /// partition lookup takes a lock that every keyed request contended for.
    /// </summary>
    private readonly ConcurrentDictionary<string, long> _lastFailure = new(StringComparer.Ordinal);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private static readonly long StaleAfterMs = 2 * (long)Window.TotalMilliseconds;
    private const int SweepAbove = 10_000;
    private long _lastSweep = Environment.TickCount64;

    /// <summary>Null while the address may still try keys; otherwise how long until it may again.</summary>
    public TimeSpan? Blocked(string address)
    {
        if (!_lastFailure.TryGetValue(address, out var at)) return null;
        if (Environment.TickCount64 - at > StaleAfterMs)
        {
            _lastFailure.TryRemove(KeyValuePair.Create(address, at));
            return null;
        }
        using var lease = _failures.AttemptAcquire(address, 0); // 0 permits: asks whether any are left, spends none
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
    }

    public void RecordFailure(string address)
    {
        var now = Environment.TickCount64;
        _lastFailure[address] = now;
        _failures.AttemptAcquire(address, 1).Dispose();
        // Addresses that failed once and never came back are forgotten once there are many of them: by one request at most
        // every half window, so failures from many addresses cannot make each failure scan them all.
        var lastSweep = Interlocked.Read(ref _lastSweep);
        if (now - lastSweep > StaleAfterMs / 2 && _lastFailure.Count > SweepAbove
            && Interlocked.CompareExchange(ref _lastSweep, now, lastSweep) == lastSweep)
            foreach (var (other, last) in _lastFailure)
                if (now - last > StaleAfterMs) _lastFailure.TryRemove(KeyValuePair.Create(other, last));
    }

    /// <summary>Keys that authenticated recently, by the SHA-256 of their secret (the secret itself is not kept), and when they last did.</summary>
    private readonly ConcurrentDictionary<string, long> _valid = new(StringComparer.Ordinal);
    private static readonly long RememberValidMs = (long)TimeSpan.FromHours(1).TotalMilliseconds;
    private const int MaxRemembered = 10_000;

    private static string Fingerprint(string secret) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)));

    /// <summary>Whether <paramref name="secret"/> authenticated within the last hour: the per-address limit does not apply to it.</summary>
    public bool KnownValid(string secret) =>
        _valid.TryGetValue(Fingerprint(secret), out var at) && Environment.TickCount64 - at <= RememberValidMs;

    /// <summary>After a successful authentication. Only keys that are valid get here, so the memory is bounded by the keys issued.</summary>
    public void RememberValid(string secret)
    {
        var now = Environment.TickCount64;
        if (_valid.Count >= MaxRemembered)
            foreach (var (fingerprint, at) in _valid)
                if (now - at > RememberValidMs) _valid.TryRemove(KeyValuePair.Create(fingerprint, at));
        if (_valid.Count < MaxRemembered) _valid[Fingerprint(secret)] = now;
    }

    /// <summary>After a failed authentication: a key revoked or expired since it was remembered is limited like any other again.</summary>
    public void Forget(string secret) => _valid.TryRemove(Fingerprint(secret), out _);

    public void Dispose() => _failures.Dispose();
}

public static class FailedKeyLimits
{
    public static IServiceCollection AddFailedKeyLimit(this IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton(_ => new FailedKeyLimit(configuration.GetValue("RateLimiting:FailedKeysPerMinute", 20)));

    /// <summary>
    /// Runs before authentication: an address over its failed-key allowance gets 429 for any request carrying a key that is not
    /// known valid.
    /// </summary>
    public static IApplicationBuilder UseFailedKeyLimit(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.Headers.TryGetValue(ApiKeyAuthenticationHandler.Header, out var key)
                && context.RequestServices.GetRequiredService<FailedKeyLimit>() is var limit
                && limit.Blocked(FailedKeyLimit.AddressOf(context)) is { } wait
                && !limit.KnownValid(key.ToString()))
            {
                context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await ProblemResponses.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too many failed API keys",
                    $"This address sent more than {limit.PerMinute} unknown, revoked or expired keys in a minute. Try again after the time in Retry-After.");
                return;
            }
            await next(context);
        });
}

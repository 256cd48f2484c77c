using System.Security.Claims;
using System.Text.Encodings.Web;
using Commitments.Infrastructure.Access;
using Commitments.Infrastructure.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Commitments.Api.Auth;

/// <summary>Authenticates the <c>X-Api-Key</c> header against the stored hashes; revoked and expired keys fail at once.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    DbSession session,
    TimeProvider clock,
    FailedKeyLimit failedKeys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values)) return AuthenticateResult.NoResult();
        var secret = values.ToString();
        if (string.IsNullOrWhiteSpace(secret) || secret.Length > 200) return AuthenticateResult.Fail("The API key is malformed.");

        var candidates = await new AccessStore(session).KeysByPrefixAsync(ApiKeySecrets.PrefixOf(secret), Context.RequestAborted);
        var now = clock.GetUtcNow().UtcDateTime;
        // The same secret may be stored twice (a bootstrap secret reused after its key was revoked): the usable one counts.
        var matching = candidates.Where(k => ApiKeySecrets.Matches(secret, k.SecretHash)).ToList();
        var key = matching.FirstOrDefault(k => k.RevokedAt is null && (k.ExpiresAt is null || k.ExpiresAt > now)) ?? matching.FirstOrDefault();
        if (key is null) return AuthenticateResult.Fail("The API key is not recognised.");
        if (key.RevokedAt is not null) return AuthenticateResult.Fail("The API key has been revoked.");
        if (key.ExpiresAt is { } expiry && expiry <= now) return AuthenticateResult.Fail("The API key has expired.");

        List<Claim> claims = [new(Actor.KeyIdClaim, key.Id), new(ClaimTypes.Role, key.Role), new(ClaimTypes.Name, key.Label)];
        if (key.ParticipantId is not null)
        {
            claims.Add(new(Actor.ParticipantClaim, key.ParticipantId));
            // The participant's kind decides which confidentiality levels of others' updates the key reads (Visibility).
            if (await new AccessStore(session).ParticipantKindAsync(key.ParticipantId, Context.RequestAborted) is { } kind)
                claims.Add(new(Actor.ParticipantKindClaim, kind));
        }
        failedKeys.RememberValid(secret);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await Context.AuthenticateAsync(SchemeName);
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{Header}\"";
        await ProblemResponses.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Authentication required",
            result.Failure?.Message ?? $"Send an API key in the {Header} header.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ProblemResponses.WriteAsync(Context, StatusCodes.Status403Forbidden, "Forbidden", "This API key's role may not do this.");
}

public static class Policies
{
    public const string Secretariat = "secretariat";
    /// <summary>Liaisons and the secretariat: those who file and amend progress updates.</summary>
    public const string Filer = "filer";
    /// <summary>Any valid key.</summary>
    public const string KeyHolder = "key-holder";

    public static IServiceCollection AddApiKeyAuth(this IServiceCollection services)
    {
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Secretariat, p => p.RequireRole("secretariat"))
            .AddPolicy(Filer, p => p.RequireRole("secretariat", "liaison"))
            .AddPolicy(KeyHolder, p => p.RequireAuthenticatedUser());
        return services;
    }

    /// <summary>A key that is sent but not valid is refused even on public routes: the caller should know at once.</summary>
    public static IApplicationBuilder UseRejectInvalidKeys(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.Header) && context.User.Identity?.IsAuthenticated != true)
            {
                var limit = context.RequestServices.GetRequiredService<FailedKeyLimit>();
                limit.Forget(context.Request.Headers[ApiKeyAuthenticationHandler.Header].ToString());
                limit.RecordFailure(FailedKeyLimit.AddressOf(context));
                await context.ChallengeAsync(ApiKeyAuthenticationHandler.SchemeName);
                return;
            }
            await next(context);
        });
}

using System.Security.Claims;

namespace Commitments.Api.Auth;

/// <summary>Who is calling: the key, its role and, for a liaison, its participant. Anonymous callers have no key.</summary>
public sealed record Actor(string? KeyId, Role? Role, string? ParticipantId, string? Label, ParticipantKind? ParticipantKind = null)
{
    public const string KeyIdClaim = "key_id";
    public const string ParticipantClaim = "participant";
    public const string ParticipantKindClaim = "participant_kind";

    public static readonly Actor Anonymous = new(null, null, null, null);

    public bool IsSecretariat => Role == Domain.Role.Secretariat;

    /// <summary>The caller as the domain's rules see it.</summary>
    public Caller Caller => new(Role, ParticipantId, KeyId, ParticipantKind);

    public static Actor From(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return Anonymous;
        var role = Codes.TryParse<Role>(user.FindFirstValue(ClaimTypes.Role), out var r) ? r : (Role?)null;
        var kind = Codes.TryParse<ParticipantKind>(user.FindFirstValue(ParticipantKindClaim), out var k) ? k : (ParticipantKind?)null;
        return new Actor(user.FindFirstValue(KeyIdClaim), role, user.FindFirstValue(ParticipantClaim), user.FindFirstValue(ClaimTypes.Name), kind);
    }
}

/// <summary>The caller and trace id of the current request, for handlers and the audit log.</summary>
public sealed class RequestContext(IHttpContextAccessor accessor)
{
    public Actor Actor => accessor.HttpContext is { } c ? Actor.From(c.User) : Actor.Anonymous;
    public string? TraceId => System.Diagnostics.Activity.Current?.Id ?? accessor.HttpContext?.TraceIdentifier;
}

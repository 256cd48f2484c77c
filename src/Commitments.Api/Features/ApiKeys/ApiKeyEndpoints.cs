using System.ComponentModel.DataAnnotations;
using Commitments.Infrastructure.Access;

namespace Commitments.Api.Features.ApiKeys;

public static class ApiKeyEndpoints
{
    public static RouteGroupBuilder MapApiKeys(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/api-keys").WithTags("Access").RequireAuthorization(Policies.Secretariat);
        CreateApiKey.Map(group);
        ListApiKeys.Map(group);
        RevokeApiKey.Map(group);
        return group;
    }

    public static void MapMe(this IEndpointRouteBuilder app) => GetMe.Map(app.MapGroup("/v1/me").WithTags("Access"));
}

/// <summary>An API key as listed: never its secret, only the prefix that identifies it.</summary>
public sealed record ApiKeyDto(
    [property: DataType("uuid")] string Id, string Prefix, Role Role, string? ParticipantId, string Label, DateTime CreatedAt, DateTime? ExpiresAt, DateTime? RevokedAt)
{
    public static ApiKeyDto From(ApiKeyRecord k) =>
        new(k.Id, k.Prefix, Codes.Parse<Role>(k.Role), k.ParticipantId, k.Label, k.CreatedAt, k.ExpiresAt, k.RevokedAt);
}

using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commitments.Api.Features.ApiKeys;

public static class GetMe
{
    /// <summary>The key making the call.</summary>
    public sealed record Me([property: DataType("uuid")] string KeyId, Role Role, string? ParticipantId, string Label);

    public static Ok<Me> GetCaller(RequestContext request)
    {
        var actor = request.Actor;
        return TypedResults.Ok(new Me(actor.KeyId!, actor.Role!.Value, actor.ParticipantId, actor.Label ?? ""));
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/", GetCaller)
        .RequireAuthorization(Policies.KeyHolder)
        .WithName("GetMe").WithSummary("Say whom the API key belongs to: its role and, for a liaison, its participant");
}

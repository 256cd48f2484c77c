using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Commitments.Api.Features.Catalogue;
using Commitments.Api.Http;
using Commitments.Infrastructure.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Commitments.Api.Features.Audit;

public static class AuditEndpoints
{
    public static RouteGroupBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/audit").WithTags("Access").RequireAuthorization(Policies.Secretariat);
        ListAudit.Map(group);
        return group;
    }
}

public static class ListAudit
{
    /// <summary>Cursors of this list carry the last entry's sequence number.</summary>
    public const string CursorKind = "a1";

    /// <summary>One recorded write: who, what, when, and the request's trace id. before/after are JSON snapshots where they matter.</summary>
    public sealed record AuditEntryDto(
        long Seq, DateTime At, [property: DataType("uuid")] string? ApiKeyId, string? Role, string? ParticipantId, string Action, string TargetType, string TargetId,
        string? Before, string? After, string? TraceId);

    /// <summary>Filters and paging of the audit log.</summary>
    /// <param name="TargetType">e.g. participant, update, api_key.</param>
    /// <param name="TargetId">The target's id.</param>
    /// <param name="ApiKeyId">The key that made the change.</param>
    /// <param name="Action">e.g. participant.update.</param>
    /// <param name="Since">Entries recorded at or after this time (UTC).</param>
    /// <param name="Limit">Entries per page, 1 to 200; 50 when left out.</param>
    /// <param name="Cursor">The next value of the previous page.</param>
    public sealed record Query(
        [FromQuery(Name = "targetType")] string? TargetType, [FromQuery(Name = "targetId")] string? TargetId,
        [FromQuery(Name = "apiKeyId")] string? ApiKeyId, [FromQuery(Name = "action")] string? Action,
        [FromQuery(Name = "since")] DateTime? Since, [FromQuery(Name = "limit")] int? Limit, [FromQuery(Name = "cursor")] string? Cursor) : IPageQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new PageQueryValidator(CursorKind, key => long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out _)));
    }

    public static async Task<Ok<Page<AuditEntryDto>>> ListAuditAsync([AsParameters] Query query, AccessStore store, HttpContext context, CancellationToken ct)
    {
        var limit = Paging.SizeOf(query);
        long? after = Paging.KeyOf(query, CursorKind) is { } key ? long.Parse(key, NumberStyles.None, CultureInfo.InvariantCulture) : null;
        var filter = new AuditFilter(after, query.TargetType, query.TargetId, query.ApiKeyId, query.Action,
            query.Since is { } s ? Inputs.Utc(s) : null, limit + 1);
        var rows = (await store.AuditAsync(filter, ct)).Select(r => new AuditEntryDto(r.Seq, r.At, r.ApiKeyId, r.Role, r.ParticipantId, r.Action,
            r.TargetType, r.TargetId, r.BeforeJson, r.AfterJson, r.TraceId)).ToList();
        return Paging.Ok(context, Paging.Keyset(rows, limit, CursorKind, e => e.Seq.ToString(CultureInfo.InvariantCulture)));
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/", ListAuditAsync).Validates<Query>()
        .WithName("ListAudit")
        .WithSummary("Read the audit log, oldest first, filtered by target, key, action or time (secretariat); follow next or the Link header for the next page");
}

using Commitments.Api.Features.Catalogue;
using Commitments.Api.Hosting;
using Commitments.Infrastructure.Access;

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
    /// <summary>One recorded write: who, what, when, and the request's trace id. before/after are JSON snapshots where they matter.</summary>
    public sealed record AuditEntryDto(
        long Seq, DateTime At, string? ApiKeyId, string? Role, string? ParticipantId, string Action, string TargetType, string TargetId,
        string? Before, string? After, string? TraceId);

    public sealed record Page(IReadOnlyList<AuditEntryDto> Items, string? Next);

    public sealed record Query(AuditFilter Filter) : IQuery<Page>;

    public sealed class Handler(AccessStore store) : IQueryHandler<Query, Page>
    {
        public async ValueTask<Page> Handle(Query query, CancellationToken ct)
        {
            var limit = query.Filter.Limit;
            var rows = await store.AuditAsync(query.Filter with { Limit = limit + 1 }, ct);
            var items = rows.Take(limit).Select(r => new AuditEntryDto(r.Seq, r.At, r.ApiKeyId, r.Role, r.ParticipantId, r.Action,
                r.TargetType, r.TargetId, r.BeforeJson, r.AfterJson, r.TraceId)).ToList();
            return new Page(items, rows.Count > limit ? items[^1].Seq.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
        }
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/", async (string? after, string? targetType, string? targetId, string? apiKeyId, string? action, DateTime? since, int? limit,
            IMediator mediator, CancellationToken ct) =>
        {
            var size = limit ?? Limits.DefaultPageSize;
            if (size is < 1 or > Limits.MaxPageSize)
                throw new RequestValidationException("limit", $"limit must be between 1 and {Limits.MaxPageSize}.");
            long? cursor = null;
            if (after is not null)
            {
                if (!long.TryParse(after, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seq))
                    throw new RequestValidationException("after", "after must be the 'next' value of a previous page.");
                cursor = seq;
            }
            var filter = new AuditFilter(cursor, targetType, targetId, apiKeyId, action, since is { } s ? Inputs.Utc(s) : null, size);
            return TypedResults.Ok(await mediator.Send(new Query(filter), ct));
        })
        .WithName("ListAudit")
        .WithSummary("Read the audit log, oldest first, filtered by target, key, action or time (secretariat); page with 'after' = the previous page's next")
        .ProducesValidationProblem();
}

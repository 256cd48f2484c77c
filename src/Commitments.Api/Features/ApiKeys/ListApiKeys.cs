using Commitments.Api.Hosting;
using Commitments.Infrastructure.Access;

namespace Commitments.Api.Features.ApiKeys;

public static class ListApiKeys
{
    public sealed record Page(IReadOnlyList<ApiKeyDto> Items, string? Next);

    public sealed record Query(string? After, int Limit) : IQuery<Page>;

    public sealed class Handler(AccessStore keys) : IQueryHandler<Query, Page>
    {
        public async ValueTask<Page> Handle(Query query, CancellationToken ct)
        {
            var rows = await keys.KeysAsync(query.After, query.Limit + 1, ct);
            var items = rows.Take(query.Limit).Select(ApiKeyDto.From).ToList();
            return new Page(items, rows.Count > query.Limit ? items[^1].Id : null);
        }
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/", async (string? after, int? limit, IMediator mediator, CancellationToken ct) =>
        {
            var size = limit ?? Limits.DefaultPageSize;
            if (size is < 1 or > Limits.MaxPageSize)
                throw new RequestValidationException("limit", $"limit must be between 1 and {Limits.MaxPageSize}.");
            return TypedResults.Ok(await mediator.Send(new Query(after, size), ct));
        })
        .WithName("ListApiKeys").WithSummary("List API keys, oldest first, without their secrets (secretariat); page with 'after' = the previous page's next")
        .ProducesValidationProblem();
}

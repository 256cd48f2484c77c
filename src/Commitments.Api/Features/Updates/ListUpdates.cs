using Commitments.Api.Features.Catalogue;
using Commitments.Api.Hosting;
using Commitments.Infrastructure.Updates;

namespace Commitments.Api.Features.Updates;

public static class ListUpdates
{
    public sealed record Query(UpdateQuery Filter) : IQuery<UpdatePage>;

    public sealed class Handler(UpdateStore updates, TimeProvider clock) : IQueryHandler<Query, UpdatePage>
    {
        public async ValueTask<UpdatePage> Handle(Query query, CancellationToken ct)
        {
            var limit = query.Filter.Limit;
            var rows = await updates.ListAsync(query.Filter with { Limit = limit + 1 }, ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var items = rows.Take(limit).Select(u => UpdateDto.From(u.Update, u.Cycle, now)).ToList();
            return new UpdatePage(items, rows.Count > limit ? Cursor.Of(items[^1].Id) : null);
        }
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/", async (string? participant, string? commitment, string? cycle, string? status, string? state, DateTime? changedSince,
            int? limit, string? cursor, RequestContext request, HttpContext context, IMediator mediator, CancellationToken ct) =>
        {
            var size = limit ?? Limits.DefaultPageSize;
            if (size is < 1 or > Limits.MaxPageSize)
                throw new RequestValidationException("limit", $"limit must be between 1 and {Limits.MaxPageSize}.");
            var actor = request.Actor;
            var filter = new UpdateQuery(participant, commitment, cycle,
                Inputs.Code<ImplementationStatus>(status, "status"), Inputs.Code<UpdateState>(state, "state"),
                changedSince is { } since ? Inputs.Utc(since) : null, cursor is null ? null : Cursor.Parse(cursor), size,
                actor.IsSecretariat, actor.Role == Role.Liaison ? actor.ParticipantId : null);
            var page = await mediator.Send(new Query(filter), ct);
            if (page.Next is not null)
            {
                var next = QueryString.Create(context.Request.Query.Where(q => q.Key != "cursor")
                    .Select(q => KeyValuePair.Create(q.Key, (string?)q.Value.ToString())).Append(KeyValuePair.Create("cursor", (string?)page.Next)));
                context.Response.Headers.Link = $"</v1/updates{next}>; rel=\"next\"";
            }
            return TypedResults.Ok(page);
        })
        .WithName("ListUpdates")
        .WithSummary("List the progress updates the key may see, filtered, in pages of at most 200 in a stable order (follow next or the Link header)")
        .ProducesValidationProblem();
}

/// <summary>An opaque keyset cursor: the last id of a page. Anything else is refused as a 400 naming 'cursor'.</summary>
public static class Cursor
{
    private const string Prefix = "u1:";

    public static string Of(string lastId) =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Prefix + lastId)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Parse(string cursor)
    {
        try
        {
            if (cursor.Length is 0 or > 100) throw new FormatException();
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
            var text = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            if (text.StartsWith(Prefix, StringComparison.Ordinal) && Guid.TryParseExact(text[Prefix.Length..], "D", out var id))
                return id.ToString();
        }
        catch (FormatException)
        {
            // falls through to the refusal below
        }
        throw new RequestValidationException("cursor", "cursor must be the 'next' value of a previous page.");
    }
}

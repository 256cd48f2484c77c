using Commitments.Api.Http;
using Commitments.Domain.Reports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Commitments.Api.Features.Reports;

public static class GetDigest
{
    public sealed record Digest(string CycleId, DateTime AsOf, string Audience, string Confidentiality, ParticipantDigest Participant);

    /// <summary>Whose digest, for which cycle, as of when.</summary>
    /// <param name="Id">The participant, e.g. GB.</param>
    /// <param name="Cycle">The reporting cycle, e.g. seoul-2024 (required).</param>
    /// <param name="AsOf">The as-of time (UTC); now when left out. Not in the future.</param>
    /// <param name="IfNoneMatch">The ETag of the copy the client holds of this digest as of now; while it is current the answer is 304 with no body.</param>
    public sealed record Query([FromRoute(Name = "id")] string Id, [FromQuery(Name = "cycle")] string? Cycle, [FromQuery(Name = "asOf")] DateTime? AsOf,
        [FromHeader(Name = "If-None-Match")] string? IfNoneMatch = null);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(q => q.Cycle).NotEmpty().WithMessage("cycle is required: the id of a reporting cycle, e.g. seoul-2024.");
            RuleFor(q => q.AsOf).Must(a => BriefingPacks.IsReproducible(a, clock)).WithMessage(BriefingPacks.FutureAsOf);
        }
    }

    public static async Task<Results<Ok<Digest>, StatusCodeHttpResult, NotFoundProblem, ProblemHttpResult>> GetDigestAsync(
        [AsParameters] Query query, BriefingPacks packs, RequestContext request, HttpContext context, CancellationToken ct)
    {
        var actor = request.Actor;
        if (!Visibility.MayReadDigestOf(actor.Caller, query.Id))
            return TypedResults.Problem($"A liaison may pull only its own participant's digest ({actor.ParticipantId}).",
                statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        var audience = actor.IsSecretariat ? Audience.Secretariat : Audience.Participant(query.Id);
        if (await packs.NotModifiedAsync(context, query.Cycle!, query.AsOf, audience, $"digest {query.Id}", ct)) return ConditionalGet.NotModified();
        var built = await packs.BuildAsync(query.Cycle!, query.AsOf, audience, ct);
        if (built.Failure is { } f) return Problems.NotFound(f);
        var digest = built.Value!.Digests.FirstOrDefault(d => d.ParticipantId == query.Id);
        if (digest is null)
        {
            context.Response.Headers.Remove(HeaderNames.ETag); // nothing was found, so there is nothing to revalidate
            return Problems.NotFound($"Obligations in cycle '{query.Cycle}' for participant", query.Id);
        }
        var answer = new Digest(built.Value.CycleId, built.Value.AsOf, built.Value.Audience, built.Value.Confidentiality, digest);
        if (packs.NotModifiedByContent(context, query.AsOf, audience, $"digest {query.Id}", answer with { AsOf = default })) return ConditionalGet.NotModified();
        return TypedResults.Ok(answer);
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/{id}/digest", GetDigestAsync).Validates<Query>()
        .WithName("GetDigest")
        .WithSummary("A participant's digest for a cycle: endorsements, statuses, main messages, evidence, changes since the last frozen pack")
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesHeader(StatusCodes.Status200OK, "ETag", ConditionalGet.Component).Produces(StatusCodes.Status304NotModified)
        .ProducesHeader(StatusCodes.Status304NotModified, "ETag", ConditionalGet.Component);
}

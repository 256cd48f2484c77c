using Commitments.Api.Features.Catalogue;
using Commitments.Api.Http;
using Commitments.Infrastructure.Catalogue;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Commitments.Api.Features.Participants;

public static class ListParticipants
{
    /// <summary>Filter of the participant list.</summary>
    /// <param name="Kind">government, international_organisation or company.</param>
    public sealed record Query([FromQuery(Name = "kind")] string? Kind);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Kind).IsCodeOf<Query, ParticipantKind>();
    }

    public static async Task<Ok<List<ParticipantDto>>> ListParticipantsAsync([AsParameters] Query query, CatalogueStore store, CancellationToken ct)
    {
        ParticipantKind? kind = Codes.TryParse<ParticipantKind>(query.Kind, out var k) ? k : null;
        return TypedResults.Ok((await store.ParticipantsAsync(kind, ct)).Select(ParticipantDto.From).ToList());
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/", ListParticipantsAsync).Validates<Query>()
        .AllowAnonymous()
        .WithName("ListParticipants")
        .WithSummary("List participants with their aliases and endorsements, optionally of one kind (government, international_organisation, company)");
}

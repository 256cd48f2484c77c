using Commitments.Api.Features.Catalogue;
using Commitments.Api.Http;
using Commitments.Infrastructure.Catalogue;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Commitments.Api.Features.Commitments;

public static class ListCommitments
{
    /// <summary>Filters of the commitment list.</summary>
    /// <param name="Instrument">An instrument code, e.g. ST.</param>
    /// <param name="AppliesTo">governments, companies or all.</param>
    public sealed record Query([FromQuery(Name = "instrument")] string? Instrument, [FromQuery(Name = "appliesTo")] string? AppliesTo);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.AppliesTo).IsCodeOf<Query, AppliesTo>();
    }

    public static async Task<Ok<List<CommitmentDto>>> ListCommitmentsAsync([AsParameters] Query query, CatalogueStore store, CancellationToken ct)
    {
        AppliesTo? appliesTo = Codes.TryParse<AppliesTo>(query.AppliesTo, out var a) ? a : null;
        return TypedResults.Ok((await store.CommitmentsAsync(query.Instrument, appliesTo, ct)).Select(CommitmentDto.From).ToList());
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/", ListCommitmentsAsync).Validates<Query>()
        .AllowAnonymous()
        .WithName("ListCommitments")
        .WithSummary("List commitments, optionally by instrument code and by whom they apply to (governments, companies, all)");
}

using Commitments.Api.Features.Catalogue;
using Commitments.Infrastructure.Catalogue;
using Commitments.Infrastructure.Reports;
using Commitments.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Commitments.Api.Features.Participants;

/// <summary>The commitments a participant must report on in a cycle, and which of them the secretariat exempted.</summary>
public sealed record ObligationsDto(string ParticipantId, string CycleId, IReadOnlyList<CommitmentDto> Commitments, IReadOnlyList<string> Exempt);

public static class GetObligations
{
    /// <summary>Whose obligations, in which cycle.</summary>
    /// <param name="Id">The participant.</param>
    /// <param name="Cycle">The id of a reporting cycle, e.g. seoul-2024 (required).</param>
    public sealed record Query(string Id, [FromQuery(Name = "cycle")] string? Cycle);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Cycle).NotEmpty().WithMessage("cycle is required: the id of a reporting cycle, e.g. seoul-2024.")
            .OverridePropertyName("cycle");
    }

    /// <summary>Asks <see cref="Obligations"/>, the one rule that filing, coverage and packs ask too.</summary>
    public static async Task<Results<Ok<ObligationsDto>, NotFoundProblem>> GetObligationsAsync(
        [AsParameters] Query query, CatalogueStore catalogue, ReportStore reports, TimeProvider clock, CancellationToken ct)
    {
        if (await catalogue.ParticipantAsync(query.Id, ct) is not { } participant) return Problems.NotFound("Participant", query.Id);
        if (await catalogue.CycleAsync(query.Cycle!, ct) is not { } found) return Problems.NotFound("Cycle", query.Cycle!);
        var exemptions = await reports.ExemptionsAsync(found.Id, clock.GetUtcNow().UtcDateTime, ct);
        var obligations = Obligations.Of(participant, found, await catalogue.CommitmentsAsync(null, null, ct), exemptions.ToSet());
        return TypedResults.Ok(new ObligationsDto(participant.Id, found.Id, obligations.Select(o => CommitmentDto.From(o.Commitment)).ToList(),
            obligations.Where(o => o.Exempt).Select(o => o.Commitment.Id).ToList()));
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/{id}/obligations", GetObligationsAsync).Validates<Query>()
        .AllowAnonymous()
        .WithName("GetObligations")
        .WithSummary("The commitments a participant must report on in a cycle: endorsed instruments in the cycle's scope, endorsements in force by "
            + "its due date, commitments that apply to its kind; exempt lists those the secretariat exempted");
}

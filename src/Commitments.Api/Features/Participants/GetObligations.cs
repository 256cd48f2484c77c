using Commitments.Api.Features.Catalogue;
using Commitments.Infrastructure.Catalogue;
using Commitments.Infrastructure.Reports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commitments.Api.Features.Participants;

/// <summary>The commitments a participant must report on in a cycle, and which of them the secretariat exempted.</summary>
public sealed record ObligationsDto(string ParticipantId, string CycleId, IReadOnlyList<CommitmentDto> Commitments, IReadOnlyList<string> Exempt);

public static class GetObligations
{
    /// <summary>Asks <see cref="Obligations"/>, the one rule that filing, coverage and packs ask too.</summary>
    public static async Task<Results<Ok<ObligationsDto>, ProblemHttpResult>> GetObligationsAsync(
        string id, string? cycle, CatalogueStore catalogue, ReportStore reports, TimeProvider clock, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(cycle)) throw new RequestValidationException("cycle", "cycle is required: the id of a reporting cycle, e.g. seoul-2024.");
        if (await catalogue.ParticipantAsync(id, ct) is not { } participant) return NotFound(Failure.NotFound("Participant", id));
        if (await catalogue.CycleAsync(cycle, ct) is not { } found) return NotFound(Failure.NotFound("Cycle", cycle));
        var exemptions = await reports.ExemptionsAsync(found.Id, clock.GetUtcNow().UtcDateTime, ct);
        var obligations = Obligations.Of(participant, found, await catalogue.CommitmentsAsync(null, null, ct), exemptions.ToSet());
        return TypedResults.Ok(new ObligationsDto(participant.Id, found.Id, obligations.Select(o => CommitmentDto.From(o.Commitment)).ToList(),
            obligations.Where(o => o.Exempt).Select(o => o.Commitment.Id).ToList()));
    }

    private static ProblemHttpResult NotFound(Failure failure) => (ProblemHttpResult)failure.ToProblem();

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/{id}/obligations", GetObligationsAsync)
        .AllowAnonymous()
        .WithName("GetObligations")
        .WithSummary("The commitments a participant must report on in a cycle: endorsed instruments in the cycle's scope, endorsements in force by "
            + "its due date, commitments that apply to its kind; exempt lists those the secretariat exempted")
        .ProducesValidationProblem();
}

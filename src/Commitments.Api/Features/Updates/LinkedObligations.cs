using Commitments.Infrastructure.Catalogue;

namespace Commitments.Api.Features.Updates;

/// <summary>
/// The web side of the crosswalk for updates: reads the catalogue and the links, and asks <see cref="Crosswalk"/> (with
/// <see cref="Obligations"/>) which linked obligations an answer may cite or be copied to. It decides nothing itself.
/// </summary>
public sealed class LinkedObligations(CatalogueStore catalogue, CrosswalkStore crosswalk)
{
    /// <summary>The participant's obligations in the cycle, as the one rule gives them (exemptions do not matter here: an exempt obligation may still be answered).</summary>
    public async Task<IReadOnlyList<Obligation>> ObligationsAsync(Participant participant, Cycle cycle, CancellationToken ct) =>
        Obligations.Of(participant, cycle, await catalogue.CommitmentsAsync(null, null, ct), new HashSet<(string, string)>());

    /// <summary>The participant's obligations in the cycle linked to <paramref name="commitmentId"/>.</summary>
    public async Task<IReadOnlyList<Obligation>> OfAsync(Participant participant, Cycle cycle, string commitmentId, CancellationToken ct) =>
        Crosswalk.LinkedObligations(commitmentId, await crosswalk.OfAsync(commitmentId, ct), await ObligationsAsync(participant, cycle, ct));

    /// <summary>A 422 naming <c>{field}[i]</c> for each cited commitment the answer cannot also answer; null when all can.</summary>
    public async Task<Failure?> WhyNotCiteAsync(Participant participant, Cycle cycle, string commitmentId, IReadOnlyList<string> cited,
        CancellationToken ct, string field = "alsoAnswers")
    {
        if (cited.Count == 0) return null;
        var links = await crosswalk.OfAsync(commitmentId, ct);
        var obligations = await ObligationsAsync(participant, cycle, ct);
        Dictionary<string, string[]> errors = [];
        for (var i = 0; i < cited.Count; i++)
            if (Crosswalk.WhyNotAnswer(commitmentId, cited[i], links, obligations) is { } why) errors[$"{field}[{i}]"] = [why];
        return errors.Count == 0 ? null
            : new Failure(FailureKind.Unprocessable, string.Join(" ", errors.Values.SelectMany(v => v)),
                new Dictionary<string, object?> { ["errors"] = errors });
    }

    /// <summary>The same check for an existing update: its participant, commitment and cycle.</summary>
    public async Task<Failure?> WhyNotCiteAsync(ProgressUpdate update, IReadOnlyList<string> cited, CancellationToken ct)
    {
        if (cited.Count == 0) return null;
        var participant = await catalogue.ParticipantAsync(update.ParticipantId, ct) ?? throw new InvalidOperationException("An update's participant exists.");
        var cycle = await catalogue.CycleAsync(update.CycleId, ct) ?? throw new InvalidOperationException("An update's cycle exists.");
        return await WhyNotCiteAsync(participant, cycle, update.CommitmentId, cited, ct);
    }
}

using Commitments.Domain;
using Commitments.Infrastructure.Catalogue;
using Commitments.Infrastructure.Data;

namespace Commitments.Infrastructure.Seed;

/// <summary>
/// Writes the Bletchley catalogue once per database, in one transaction, and records that it did:
/// a restart adds nothing twice, and later edits by the secretariat are never overwritten.
/// </summary>
public static class CatalogueSeeder
{
    public const string SeedName = "bletchley-catalogue-v1";

    public static async Task<bool> SeedAsync(Database database, TimeProvider clock, CancellationToken ct = default)
    {
        await using var session = new DbSession(database);
        await session.BeginAsync(ct);
        var store = new CatalogueStore(session);
        if (await store.SeedAppliedAsync(SeedName, ct)) return false;

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var instrument in BletchleyCatalogue.Instruments) await store.InsertInstrumentAsync(instrument, ct);
        // Parents first, so the parent link always points at an existing row.
        // The seed transcribes published texts: a dated endorsement counts as recorded on its date, an undated one from now.
        foreach (var participant in BletchleyCatalogue.Participants.OrderBy(p => p.ParentId is null ? 0 : 1))
            await store.InsertParticipantAsync(participant with
            {
                Endorsements = participant.Endorsements.Select(e => e with { RecordedAt = Obligations.InForceFrom(e) ?? now }).ToList(),
            }, now, ct);
        foreach (var commitment in BletchleyCatalogue.Commitments) await store.InsertCommitmentAsync(commitment, now, ct);
        foreach (var cycle in BletchleyCatalogue.Cycles) await store.InsertCycleAsync(cycle, now, ct);
        await store.RecordSeedAsync(SeedName, now, ct);
        await session.CommitAsync(ct);
        return true;
    }
}

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

    /// <summary>When the catalogue's first facts were published: the Bletchley Park summit.</summary>
    public static readonly DateTime PublishedFrom = new(2023, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>A database seeded before versions were kept gets the catalogue it holds as its first version.</summary>
    private static async Task RecordMissingVersionsAsync(CatalogueStore store, CancellationToken ct)
    {
        if (await store.Versions.AnyAsync(ct)) return;
        foreach (var p in await store.ParticipantsAsync(null, ct)) await store.Versions.RecordAsync(p, PublishedFrom, ct);
        foreach (var c in await store.CommitmentsAsync(null, null, ct)) await store.Versions.RecordAsync(c, PublishedFrom, ct);
        foreach (var c in await store.CyclesAsync(ct)) await store.Versions.RecordAsync(c, PublishedFrom, ct);
    }

    public static async Task<bool> SeedAsync(Database database, TimeProvider clock, CancellationToken ct = default)
    {
        await using var session = new DbSession(database);
        await session.BeginAsync(ct);
        // The seed transcribes the published texts: its versions count as recorded from the first summit, so a report as of
        // any time since reads the catalogue as seeded until the secretariat edits it.
        var store = new CatalogueStore(session) { RecordedFrom = PublishedFrom };
        if (await store.SeedAppliedAsync(SeedName, ct))
        {
            await RecordMissingVersionsAsync(store, ct);
            await session.CommitAsync(ct);
            return false;
        }

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

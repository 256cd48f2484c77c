using Commitments.Domain;
using Commitments.Infrastructure.Catalogue;
using Commitments.Infrastructure.Data;

namespace Commitments.Infrastructure.Seed;

/// <summary>
/// Writes the catalogue once per database, in one transaction, and records that it did: a restart adds nothing twice.
/// A database seeded by an earlier step is brought up to date by the current one, which adds what is missing and replaces
/// only what the secretariat never edited through the API; the secretariat's edits are never overwritten.
/// </summary>
public static class CatalogueSeeder
{
    /// <summary>The first seed: the catalogue before it carried sources, groups and the Paris cycle.</summary>
    public const string FirstSeedName = "bletchley-catalogue-v1";

    /// <summary>The second seed: sourced commitments, chair's statements, the Seoul Ministerial Statement, groups, paris-2025.</summary>
    public const string SecondSeedName = "bletchley-catalogue-v2";

    /// <summary>
    /// The current seed: every commitment quoted word for word from its primary text, the commitments the texts contain that
    /// the earlier seeds left out, endorsements that cover only some commitments or are dated "by", and each source's edition.
    /// </summary>
    public const string SeedName = "bletchley-catalogue-v3";

    /// <summary>When the catalogue's first facts were published: the Bletchley Park summit.</summary>
    public static readonly DateTime PublishedFrom = new(2023, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>A database seeded before versions were kept gets the catalogue it holds as its first version.</summary>
    private static async Task RecordMissingVersionsAsync(CatalogueStore store, CancellationToken ct)
    {
        if (await store.Versions.AnyAsync(ct)) return;
        foreach (var p in await store.ParticipantsAsync(null, ct)) await store.Versions.RecordAsync(p, PublishedFrom, FirstSeedName, ct);
        foreach (var c in await store.CommitmentsAsync(null, null, ct)) await store.Versions.RecordAsync(c, PublishedFrom, FirstSeedName, ct);
        foreach (var c in await store.CyclesAsync(ct)) await store.Versions.RecordAsync(c, PublishedFrom, FirstSeedName, ct);
    }

    /// <summary>Instruments kept no versions before the third seed: the ones held are recorded as the first, so an earlier as-of reads them.</summary>
    private static async Task RecordMissingInstrumentVersionsAsync(CatalogueStore store, CancellationToken ct)
    {
        if ((await store.Versions.SeededAsync("instrument", ct)).Count > 0) return;
        foreach (var i in await store.InstrumentsAsync(ct)) await store.Versions.RecordAsync(i, PublishedFrom, FirstSeedName, ct);
    }

    /// <summary>Endorsements as the seed records them: a dated one on its date, an undated one from now (never before).</summary>
    private static Participant Recorded(Participant p, DateTime now) =>
        p with { Endorsements = p.Endorsements.Select(e => e with { RecordedAt = Obligations.InForceFrom(e) ?? now }).ToList() };

    public static async Task<bool> SeedAsync(Database database, TimeProvider clock, CancellationToken ct = default)
    {
        await using var session = new DbSession(database);
        await session.BeginAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var probe = new CatalogueStore(session);
        if (await probe.SeedAppliedAsync(SeedName, ct))
        {
            await RecordMissingVersionsAsync(probe, ct);
            var linked = await SeedCrosswalkAsync(session, probe, now, ct);
            await session.CommitAsync(ct);
            return linked;
        }

        if (await probe.SeedAppliedAsync(FirstSeedName, ct) || await probe.SeedAppliedAsync(SecondSeedName, ct))
        {
            await RecordMissingVersionsAsync(probe, ct);
            await RecordMissingInstrumentVersionsAsync(probe, ct);
            // Corrections reach an existing database as of now: a report as of an earlier time still reads what was recorded then.
            await UpgradeAsync(new CatalogueStore(session) { RecordedBy = SeedName }, now, ct);
        }
        else
        {
            // The seed transcribes the published texts: its versions count as recorded from the first summit, so a report as of
            // any time since reads the catalogue as seeded until the secretariat edits it.
            var store = new CatalogueStore(session) { RecordedFrom = PublishedFrom, RecordedBy = SeedName };
            foreach (var instrument in BletchleyCatalogue.Instruments) await store.InsertInstrumentAsync(instrument, now, ct);
            // Parents first, so the parent link always points at an existing row.
            foreach (var participant in BletchleyCatalogue.Participants.OrderBy(p => p.ParentId is null ? 0 : 1))
                await store.InsertParticipantAsync(Recorded(participant, now), now, ct);
            foreach (var commitment in BletchleyCatalogue.Commitments) await store.InsertCommitmentAsync(commitment, now, ct);
            foreach (var cycle in BletchleyCatalogue.Cycles) await store.InsertCycleAsync(cycle, now, ct);
        }
        await probe.RecordSeedAsync(SeedName, now, ct);
        await SeedCrosswalkAsync(session, probe, now, ct);
        await session.CommitAsync(ct);
        return true;
    }

    /// <summary>The crosswalk seed step: applied once per database, after the catalogue.</summary>
    public const string CrosswalkSeedName = "bletchley-crosswalk-v1";

    /// <summary>
    /// Adds the seeded crosswalk once. A pair already linked (or once linked and removed by the secretariat) is left as it is,
    /// and a pair whose commitments the database does not hold is skipped: the secretariat's own crosswalk is never overwritten.
    /// </summary>
    private static async Task<bool> SeedCrosswalkAsync(DbSession session, CatalogueStore probe, DateTime now, CancellationToken ct)
    {
        if (await probe.SeedAppliedAsync(CrosswalkSeedName, ct)) return false;
        var crosswalk = new CrosswalkStore(session);
        var held = (await probe.CommitmentsAsync(null, null, ct)).Select(c => c.Id).ToHashSet();
        foreach (var (a, b, relation, note) in BletchleyCatalogue.Links)
        {
            if (!held.Contains(a) || !held.Contains(b) || await crosswalk.EverLinkedAsync(a, b, ct)) continue;
            await crosswalk.InsertAsync(new CommitmentLink(Ids.New(), a, b, relation, note, now, CrosswalkSeedName), ct);
        }
        await probe.RecordSeedAsync(CrosswalkSeedName, now, ct);
        return true;
    }

    /// <summary>
    /// Brings a database seeded by an earlier step up to the current catalogue: adds what is missing, replaces what the
    /// secretariat never edited, and leaves alone what it did. Nothing is deleted: a commitment is corrected in place, so what
    /// was filed against it stays filed against it; one an earlier seed wrote that the current seed no longer holds is retired
    /// (kept, with whatever was filed against it, but nobody's obligation).
    /// </summary>
    private static async Task UpgradeAsync(CatalogueStore store, DateTime now, CancellationToken ct)
    {
        // Instruments are not editable through the API, so the seed's version always stands.
        var instruments = (await store.InstrumentsAsync(ct)).ToDictionary(i => i.Code);
        foreach (var instrument in BletchleyCatalogue.Instruments)
        {
            if (!instruments.TryGetValue(instrument.Code, out var held)) await store.InsertInstrumentAsync(instrument, now, ct);
            else if (held != instrument) await store.UpdateInstrumentAsync(instrument, now, ct);
        }

        var editedParticipants = await store.Versions.EditedAsync("participant", PublishedFrom, ct);
        var participants = (await store.ParticipantsAsync(null, ct)).Select(p => p.Id).ToHashSet();
        foreach (var participant in BletchleyCatalogue.Participants.OrderBy(p => p.ParentId is null ? 0 : 1))
        {
            // Endorsements the upgrade adds or changes are recorded now: an earlier as-of report keeps what it counted.
            // A dated endorsement keeps its date: one dated "by" a day before now counts from that day in reports as of now on.
            var seeded = participant with { Endorsements = participant.Endorsements.Select(e => e with { RecordedAt = now }).ToList() };
            if (!participants.Contains(participant.Id)) await store.InsertParticipantAsync(seeded, now, ct);
            else if (!editedParticipants.Contains(participant.Id)) await store.UpdateParticipantAsync(seeded, now, ct);
        }

        var editedCommitments = await store.Versions.EditedAsync("commitment", PublishedFrom, ct);
        var commitments = (await store.CommitmentsAsync(null, null, ct)).ToDictionary(c => c.Id);
        foreach (var commitment in BletchleyCatalogue.Commitments)
        {
            if (!commitments.TryGetValue(commitment.Id, out var held)) await store.InsertCommitmentAsync(commitment, now, ct);
            // A commitment keeps the instrument it was filed under; only its wording, sources and scope are corrected.
            else if (!editedCommitments.Contains(commitment.Id) && held.InstrumentCode == commitment.InstrumentCode && !held.SameFacts(commitment))
                await store.UpdateCommitmentAsync(commitment, now, ct);
        }
        var current = BletchleyCatalogue.Commitments.Select(c => c.Id).ToHashSet();
        var seededEarlier = await store.Versions.SeededAsync("commitment", ct);
        foreach (var held in commitments.Values.Where(c => !current.Contains(c.Id) && !c.Retired && seededEarlier.Contains(c.Id) && !editedCommitments.Contains(c.Id)))
            await store.UpdateCommitmentAsync(held with { Retired = true }, now, ct);

        var editedCycles = await store.Versions.EditedAsync("cycle", PublishedFrom, ct);
        var cycles = (await store.CyclesAsync(ct)).ToDictionary(c => c.Id);
        foreach (var cycle in BletchleyCatalogue.Cycles)
        {
            if (!cycles.TryGetValue(cycle.Id, out var held)) await store.InsertCycleAsync(cycle, now, ct);
            else if (!editedCycles.Contains(cycle.Id)) await store.UpdateCycleAsync(cycle with { State = held.State }, now, ct);
        }
    }
}

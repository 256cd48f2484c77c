using Commitments.Api.Hosting;
using Commitments.Infrastructure.Data;
using Commitments.Api.Http;
using System.Text.Json;
using Commitments.Domain.Reports;
using Commitments.Infrastructure.Catalogue;
using Commitments.Infrastructure.Reports;
using Commitments.Infrastructure.Speakers;
using Microsoft.Extensions.Options;

namespace Commitments.Api.Features.Reports;

/// <summary>Loads what a pack needs in a fixed number of queries, whatever the number of participants, and builds it.</summary>
public sealed class BriefingPacks(CatalogueStore catalogue, ReportStore reports, SpeakerStore speakers, Database database, TimeProvider clock,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    public JsonSerializerOptions Json => json.Value.SerializerOptions;

    /// <summary>Builds the pack as of <paramref name="requestedAsOf"/>, or as of now when none is given.</summary>
    public async Task<Outcome<BriefingPack>> BuildAsync(string cycleId, DateTime? requestedAsOf, Audience audience, CancellationToken ct,
        bool withDigests = true, bool freezing = false)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var asOf = AsOf(requestedAsOf);
        // A pack being frozen promises the same bytes when recomputed: a write stamped before its time but not yet committed
        // would be missed now and counted later, so it settles first. Reads that store nothing do not queue behind writers.
        if (freezing) await database.AwaitWritesInFlightAsync(ct);
        // The catalogue as the record held it then: an edit recorded later does not change an earlier answer.
        var (found, participants, commitments) = await catalogue.AsOfAsync(cycleId, asOf, ct);
        if (found is not { } cycle) return Failure.NotFound("Cycle", cycleId);
        // As of now, every revision recorded so far counts: read the current ones instead of searching the history.
        var updates = await reports.CountedUpdatesAsync(cycleId, asOf, cycle.DueAt, current: requestedAsOf is null, ct);
        var exemptions = (await reports.ExemptionsAsync(cycleId, asOf, ct)).ToSet();
        // A participant's digest compares with the secretariat's packs, filtered to that participant.
        var previousAudience = audience.ParticipantId is null ? audience.Name : Audience.Secretariat.Name;
        var previous = await reports.PreviousPackAsync(cycleId, previousAudience, asOf, clock.GetUtcNow().UtcDateTime, ct) is { } frozen ? Previous(frozen) : null;
        // The speakers named by then lead the pack; a list named later does not change an earlier pack.
        var named = (await speakers.AsOfAsync(cycleId, asOf, ct)).Select(s => s.ParticipantId).ToList();
        var instruments = await catalogue.InstrumentsAsync(ct);
        var pack = BriefingPackBuilder.Build(
            new ReportInputs(cycle, participants, commitments, updates, exemptions, asOf, audience, previous, named, instruments), withDigests);
        Telemetry.PackBuild.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            new KeyValuePair<string, object?>("digests", withDigests));
        return pack;
    }

    /// <summary>The as-of time: now by default. Callers validate it first with <see cref="IsReproducible"/>.</summary>
    private DateTime AsOf(DateTime? requested) => requested is { } r ? Inputs.Utc(r) : clock.GetUtcNow().UtcDateTime;

    /// <summary>A pack as of a time still to come could not be reproduced: what is recorded until then would change it.</summary>
    public static bool IsReproducible(DateTime? asOf, TimeProvider clock) =>
        asOf is null || Inputs.Utc(asOf.Value) <= clock.GetUtcNow().UtcDateTime;

    public const string FutureAsOf = "asOf cannot be in the future: a report is computed from what existed then.";

    /// <summary>The audiences a pack can be asked for; the OpenAPI document lists them as the parameter's values.</summary>
    public static readonly IReadOnlyList<string> Audiences = ["secretariat", "governments", "public"];

    public static bool IsAudience(string? requested) => requested is null || Audiences.Contains(requested);

    public const string UnknownAudience =
        "audience must be secretariat (default: everything, restricted items marked), governments (public and governments-level content) or public.";

    public static Audience AudienceFor(string? requested) => requested switch
    {
        null or "secretariat" => Audience.Secretariat,
        "governments" => Audience.Governments,
        "public" => Audience.Public,
        _ => throw new ArgumentException(UnknownAudience, nameof(requested)),
    };

    /// <summary>The pack's JSON; a frozen pack stores these bytes and their hash.</summary>
    public byte[] Serialize(BriefingPack pack) => JsonSerializer.SerializeToUtf8Bytes(pack, Json);

    /// <summary>The same JSON as <see cref="Serialize"/>, written to <paramref name="body"/> as it is produced.</summary>
    public Task WriteAsync(BriefingPack pack, Stream body, CancellationToken ct) => JsonSerializer.SerializeAsync(body, pack, Json, ct);

    /// <summary>The pack a frozen pack's bytes hold.</summary>
    public BriefingPack Read(FrozenPack frozen) => JsonSerializer.Deserialize<BriefingPack>(frozen.Content, Json)
        ?? throw new InvalidOperationException($"Frozen pack {frozen.Id} cannot be read.");

    private PreviousPack Previous(FrozenPack frozen)
    {
        var pack = Read(frozen);
        var statuses = pack.Matrix.SelectMany(r => r.Cells.Where(c => c.Obligated).Select(c => ((r.ParticipantId, c.CommitmentId), c.Status)))
            .ToDictionary(x => x.Item1, x => x.Status);
        var endorsements = pack.Digests.SelectMany(d => d.Endorsements.Select(e => (d.ParticipantId, e.InstrumentCode))).ToHashSet();
        var cells = pack.Matrix.SelectMany(r => r.Cells.Where(c => c.Obligated).Select(c => ((r.ParticipantId, c.CommitmentId), c)))
            .ToDictionary(x => x.Item1, x => x.c);
        return new PreviousPack(frozen.Id, frozen.AsOf, statuses, endorsements, cells);
    }
}

using Commitments.Api.Hosting;
using Commitments.Infrastructure.Data;
using Commitments.Api.Http;
using System.Globalization;
using System.Text.Json;
using Commitments.Domain.Reports;
using Commitments.Infrastructure.Catalogue;
using Commitments.Infrastructure.Reports;
using Commitments.Infrastructure.Speakers;
using Commitments.Infrastructure.Updates;
using Microsoft.Extensions.Options;

namespace Commitments.Api.Features.Reports;

/// <summary>Loads what a pack needs in a fixed number of queries, whatever the number of participants, and builds it.</summary>
public sealed class BriefingPacks(CatalogueStore catalogue, ReportStore reports, UpdateStore updateStore, SpeakerStore speakers, Database database,
    TimeProvider clock,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    public JsonSerializerOptions Json => json.Value.SerializerOptions;

    /// <summary>Builds the pack as of <paramref name="requestedAsOf"/>, or as of now when none is given.</summary>
    public async Task<Outcome<BriefingPack>> BuildAsync(string cycleId, DateTime? requestedAsOf, Audience audience, CancellationToken ct,
        bool withDigests = true, bool freezing = false)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var asOf = AsOf(requestedAsOf);
        var present = IsPresent(requestedAsOf);
        // A pack being frozen promises the same bytes when recomputed: a write stamped before its time but not yet committed
        // would be missed now and counted later, so it settles first. Reads that store nothing do not wait for writers.
        if (freezing) await database.AwaitWritesInFlightAsync(ct);
        // The catalogue as the record held it then: an edit recorded later does not change an earlier answer.
        var (found, participants, commitments) = await catalogue.AsOfAsync(cycleId, asOf, ct);
        if (found is not { } cycle) return Failure.NotFound("Cycle", cycleId);
        // As of now the updates' rows hold the present; as of an earlier time the revisions recorded by then are replayed.
        var updates = present ? await updateStore.OfCycleAsync(cycleId, ct) : await updateStore.OfCycleAsOfAsync(cycleId, asOf, cycle.Dates, ct);
        var exemptions = (await reports.ExemptionsAsync(cycleId, asOf, ct)).ToSet();
        // A participant's digest compares with the secretariat's packs, filtered to that participant.
        var previousAudience = audience.ParticipantId is null ? audience.Name : Audience.Secretariat.Name;
        var previous = await reports.PreviousPackAsync(cycleId, previousAudience, asOf, clock.GetUtcNow().UtcDateTime, ct) is { } frozen ? Previous(frozen) : null;
        // The speakers named by then lead the pack; a list named later does not change an earlier pack.
        var named = (await speakers.AsOfAsync(cycleId, asOf, ct)).Select(s => s.ParticipantId).ToList();
        // The instruments with the editions of their sources the catalogue used then.
        var instruments = await catalogue.InstrumentsAsOfAsync(asOf, ct);
        var pack = BriefingPackBuilder.Build(
            new ReportInputs(cycle, participants, commitments, updates, exemptions, asOf, audience, previous, named, instruments), withDigests);
        Telemetry.PackBuild.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            new KeyValuePair<string, object?>("digests", withDigests));
        return pack;
    }

    /// <summary>A report as of now (no as-of time, or one not before now) reads the present state; an earlier one, the history.</summary>
    private bool IsPresent(DateTime? requested) => requested is not { } r || Inputs.Utc(r) >= clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// The weak ETag of a report as of now for an audience that sees everything (the secretariat), known before the report is
    /// built: an earlier as-of time, an unknown cycle or another audience has none (<see cref="NotModifiedByContent"/> tags those).
    /// It changes with every committed write (the data version), the packs frozen before now, and what the passing of time
    /// changes (<see cref="BriefingPackBuilder.TimeKey"/>). Read before the report is built: a write in between gives a newer body
    /// under an older tag, which only costs the next request a 200.
    /// </summary>
    public async Task<string?> PresentTagAsync(string cycleId, DateTime? requestedAsOf, Audience audience, string representation, CancellationToken ct)
    {
        if (!IsPresent(requestedAsOf) || !audience.Reader.IsSecretariat) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        if (await reports.Versions.OfCycleAsync(cycleId, now, ct) is not { DataVersion: { } dataVersion } v) return null;
        var dates = new Domain.CycleDates(v.OpensAt, v.DueAt, v.GraceUntil, v.State == Domain.Codes.Of(Domain.CycleState.Closed));
        return ConditionalGet.WeakTag(cycleId, dataVersion.ToString(CultureInfo.InvariantCulture),
            v.PacksFrozenBefore.ToString(CultureInfo.InvariantCulture), BriefingPackBuilder.TimeKey(dates, now), audience.Name, representation);
    }

    /// <summary>
    /// Tags a report as of now for the secretariat (<see cref="PresentTagAsync"/>) and says whether the client's copy
    /// (If-None-Match) is current, so the report is not built and the answer is a 304.
    /// </summary>
    public async Task<bool> NotModifiedAsync(HttpContext context, string cycleId, DateTime? requestedAsOf, Audience audience, string representation,
        CancellationToken ct)
    {
        if (await PresentTagAsync(cycleId, requestedAsOf, audience, representation, ct) is not { } tag) return false;
        ConditionalGet.Tag(context.Response, tag);
        return ConditionalGet.Matches(context.Request.Headers.IfNoneMatch, tag);
    }

    /// <summary>
    /// For any other audience, the tag of a report as of now is computed from what the reader receives (<paramref name="shown"/>,
    /// its as-of time left out), so it changes only when something that reader may see changes: a hidden write elsewhere
    /// leaves it as it is. Says whether the client's copy is current.
    /// </summary>
    public bool NotModifiedByContent(HttpContext context, DateTime? requestedAsOf, Audience audience, string representation, object shown)
    {
        if (!IsPresent(requestedAsOf) || audience.Reader.IsSecretariat) return false;
        var tag = ConditionalGet.WeakTag(audience.Name, representation, JsonSerializer.Serialize(shown, Json));
        ConditionalGet.Tag(context.Response, tag);
        return ConditionalGet.Matches(context.Request.Headers.IfNoneMatch, tag);
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

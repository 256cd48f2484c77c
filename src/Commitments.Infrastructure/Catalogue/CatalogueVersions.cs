using System.Text.Json;
using System.Text.Json.Serialization;
using Commitments.Domain;
using Commitments.Infrastructure.Data;

namespace Commitments.Infrastructure.Catalogue;

public sealed class CatalogueVersionsSql
{
    public string Insert => """
        INSERT INTO catalogue_versions (entity_type, entity_id, recorded_at, recorded_by, content)
        VALUES (@EntityType, @EntityId, @RecordedAt, @RecordedBy, @Content)
        """;
    public string Count => "SELECT COUNT(*) FROM catalogue_versions";
    /// <summary>Every entity of one type a seed step wrote.</summary>
    public string SeededIds => """
        SELECT DISTINCT entity_id FROM catalogue_versions WHERE entity_type = @EntityType AND recorded_by LIKE 'bletchley-catalogue%'
        """;
    /// <summary>The versions of one type recorded by @AsOf, oldest first per entity; the reader keeps the last of each.</summary>
    public string OfTypeAsOf => """
        SELECT entity_id AS EntityId, recorded_at AS RecordedAt, content AS Content FROM catalogue_versions
        WHERE entity_type = @EntityType AND recorded_at <= @AsOf ORDER BY entity_id, recorded_at, seq
        """;
    /// <summary>Every version of one entity, oldest first.</summary>
    public string OfEntity => """
        SELECT entity_id AS EntityId, recorded_at AS RecordedAt, recorded_by AS RecordedBy, content AS Content FROM catalogue_versions
        WHERE entity_type = @EntityType AND entity_id = @EntityId ORDER BY recorded_at, seq
        """;
    /// <summary>Every entity of one type with a version the seed did not write (recorded through the API).</summary>
    public string EditedIds => """
        SELECT DISTINCT entity_id FROM catalogue_versions
        WHERE entity_type = @EntityType AND (recorded_by IS NULL OR recorded_by NOT LIKE 'seed%') AND recorded_at > @SeededAt
        """;
}

/// <summary>
/// The catalogue as recorded over time: each write of an instrument, participant, commitment or cycle keeps a version, so a report as of a
/// time reads names, titles, dates, scope and source editions as they were recorded then, and a later edit never changes an earlier answer.
/// (Endorsements are kept the same way in their own table, recorded and retracted.)
/// </summary>
public sealed class CatalogueVersions(DbSession session)
{
    private static readonly CatalogueVersionsSql Sql = new();
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    public Task RecordAsync(Participant p, DateTime at, string? by, CancellationToken ct) =>
        WriteAsync("participant", p.Id, at, by, JsonSerializer.Serialize(p with { Endorsements = [] }, Json), ct);

    public Task RecordAsync(Commitment c, DateTime at, string? by, CancellationToken ct) =>
        WriteAsync("commitment", c.Id, at, by, JsonSerializer.Serialize(c, Json), ct);

    public Task RecordAsync(Instrument i, DateTime at, string? by, CancellationToken ct) =>
        WriteAsync("instrument", i.Code, at, by, JsonSerializer.Serialize(i, Json), ct);

    public Task RecordAsync(Cycle c, DateTime at, string? by, CancellationToken ct) =>
        WriteAsync("cycle", c.Id, at, by, JsonSerializer.Serialize(c, Json), ct);

    /// <summary>
    /// The ids of the entities of a type the secretariat has edited: some version of theirs was not written by a seed step.
    /// Versions recorded at <paramref name="seededAt"/> (the first seed's published date) are the seed's, whoever wrote them.
    /// </summary>
    public async Task<IReadOnlySet<string>> EditedAsync(string entityType, DateTime seededAt, CancellationToken ct) =>
        (await session.QueryAsync<string>(Sql.EditedIds, new { EntityType = entityType, SeededAt = seededAt }, ct)).ToHashSet();

    /// <summary>The ids of the entities of a type a seed step wrote (the secretariat's own never are).</summary>
    public async Task<IReadOnlySet<string>> SeededAsync(string entityType, CancellationToken ct) =>
        (await session.QueryAsync<string>(Sql.SeededIds, new { EntityType = entityType }, ct)).ToHashSet();

    public async Task<bool> AnyAsync(CancellationToken ct) => await session.ScalarAsync<long>(Sql.Count, null, ct) > 0;

    /// <summary>The version of each entity of the type in force at <paramref name="asOf"/>; entities recorded only later are absent.</summary>
    public async Task<IReadOnlyDictionary<string, T>> AsOfAsync<T>(string entityType, DateTime asOf, CancellationToken ct) =>
        (await session.QueryAsync<VersionRow>(Sql.OfTypeAsOf, new { EntityType = entityType, AsOf = asOf }, ct))
        .GroupBy(v => v.EntityId)
        .ToDictionary(g => g.Key, g => JsonSerializer.Deserialize<T>(g.Last().Content, Json)!);

    /// <summary>The cycle as recorded at <paramref name="asOf"/>, or as first recorded when the as-of time is earlier.</summary>
    public async Task<Cycle?> CycleAsOfAsync(string id, DateTime asOf, CancellationToken ct)
    {
        var versions = await session.QueryAsync<VersionRow>(Sql.OfEntity, new { EntityType = "cycle", EntityId = id }, ct);
        if (versions.Count == 0) return null;
        var version = versions.LastOrDefault(v => v.RecordedAt <= asOf) ?? versions[0];
        return JsonSerializer.Deserialize<Cycle>(version.Content, Json);
    }

    private Task WriteAsync(string type, string id, DateTime at, string? by, string content, CancellationToken ct) =>
        session.ExecuteAsync(Sql.Insert, new { EntityType = type, EntityId = id, RecordedAt = at, RecordedBy = by, Content = content }, ct);

    private sealed class VersionRow
    {
        public string EntityId { get; set; } = "";
        public DateTime RecordedAt { get; set; }
        public string? RecordedBy { get; set; }
        public string Content { get; set; } = "";
    }
}

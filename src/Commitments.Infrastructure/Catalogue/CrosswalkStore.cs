using Commitments.Domain;
using Commitments.Infrastructure.Data;

namespace Commitments.Infrastructure.Catalogue;

public sealed class CrosswalkSql(SqlDialect d)
{
    private const string Columns = """
        id AS Id, commitment_id AS CommitmentId, linked_commitment_id AS LinkedCommitmentId, relation AS Relation, note AS Note,
        created_at AS CreatedAt, created_by AS CreatedBy
        """;

    /// <summary>Every live link, by its two commitments: views and templates list links in the same order every time.</summary>
    public string Live => $"SELECT {Columns} FROM commitment_links WHERE removed_at IS NULL ORDER BY commitment_id, linked_commitment_id";

    /// <summary>The live links touching one commitment, at either end.</summary>
    public string LiveOf => $"""
        SELECT {Columns} FROM commitment_links
        WHERE removed_at IS NULL AND (commitment_id = @CommitmentId OR linked_commitment_id = @CommitmentId)
        ORDER BY created_at, id
        """;

    public string LiveById => $"SELECT {Columns} FROM commitment_links WHERE id = @Id AND removed_at IS NULL";

    /// <summary>Whether the pair was ever linked, in either order, live or removed: what the seed asks before adding a link.</summary>
    public string EverLinked => """
        SELECT COUNT(*) FROM commitment_links
        WHERE (commitment_id = @A AND linked_commitment_id = @B) OR (commitment_id = @B AND linked_commitment_id = @A)
        """;

    public string Insert => """
        INSERT INTO commitment_links (id, commitment_id, linked_commitment_id, relation, note, created_at, created_by, removed_at, removed_by)
        VALUES (@Id, @CommitmentId, @LinkedCommitmentId, @Relation, @Note, @CreatedAt, @CreatedBy, NULL, NULL)
        """;

    public string Remove => "UPDATE commitment_links SET removed_at = @Now, removed_by = @By WHERE id = @Id AND removed_at IS NULL";

    /// <summary>The dialect is unused today; the constructor keeps the shape every *Sql class has (and the SQL Server parse test needs).</summary>
    public SqlDialect Dialect => d;
}

/// <summary>The crosswalk between commitments: links the secretariat (or the seed) made, and removed ones kept as removed.</summary>
public sealed class CrosswalkStore(DbSession session)
{
    private readonly CrosswalkSql _sql = new(session.Dialect);

    public async Task<IReadOnlyList<CommitmentLink>> LiveAsync(CancellationToken ct) =>
        (await session.QueryAsync<LinkRow>(_sql.Live, null, ct)).Select(r => r.ToDomain()).ToList();

    public async Task<IReadOnlyList<CommitmentLink>> OfAsync(string commitmentId, CancellationToken ct) =>
        (await session.QueryAsync<LinkRow>(_sql.LiveOf, new { CommitmentId = commitmentId }, ct)).Select(r => r.ToDomain()).ToList();

    public async Task<CommitmentLink?> GetAsync(string id, CancellationToken ct) =>
        (await session.SingleOrDefaultAsync<LinkRow>(_sql.LiveById, new { Id = id }, ct))?.ToDomain();

    public async Task<bool> EverLinkedAsync(string a, string b, CancellationToken ct) =>
        await session.ScalarAsync<long>(_sql.EverLinked, new { A = a, B = b }, ct) > 0;

    public Task InsertAsync(CommitmentLink link, CancellationToken ct) => session.ExecuteAsync(_sql.Insert, new
    {
        link.Id, link.CommitmentId, link.LinkedCommitmentId, Relation = Codes.Of(link.Relation), link.Note, link.CreatedAt, link.CreatedBy,
    }, ct);

    /// <summary>Marks the link removed; false when it was not live.</summary>
    public async Task<bool> RemoveAsync(string id, DateTime now, string? by, CancellationToken ct) =>
        await session.ExecuteAsync(_sql.Remove, new { Id = id, Now = now, By = by }, ct) == 1;

    private sealed class LinkRow
    {
        public string Id { get; set; } = "";
        public string CommitmentId { get; set; } = "";
        public string LinkedCommitmentId { get; set; } = "";
        public string Relation { get; set; } = "";
        public string? Note { get; set; }
        public DateTime CreatedAt { get; set; }
        public string? CreatedBy { get; set; }

        public CommitmentLink ToDomain() =>
            new(Id, CommitmentId, LinkedCommitmentId, Codes.Parse<LinkRelation>(Relation), Note, CreatedAt, CreatedBy);
    }
}

using Commitments.Domain.Receipts;
using Commitments.Infrastructure.Data;
using Dapper;

namespace Commitments.Infrastructure.Receipts;

/// <summary>The statements of the tamper-evident record: the log's size and nodes, revisions' seals, packs' tree heads, the signing key.</summary>
public sealed class LogSql(SqlDialect d)
{
    public SqlDialect Dialect => d;

    /// <summary>Reads the log's size under the row's write lock, held until the transaction ends, so appenders take turns.</summary>
    public string TakeSize => "UPDATE log_size SET size = size WHERE id = 1; SELECT size FROM log_size WHERE id = 1;";
    public string Size => "SELECT size FROM log_size WHERE id = 1";
    public string Node => "SELECT hash FROM log_nodes WHERE level = @Level AND idx = @Idx";

    // An append reads the nodes it builds on in one statement and stores the nodes it completes with the new size in another:
    // at most one node per level of the tree, (@L0, @I0[, @H0]), (@L1, @I1[, @H1]) and so on.
    private const int Levels = 64;
    private static readonly string[] NodesAtText = [.. Enumerable.Range(0, Levels + 1).Select(n =>
        "SELECT level AS Level, idx AS Idx, hash AS Hash FROM log_nodes WHERE "
        + string.Join(" OR ", Enumerable.Range(0, Math.Max(n, 1)).Select(i => $"(level = @L{i} AND idx = @I{i})")))];
    private static readonly string[] AppendText = [.. Enumerable.Range(0, Levels + 1).Select(n =>
        "UPDATE log_size SET size = @Size WHERE id = 1; INSERT INTO log_nodes (level, idx, hash) VALUES "
        + string.Join(", ", Enumerable.Range(0, Math.Max(n, 1)).Select(i => $"(@L{i}, @I{i}, @H{i})")))];
    public string NodesAt(int count) => NodesAtText[count];
    /// <summary>The log's new size (@Size) and the <paramref name="count"/> nodes an append completed.</summary>
    public string Append(int count) => AppendText[count];

    /// <summary>The parameters of <see cref="NodesAt"/> for these nodes.</summary>
    public static DynamicParameters NodesAtArgs(IReadOnlyList<TreeNode> nodes)
    {
        var args = new DynamicParameters();
        for (var i = 0; i < nodes.Count; i++) { args.Add($"L{i}", nodes[i].Level); args.Add($"I{i}", nodes[i].Index); }
        return args;
    }

    /// <summary>The parameters of <see cref="InsertNodes"/> for these nodes and their hashes (stored as lowercase hex).</summary>
    public static DynamicParameters InsertNodesArgs(IReadOnlyList<(TreeNode Node, byte[] Hash)> nodes)
    {
        var args = new DynamicParameters();
        for (var i = 0; i < nodes.Count; i++)
        {
            args.Add($"L{i}", nodes[i].Node.Level);
            args.Add($"I{i}", nodes[i].Node.Index);
            args.Add($"H{i}", Record.Hex(nodes[i].Hash));
        }
        return args;
    }
    /// <summary>The stored nodes of one level with idx in [@From, @To): verify walks the tree a slice at a time.</summary>
    public string NodesOfLevel => "SELECT idx AS Idx, hash AS Hash FROM log_nodes WHERE level = @Level AND idx >= @From AND idx < @To ORDER BY idx";
    /// <summary>Who claims a leaf: only read when verify finds two entries on one leaf, to name them.</summary>
    public string RevisionsOnLeaf => "SELECT update_id AS UpdateId, number AS Number FROM update_revisions WHERE log_index = @Idx";
    public string PacksOnLeaf => "SELECT id FROM briefing_packs WHERE log_index = @Idx";

    public string ChainHash => "SELECT chain_hash FROM update_revisions WHERE update_id = @Id AND number = @Number";

    private const string SealColumns = """
        r.update_id AS UpdateId, r.number AS Number, r.recorded_at AS RecordedAt, r.revision_hash AS RevisionHash, r.chain_hash AS ChainHash,
        r.log_index AS LogIndex
        """;
    public string Seal => $"SELECT {SealColumns} FROM update_revisions r WHERE r.update_id = @Id AND r.number = @Number";
    /// <summary>Found through the primary key: the update's few revisions, not an index over every revision's random hash.</summary>
    public string SealByHash => $"SELECT {SealColumns} FROM update_revisions r WHERE r.update_id = @Id AND r.revision_hash = @Hash";

    private const string RevisionColumns = """
        r.update_id AS UpdateId, u.participant_id AS ParticipantId, u.commitment_id AS CommitmentId, u.cycle_id AS CycleId,
            r.number AS Number, r.action AS Action, r.state AS State, r.status AS Status, r.assessed_status AS AssessedStatus,
            r.summary AS Summary, r.details AS Details, r.main_message AS MainMessage, r.evidence AS Evidence, r.confidentiality AS Confidentiality,
            r.planned_completion AS PlannedCompletion, r.also_answers AS AlsoAnswers, r.comment AS Comment, r.comment_internal AS CommentInternal, r.actor_key_id AS ActorKeyId,
            r.actor_role AS ActorRole, r.actor_participant_id AS ActorParticipantId, r.recorded_at AS RecordedAt,
            r.revision_hash AS RevisionHash, r.chain_hash AS ChainHash, r.log_index AS LogIndex
        """;

    /// <summary>A batch of revisions after (@UpdateId, @Number) in chain order, with their stored log leaf: what verify reads.</summary>
    public string RevisionsWithLeafAfter => $"""
        SELECT {d.Top("@Limit")} {RevisionColumns}, n.hash AS LeafHash
        FROM update_revisions r JOIN updates u ON u.id = r.update_id
        LEFT JOIN log_nodes n ON n.level = 0 AND n.idx = r.log_index
        WHERE r.update_id > @UpdateId OR (r.update_id = @UpdateId AND r.number > @Number)
        ORDER BY r.update_id, r.number {d.Limit("@Limit")}
        """;

    /// <summary>A batch of revisions from before the record (no hash yet) after (@UpdateId, @Number), in chain order: what the
    /// backfill reads, walking the primary key rather than sorting every unsealed row again for each batch.</summary>
    public string UnsealedRevisionsAfter => $"""
        SELECT {d.Top("@Limit")} {RevisionColumns}
        FROM update_revisions r JOIN updates u ON u.id = r.update_id
        WHERE (r.update_id > @UpdateId OR (r.update_id = @UpdateId AND r.number > @Number)) AND r.revision_hash IS NULL
        ORDER BY r.update_id, r.number {d.Limit("@Limit")}
        """;

    public string SealRevision => """
        UPDATE update_revisions SET revision_hash = @RevisionHash, chain_hash = @ChainHash, log_index = @LogIndex
        WHERE update_id = @UpdateId AND number = @Number
        """;

    private const string PackColumns = """
        id AS Id, cycle_id AS CycleId, as_of AS AsOf, audience AS Audience, content_hash AS ContentHash, content AS Content, created_at AS CreatedAt,
        log_index AS LogIndex, tree_size AS TreeSize, tree_root AS TreeRoot, tree_timestamp AS TreeTimestamp, tree_signature AS TreeSignature
        """;
    /// <summary>Frozen packs after @Id in id order, one at a time (a pack's content can be megabytes): what verify reads.</summary>
    public string PackAfter => $"SELECT {d.Top("1")} {PackColumns} FROM briefing_packs WHERE id > @Id ORDER BY id {d.Limit("1")}";
    public string UnloggedPacks => $"SELECT {PackColumns} FROM briefing_packs WHERE log_index IS NULL ORDER BY created_at, id";
    public string LogPack => "UPDATE briefing_packs SET log_index = @LogIndex WHERE id = @Id";

    public string SigningKey => "SELECT private_key_pem FROM log_signing_key WHERE id = 1";
    public string InsertSigningKey => "INSERT INTO log_signing_key (id, private_key_pem, created_at) VALUES (1, @Pem, @CreatedAt)";
}

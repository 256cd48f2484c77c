using Commitments.Domain;
using Commitments.Domain.Receipts;
using Commitments.Infrastructure.Data;

namespace Commitments.Infrastructure.Receipts;

/// <summary>A revision's seal as stored, with when it was recorded (what a receipt states).</summary>
public sealed class StoredSeal
{
    public string UpdateId { get; set; } = "";
    public long Number { get; set; }
    public DateTime RecordedAt { get; set; }
    public string? RevisionHash { get; set; }
    public string? ChainHash { get; set; }
    public long? LogIndex { get; set; }

    public RevisionSeal? Seal => RevisionHash is { } r && ChainHash is { } c && LogIndex is { } i ? new RevisionSeal(r, c, i) : null;
}

/// <summary>A tree head before it is signed: the number of entries and the root over them.</summary>
public sealed record TreeHead(long TreeSize, string RootHash);

/// <summary>
/// The append-only log over every revision and frozen pack, and each update's hash chain, in the caller's session: an
/// append belongs to the command's own transaction, so a rolled-back command leaves no entry behind.
/// </summary>
public sealed class TransparencyLog(DbSession session)
{
    private readonly LogSql _sql = new(session.Dialect);

    /// <summary>Hashes and chains a revision that is about to be inserted, and appends it to the log.</summary>
    public async Task<RevisionSeal> SealAsync(UpdateIdentity update, UpdateRevision revision, CancellationToken ct)
    {
        var revisionHash = Record.RevisionHash(update, revision);
        var previous = revision.Number == 1
            ? Record.GenesisHash(update)
            : await session.SingleOrDefaultAsync<string>(_sql.ChainHash, new { Id = update.UpdateId, Number = revision.Number - 1 }, ct)
              ?? throw new InvalidOperationException($"Revision {revision.Number - 1} of update {update.UpdateId} has no chain hash.");
        var index = await AppendAsync(revisionHash, ct);
        return new RevisionSeal(revisionHash, Record.ChainHash(previous, revisionHash), index);
    }

    /// <summary>
    /// Appends an entry (a revision or pack hash) as the next leaf of the log, in the caller's transaction, and returns its index:
    /// reads the size under its row's lock, the left siblings the leaf builds on, and stores the nodes it completes.
    /// </summary>
    public async Task<long> AppendAsync(string entryHash, CancellationToken ct)
    {
        if (session.Transaction is null) throw new InvalidOperationException("A log append needs a transaction.");
        var index = await session.ScalarAsync<long>(_sql.TakeSize, null, ct);
        var left = MerkleTree.LeftSiblingsOf(index);
        var stored = left.Count == 0 ? [] : (await session.QueryAsync<(int Level, long Idx, string Hash)>(_sql.NodesAt(left.Count), LogSql.NodesAtArgs(left), ct))
            .ToDictionary(n => new TreeNode(n.Level, n.Idx), n => Convert.FromHexString(n.Hash));
        var siblings = left.Select(node => stored.GetValueOrDefault(node)
            ?? throw new InvalidOperationException($"The log has no node at level {node.Level}, index {node.Index}.")).ToArray();
        var completed = MerkleTree.Completed(index, MerkleTree.LeafHash(Convert.FromHexString(entryHash)), siblings).ToList();
        var args = LogSql.InsertNodesArgs(completed);
        args.Add("Size", index + 1);
        await session.ExecuteAsync(_sql.Append(completed.Count), args, ct);
        return index;
    }

    public Task<long> SizeAsync(CancellationToken ct) => session.ScalarAsync<long>(_sql.Size, null, ct);

    /// <summary>The tree head of the log as it stands.</summary>
    public async Task<TreeHead> HeadAsync(CancellationToken ct)
    {
        var size = await SizeAsync(ct);
        return new TreeHead(size, Record.Hex(await RangeHashAsync(new LeafRange(0, size), ct)));
    }

    /// <summary>The hash of a range of leaves (the root, for [0, size)); the empty tree's root is SHA-256 of nothing.</summary>
    public async Task<byte[]> RangeHashAsync(LeafRange range, CancellationToken ct)
    {
        if (range.End == range.Start) return MerkleTree.Root([]);
        var hashes = new List<byte[]>();
        foreach (var node in MerkleTree.NodesOf(range)) hashes.Add(await NodeAsync(node, ct));
        return MerkleTree.RangeHash(hashes);
    }

    /// <summary>The hashes of the ranges a proof names, in its order.</summary>
    public async Task<IReadOnlyList<string>> ProofAsync(IReadOnlyList<LeafRange> ranges, CancellationToken ct)
    {
        var hashes = new List<string>(ranges.Count);
        foreach (var range in ranges) hashes.Add(Record.Hex(await RangeHashAsync(range, ct)));
        return hashes;
    }

    public Task<StoredSeal?> SealOfAsync(string updateId, int number, CancellationToken ct) =>
        session.SingleOrDefaultAsync<StoredSeal>(_sql.Seal, new { Id = updateId, Number = number }, ct);

    /// <summary>The revision of <paramref name="updateId"/> whose recorded hash is <paramref name="revisionHash"/>, if any.</summary>
    public Task<StoredSeal?> SealByHashAsync(string updateId, string revisionHash, CancellationToken ct) =>
        session.SingleOrDefaultAsync<StoredSeal>(_sql.SealByHash, new { Id = updateId, Hash = revisionHash }, ct);

    private async Task<byte[]> NodeAsync(TreeNode node, CancellationToken ct) =>
        Convert.FromHexString(await session.SingleOrDefaultAsync<string>(_sql.Node, new { node.Level, Idx = node.Index }, ct)
            ?? throw new InvalidOperationException($"The log has no node at level {node.Level}, index {node.Index}."));
}

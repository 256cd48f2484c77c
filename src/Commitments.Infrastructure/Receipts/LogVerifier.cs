using System.Collections;
using System.Text;
using Commitments.Domain.Receipts;
using Commitments.Infrastructure.Data;

namespace Commitments.Infrastructure.Receipts;

/// <summary>What <c>verify</c> found: how much it checked, and every break in the order found (the first is the one to look at).</summary>
public sealed record VerifyReport(long Revisions, long Packs, long TreeSize, IReadOnlyList<string> Breaks)
{
    public bool Intact => Breaks.Count == 0;
}

/// <summary>
/// Recomputes the whole record from the stored rows: every revision's hash from its fields and its chain from the one before,
/// every frozen pack's content hash and its signed tree head, every log leaf from the entry it stands for, and every log
/// node from the two below it. A row changed after it was recorded shows as a break naming it.
/// It reads in slices of <see cref="Batch"/> rows and keeps one bit per log leaf, so a database of millions of revisions
/// is verified in bounded memory.
/// </summary>
public sealed class LogVerifier(Database database, LogSigner signer)
{
    private const int Batch = 2000;

    public Task<VerifyReport> RunAsync(CancellationToken ct = default) => RunAsync(Batch, ct);

    /// <summary>The same with slices of <paramref name="batch"/> rows: tests use small slices to cross their edges.</summary>
    internal async Task<VerifyReport> RunAsync(int batch, CancellationToken ct)
    {
        await using var session = new DbSession(database);
        var sql = new LogSql(database.Dialect);
        var log = new TransparencyLog(session);
        var size = await log.SizeAsync(ct);
        if (size > int.MaxValue) throw new NotSupportedException($"verify keeps one bit per log leaf and handles up to {int.MaxValue} leaves; the log holds {size}.");
        var owned = new BitArray((int)size);
        List<string> breaks = [];

        async Task Leaf(string entry, long? index, string entryHash, string? storedLeaf)
        {
            if (index is not { } i || i < 0 || i >= size)
            {
                Break(breaks, $"{entry}: is not in the log (index {index?.ToString() ?? "none"}, log size {size})");
                return;
            }
            if (owned[(int)i])
            {
                var claimants = await ClaimantsAsync(session, sql, i, ct);
                Break(breaks, $"{entry}: claims log leaf {i}, which {claimants.FirstOrDefault(c => c != entry) ?? "another entry"} holds");
                return;
            }
            owned[(int)i] = true;
            if (storedLeaf != Record.Hex(MerkleTree.LeafHash(Convert.FromHexString(entryHash))))
                Break(breaks, $"{entry}: log leaf {i} does not match it");
        }

        long revisions = 0;
        var after = (UpdateId: "", Number: 0L);
        RecordedRevisionRow? previous = null;
        while (true)
        {
            var rows = await session.QueryAsync<RecordedRevisionRow>(sql.RevisionsWithLeafAfter, new { after.UpdateId, after.Number, Limit = batch }, ct);
            if (rows.Count == 0) break;
            foreach (var row in rows)
            {
                revisions++;
                var entry = $"revision {row.Number} of update {row.UpdateId}";
                var recomputed = Record.RevisionHash(row.Identity, row.ToDomain());
                if (row.RevisionHash is null || row.ChainHash is null) Break(breaks, $"{entry}: has no recorded hash");
                else if (row.RevisionHash != recomputed) Break(breaks, $"{entry}: its stored fields do not hash to its recorded revision hash");
                else
                {
                    var before = row.Number == 1 ? Record.GenesisHash(row.Identity)
                        : previous is { } p && p.UpdateId == row.UpdateId && p.Number == row.Number - 1 ? p.ChainHash : null;
                    if (before is null) Break(breaks, $"{entry}: revision {row.Number - 1} is missing or unsealed");
                    else if (row.ChainHash != Record.ChainHash(before, row.RevisionHash))
                        Break(breaks, $"{entry}: its chain hash does not follow from the revision before it");
                }
                await Leaf(entry, row.LogIndex, recomputed, row.LeafHash);
                previous = row;
            }
            after = (rows[^1].UpdateId, rows[^1].Number);
        }

        long packs = 0;
        var lastPack = "";
        while (await session.SingleOrDefaultAsync<Reports.FrozenPack>(sql.PackAfter, new { Id = lastPack }, ct) is { } pack)
        {
            packs++;
            lastPack = pack.Id;
            var entry = $"briefing pack {pack.Id}";
            if (Record.Sha256Hex(Encoding.UTF8.GetBytes(pack.Content)) != pack.ContentHash)
                Break(breaks, $"{entry}: its stored bytes do not hash to its recorded content hash");
            var storedLeaf = pack.LogIndex is { } at ? await session.SingleOrDefaultAsync<string>(sql.Node, new { Level = 0, Idx = at }, ct) : null;
            await Leaf(entry, pack.LogIndex, pack.EntryHash, storedLeaf);
            if (pack is { TreeSize: { } treeSize, TreeRoot: { } root, TreeTimestamp: { } signedAt, TreeSignature: { } signature })
            {
                if (!await signer.VerifyAsync(Record.TreeHeadForm(treeSize, root, signedAt), signature, ct))
                    Break(breaks, $"{entry}: its tree head's signature does not verify with the log's key");
                else if (treeSize > size || await RootOrNullAsync(log, treeSize, ct) != root)
                    Break(breaks, $"{entry}: its signed tree head (size {treeSize}) does not match the log");
            }
        }

        for (var i = 0; i < size; i++)
            if (!owned[i]) Break(breaks, $"log leaf {i}: stands for no revision or pack");
        await CheckNodesAsync(session, sql, size, batch, breaks, ct);
        return new VerifyReport(revisions, packs, size, breaks);
    }

    /// <summary>Every stored node above the leaves against the two below it, a slice of one level at a time.</summary>
    private static async Task CheckNodesAsync(DbSession session, LogSql sql, long size, int batch, List<string> breaks, CancellationToken ct)
    {
        for (var level = 1; (size >> level) > 0; level++)
        {
            var count = size >> level;
            for (long from = 0; from < count; from += batch)
            {
                var to = Math.Min(count, from + batch);
                var nodes = await SliceAsync(session, sql, level, from, to, ct);
                var below = await SliceAsync(session, sql, level - 1, 2 * from, 2 * to, ct);
                for (var i = from; i < to; i++)
                {
                    if (below.GetValueOrDefault(2 * i) is not { } left || below.GetValueOrDefault(2 * i + 1) is not { } right
                        || nodes.GetValueOrDefault(i) is not { } hash
                        || hash != Record.Hex(MerkleTree.NodeHash(Convert.FromHexString(left), Convert.FromHexString(right))))
                        Break(breaks, $"log node at level {level}, index {i}: does not match the nodes below it");
                }
            }
        }
    }

    private static async Task<Dictionary<long, string>> SliceAsync(DbSession session, LogSql sql, int level, long from, long to, CancellationToken ct) =>
        (await session.QueryAsync<NodeRow>(sql.NodesOfLevel, new { Level = level, From = from, To = to }, ct)).ToDictionary(n => n.Idx, n => n.Hash);

    /// <summary>The root of the tree of the first <paramref name="treeSize"/> leaves, or null when a node it needs is missing.</summary>
    private static async Task<string?> RootOrNullAsync(TransparencyLog log, long treeSize, CancellationToken ct)
    {
        try { return Record.Hex(await log.RangeHashAsync(new LeafRange(0, treeSize), ct)); }
        catch (InvalidOperationException) { return null; }
    }

    private static async Task<IReadOnlyList<string>> ClaimantsAsync(DbSession session, LogSql sql, long index, CancellationToken ct)
    {
        var revisions = await session.QueryAsync<(string UpdateId, long Number)>(sql.RevisionsOnLeaf, new { Idx = index }, ct);
        var packs = await session.QueryAsync<string>(sql.PacksOnLeaf, new { Idx = index }, ct);
        return [.. revisions.Select(r => $"revision {r.Number} of update {r.UpdateId}"), .. packs.Select(p => $"briefing pack {p}")];
    }

    private static bool Break(List<string> breaks, string what)
    {
        breaks.Add(what);
        return false;
    }

    private sealed class NodeRow
    {
        public long Idx { get; set; }
        public string Hash { get; set; } = "";
    }
}

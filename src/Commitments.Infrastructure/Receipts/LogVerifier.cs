using System.Security.Cryptography;
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
/// </summary>
public sealed class LogVerifier(Database database, LogSigner signer)
{
    private const int Batch = 2000;

    public async Task<VerifyReport> RunAsync(CancellationToken ct = default)
    {
        await using var session = new DbSession(database);
        var sql = new LogSql(database.Dialect);
        var size = await session.ScalarAsync<long>(sql.Size, null, ct);
        var nodes = (await session.QueryAsync<NodeRow>(sql.AllNodes, null, ct)).ToDictionary(n => new TreeNode(n.Level, n.Idx), n => n.Hash);
        var owners = new string?[size];
        List<string> breaks = [];

        bool Leaf(string entry, long? index, string entryHash)
        {
            if (index is not { } i || i < 0 || i >= size) return Break(breaks, $"{entry}: is not in the log (index {index?.ToString() ?? "none"}, log size {size})");
            if (owners[i] is { } other) return Break(breaks, $"{entry}: claims log leaf {i}, which {other} holds");
            owners[i] = entry;
            return nodes.GetValueOrDefault(new TreeNode(0, i)) == Record.Hex(MerkleTree.LeafHash(Convert.FromHexString(entryHash)))
                || Break(breaks, $"{entry}: log leaf {i} does not match it");
        }

        long revisions = 0;
        var after = (UpdateId: "", Number: 0L);
        RecordedRevisionRow? previous = null;
        while (true)
        {
            var rows = await session.QueryAsync<RecordedRevisionRow>(sql.RevisionsAfter, new { after.UpdateId, after.Number, Limit = Batch }, ct);
            if (rows.Count == 0) break;
            foreach (var row in rows)
            {
                revisions++;
                var entry = $"revision {row.Number} of update {row.UpdateId}";
                var revision = row.ToDomain();
                var recomputed = Record.RevisionHash(row.Identity, revision);
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
                Leaf(entry, row.LogIndex, recomputed);
                previous = row;
            }
            after = (rows[^1].UpdateId, rows[^1].Number);
        }

        var packs = await session.QueryAsync<Reports.FrozenPack>(sql.AllPacks, null, ct);
        foreach (var pack in packs)
        {
            var entry = $"briefing pack {pack.Id}";
            if (Record.Sha256Hex(Encoding.UTF8.GetBytes(pack.Content)) != pack.ContentHash)
                Break(breaks, $"{entry}: its stored bytes do not hash to its recorded content hash");
            Leaf(entry, pack.LogIndex, pack.EntryHash);
            if (pack is { TreeSize: { } treeSize, TreeRoot: { } root, TreeTimestamp: { } at, TreeSignature: { } signature })
            {
                if (!await signer.VerifyAsync(Record.TreeHeadForm(treeSize, root, at), signature, ct))
                    Break(breaks, $"{entry}: its tree head's signature does not verify with the log's key");
                else if (treeSize > size || Root(nodes, treeSize) != root)
                    Break(breaks, $"{entry}: its signed tree head (size {treeSize}) does not match the log");
            }
        }

        for (long i = 0; i < size; i++)
            if (owners[i] is null) Break(breaks, $"log leaf {i}: stands for no revision or pack");
        for (var level = 1; (size >> level) > 0; level++)
        {
            for (long i = 0; i < size >> level; i++)
            {
                var node = new TreeNode(level, i);
                var left = nodes.GetValueOrDefault(new TreeNode(level - 1, 2 * i));
                var right = nodes.GetValueOrDefault(new TreeNode(level - 1, 2 * i + 1));
                if (left is null || right is null || nodes.GetValueOrDefault(node) is not { } hash
                    || hash != Record.Hex(MerkleTree.NodeHash(Convert.FromHexString(left), Convert.FromHexString(right))))
                    Break(breaks, $"log node at level {level}, index {i}: does not match the nodes below it");
            }
        }
        return new VerifyReport(revisions, packs.Count, size, breaks);
    }

    private static string? Root(Dictionary<TreeNode, string> nodes, long size)
    {
        if (size == 0) return Record.Hex(SHA256.HashData([]));
        List<byte[]> hashes = [];
        foreach (var node in MerkleTree.NodesOf(new LeafRange(0, size)))
        {
            if (nodes.GetValueOrDefault(node) is not { } hash) return null;
            hashes.Add(Convert.FromHexString(hash));
        }
        return Record.Hex(MerkleTree.RangeHash(hashes));
    }

    private static bool Break(List<string> breaks, string what)
    {
        breaks.Add(what);
        return false;
    }

    private sealed class NodeRow
    {
        public int Level { get; set; }
        public long Idx { get; set; }
        public string Hash { get; set; } = "";
    }
}

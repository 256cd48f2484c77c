using System.Numerics;
using System.Security.Cryptography;

namespace Commitments.Domain.Receipts;

/// <summary>A range of leaves [Start, End) whose Merkle tree hash a proof carries.</summary>
public readonly record struct LeafRange(long Start, long End);

/// <summary>A stored node: the root of the perfect subtree of 2^Level leaves starting at leaf Index * 2^Level (level 0: a leaf).</summary>
public readonly record struct TreeNode(int Level, long Index);

/// <summary>
/// The log's Merkle tree as RFC 9162 section 2.1 defines it (the RFC 6962 tree): leaf hash = SHA-256(0x00 || entry hash),
/// node hash = SHA-256(0x01 || left || right), a tree of n leaves split at the largest power of two below n. The log keeps
/// the root of every complete, aligned subtree (a <see cref="TreeNode"/>), so any tree head or proof is a few of them.
/// </summary>
public static class MerkleTree
{
    public static byte[] LeafHash(byte[] entryHash) => SHA256.HashData([0x00, .. entryHash]);

    public static byte[] NodeHash(byte[] left, byte[] right) => SHA256.HashData([0x01, .. left, .. right]);

    /// <summary>The largest power of two smaller than <paramref name="n"/> (n &gt; 1).</summary>
    public static long Split(long n) => (long)BitOperations.RoundUpToPowerOf2((ulong)n) >> 1;

    /// <summary>The root of the tree over all of <paramref name="leafHashes"/>: level by level, an unpaired last node moving up as it is.</summary>
    public static byte[] Root(IReadOnlyList<byte[]> leafHashes)
    {
        if (leafHashes.Count == 0) return SHA256.HashData([]);
        var level = leafHashes.ToList();
        while (level.Count > 1)
        {
            var next = new List<byte[]>((level.Count + 1) / 2);
            for (var i = 0; i < level.Count; i += 2) next.Add(i + 1 < level.Count ? NodeHash(level[i], level[i + 1]) : level[i]);
            level = next;
        }
        return level[0];
    }

    /// <summary>The nodes a new leaf at <paramref name="index"/> completes: its parent and so on up while it is a right child.</summary>
    public static IReadOnlyList<TreeNode> LeftSiblingsOf(long index)
    {
        List<TreeNode> siblings = [];
        for (var level = 0; ((index >> level) & 1) == 1; level++) siblings.Add(new TreeNode(level, (index >> level) - 1));
        return siblings;
    }

    /// <summary>The subtree roots the leaf at <paramref name="index"/> completes, given the hashes of its <see cref="LeftSiblingsOf"/>.</summary>
    public static IReadOnlyList<(TreeNode Node, byte[] Hash)> Completed(long index, byte[] leafHash, IReadOnlyList<byte[]> leftSiblings)
    {
        List<(TreeNode, byte[])> nodes = [(new TreeNode(0, index), leafHash)];
        var hash = leafHash;
        for (var level = 0; level < leftSiblings.Count; level++)
        {
            hash = NodeHash(leftSiblings[level], hash);
            nodes.Add((new TreeNode(level + 1, index >> (level + 1)), hash));
        }
        return nodes;
    }

    /// <summary>The stored nodes a range's hash is made of, left to right: aligned perfect subtrees, largest first.</summary>
    public static IReadOnlyList<TreeNode> NodesOf(LeafRange range)
    {
        List<TreeNode> nodes = [];
        for (var start = range.Start; start < range.End;)
        {
            var size = (long)BitOperations.RoundUpToPowerOf2((ulong)(range.End - start));
            if (size > range.End - start) size >>= 1;
            while (start % size != 0) size >>= 1;
            nodes.Add(new TreeNode(BitOperations.Log2((ulong)size), start / size));
            start += size;
        }
        return nodes;
    }

    /// <summary>A range's hash from its nodes' hashes (in <see cref="NodesOf"/> order): the right-most pair first, as the tree nests them.</summary>
    public static byte[] RangeHash(IReadOnlyList<byte[]> nodeHashes)
    {
        var hash = nodeHashes[^1];
        for (var i = nodeHashes.Count - 2; i >= 0; i--) hash = NodeHash(nodeHashes[i], hash);
        return hash;
    }

    /// <summary>RFC 9162 2.1.3.1: the ranges whose hashes prove leaf <paramref name="index"/> is in the tree of <paramref name="size"/> leaves, leaf side first.</summary>
    public static IReadOnlyList<LeafRange> InclusionPath(long index, long size)
    {
        if (index < 0 || index >= size) throw new ArgumentOutOfRangeException(nameof(index));
        List<LeafRange> path = [];
        Path(index, 0, size, path);
        return path;
    }

    private static void Path(long m, long start, long end, List<LeafRange> path)
    {
        var n = end - start;
        if (n <= 1) return;
        var k = Split(n);
        if (m < k)
        {
            Path(m, start, start + k, path);
            path.Add(new LeafRange(start + k, end));
        }
        else
        {
            Path(m - k, start + k, end, path);
            path.Add(new LeafRange(start, start + k));
        }
    }

    /// <summary>RFC 9162 2.1.4.1: the ranges whose hashes prove the tree of <paramref name="first"/> leaves is a prefix of the tree of <paramref name="second"/>.</summary>
    public static IReadOnlyList<LeafRange> ConsistencyPath(long first, long second)
    {
        if (first < 1 || first > second) throw new ArgumentOutOfRangeException(nameof(first));
        List<LeafRange> proof = [];
        if (first < second) SubProof(first, 0, second, true, proof);
        return proof;
    }

    private static void SubProof(long m, long start, long end, bool whole, List<LeafRange> proof)
    {
        var n = end - start;
        if (m == n)
        {
            if (!whole) proof.Add(new LeafRange(start, end));
            return;
        }
        var k = Split(n);
        if (m <= k)
        {
            SubProof(m, start, start + k, whole, proof);
            proof.Add(new LeafRange(start + k, end));
        }
        else
        {
            SubProof(m - k, start + k, end, false, proof);
            proof.Add(new LeafRange(start, start + k));
        }
    }
}

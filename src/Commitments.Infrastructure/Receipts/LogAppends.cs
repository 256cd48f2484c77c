using System.Data.Common;
using Commitments.Domain.Receipts;
using Commitments.Infrastructure.Data;
using Dapper;

namespace Commitments.Infrastructure.Receipts;

/// <summary>
/// The log entries one transaction appends, written at its COMMIT (<see cref="DeferredWrites"/>): on SQLite every request
/// of the writer's batch shares one, so K filings that share a COMMIT take the log's size once, read the nodes they build on
/// once and insert the nodes they complete in a few statements, instead of three statements each. Each entry's index is
/// known when it is appended (it is in the receipt), because the transaction holds the log's size row from its first
/// append to its end: on SQLite the writer is one, on SQL Server the row lock makes appenders take turns.
/// <para>
/// It starts from the log's size as stored and reads a stored node only when a leaf needs it as a left sibling. Every node
/// the entries complete is kept until the COMMIT, so reads inside the transaction (a frozen pack's tree head) see them.
/// </para>
/// </summary>
public sealed class LogAppends(LogSql sql) : IDeferredWrite
{
    /// <summary>Nodes per insert statement: 3 parameters each, well under SQL Server's 2,100 and SQLite's 32,766.</summary>
    public const int NodesPerInsert = 128;

    private long _first = -1;
    private int _entries;
    private readonly Dictionary<TreeNode, byte[]> _nodes = [];
    private readonly List<TreeNode> _completed = [];
    private (int Entries, int Completed) _mark;

    /// <summary>The log's size as this transaction sees it, once it has appended.</summary>
    public long? Size => _first < 0 ? null : _first + _entries;

    /// <summary>A node this transaction holds: one it completed, or one it read to build on.</summary>
    public byte[]? Node(TreeNode node) => _nodes.GetValueOrDefault(node);

    /// <summary>Appends an entry (a revision or pack hash) as the next leaf and returns its index.</summary>
    public async Task<long> AppendAsync(DbConnection connection, DbTransaction transaction, string entryHash, CancellationToken ct)
    {
        if (_first < 0)
        {
            using var span = DbTelemetry.Statement(sql.Dialect, sql.TakeSize);
            _first = await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql.TakeSize, null, transaction, cancellationToken: ct));
        }
        var index = _first + _entries;
        var left = MerkleTree.LeftSiblingsOf(index);
        await ReadStoredAsync(connection, transaction, left, ct);
        var siblings = new byte[left.Count][];
        for (var i = 0; i < left.Count; i++)
            siblings[i] = _nodes.GetValueOrDefault(left[i])
                ?? throw new InvalidOperationException($"The log has no node at level {left[i].Level}, index {left[i].Index}.");
        foreach (var (node, hash) in MerkleTree.Completed(index, MerkleTree.LeafHash(Convert.FromHexString(entryHash)), siblings))
        {
            _nodes[node] = hash;
            _completed.Add(node);
        }
        _entries++;
        return index;
    }

    /// <summary>
    /// Reads, in one statement, the left siblings this transaction does not hold yet: nodes stored before it (a sibling it
    /// completed itself is held). A lone append reads what it did before batching (none for an even index); a batch reads a
    /// few, since later leaves mostly build on nodes the batch completed.
    /// </summary>
    private async Task ReadStoredAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<TreeNode> needed, CancellationToken ct)
    {
        List<TreeNode>? missing = null;
        foreach (var node in needed)
            if (!_nodes.ContainsKey(node)) (missing ??= []).Add(node);
        if (missing is null) return;
        var text = sql.NodesAt(missing.Count);
        using var span = DbTelemetry.Statement(sql.Dialect, text);
        var stored = await connection.QueryAsync<(int Level, long Idx, string Hash)>(
            new CommandDefinition(text, LogSql.NodesAtArgs(missing), transaction, cancellationToken: ct));
        foreach (var (level, idx, hash) in stored) _nodes[new TreeNode(level, idx)] = Convert.FromHexString(hash);
    }

    public void Mark() => _mark = (_entries, _completed.Count);

    public void Undo()
    {
        for (var i = _mark.Completed; i < _completed.Count; i++) _nodes.Remove(_completed[i]);
        _completed.RemoveRange(_mark.Completed, _completed.Count - _mark.Completed);
        _entries = _mark.Entries;
    }

    /// <summary>Stores the new size and every completed node: one statement for a batch of up to <see cref="NodesPerInsert"/> nodes.</summary>
    public async Task FlushAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        if (_entries == 0) return;
        for (var start = 0; start < _completed.Count; start += NodesPerInsert)
        {
            var part = _completed.GetRange(start, Math.Min(NodesPerInsert, _completed.Count - start)).Select(n => (n, _nodes[n])).ToList();
            var args = LogSql.InsertNodesArgs(part);
            if (start == 0) args.Add("Size", _first + _entries);
            var text = start == 0 ? sql.SetSizeAndInsertNodes(part.Count) : sql.InsertNodes(part.Count);
            using var span = DbTelemetry.Statement(sql.Dialect, text);
            await connection.ExecuteAsync(new CommandDefinition(text, args, transaction, cancellationToken: ct));
        }
    }
}

using System.Security.Cryptography;
using Commitments.Infrastructure.Data;
using Commitments.Infrastructure.Receipts;
using Commitments.Tests.Support;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using static Commitments.Tests.Support.IndependentVerifier;

namespace Commitments.Tests.Receipts;

/// <summary>
/// The log's appends are held by the transaction and written at its COMMIT (LogAppends); on SQLite every request of the
/// writer's batch shares them, each in its own savepoint. What is stored must be exactly the kept commands' entries, in
/// order, with no gap, and a tree every node of which is the hash of its children.
/// </summary>
public sealed class LogAppendsTests
{
    private static string Entry(string name) => Hex(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)));

    [Fact]
    public async Task ABatchStoresTheKeptCommandsEntriesInOrderAndNoneOfOneThatRolledBack()
    {
        await using var api = await TestApi.StartAsync(SqliteProvisioner.WithTimeout(30)); // queued requests wait out the held turn
        var database = api.Services.GetRequiredService<Database>();
        var writer = database.Writer!;
        await using var probe = new DbSession(database);
        // The log already holds 5 entries, so the batch builds on stored nodes at several levels, one of them (the subtree
        // over entries 0-3) only once it is under way, when its third entry completes the subtree over 0-7.
        await using (var earlier = new DbSession(database))
        {
            await earlier.BeginAsync(CancellationToken.None);
            for (var i = 0; i < 5; i++) await new TransparencyLog(earlier).AppendAsync(Entry($"earlier {i}"), CancellationToken.None);
            await earlier.CommitAsync(CancellationToken.None);
        }
        var before = await new TransparencyLog(probe).SizeAsync(CancellationToken.None);

        // Hold the writer, so that the three commands below queue and then run in one transaction, in order.
        await using var holderScope = api.Services.CreateAsyncScope();
        var holder = holderScope.ServiceProvider.GetRequiredService<DbSession>();
        await holder.BeginAsync(CancellationToken.None);

        async Task<IReadOnlyList<long>> CommandAsync(string name, int entries, bool keep)
        {
            await using var session = new DbSession(database);
            await session.BeginAsync(CancellationToken.None);
            var log = new TransparencyLog(session);
            List<long> indexes = [];
            for (var i = 0; i < entries; i++) indexes.Add(await log.AppendAsync(Entry($"{name} {i}"), CancellationToken.None));
            // Inside the transaction the log's size and head count what it appended so far, its own and the batch's.
            Assert.Equal(indexes[^1] + 1, await log.SizeAsync(CancellationToken.None));
            if (keep) await session.CommitAsync(CancellationToken.None);
            else await session.RollbackAsync();
            return indexes;
        }

        var commands = new List<Task<IReadOnlyList<long>>>();
        // The last command's entries complete more nodes than one insert statement carries (LogAppends.NodesPerInsert).
        const int lastEntries = LogAppends.NodesPerInsert + 20;
        foreach (var (name, entries, keep) in new[] { ("first", 3, true), ("dropped", 2, false), ("last", lastEntries, true) })
        {
            var queued = writer.Queued;
            commands.Add(CommandAsync(name, entries, keep));
            for (var i = 0; i < 3000 && writer.Queued == queued; i++) await Task.Delay(10);
            Assert.Equal(queued + 1, writer.Queued);
        }
        await holder.CommitAsync(CancellationToken.None);
        var first = await commands[0];
        var dropped = await commands[1];
        var last = await commands[2];

        // Each kept command's entries took the next indexes; the dropped one's were given again to the command after it.
        Assert.Equal([before, before + 1, before + 2], first);
        Assert.Equal([before + 3, before + 4], dropped);
        Assert.Equal(Enumerable.Range(3, lastEntries).Select(i => before + i), last);

        await using var connection = new SqliteConnection(api.Database.ConnectionString);
        await connection.OpenAsync();
        Assert.Equal(before + 3 + lastEntries, await connection.ExecuteScalarAsync<long>("SELECT size FROM log_size"));
        var leaves = (await connection.QueryAsync<string>("SELECT hash FROM log_nodes WHERE level = 0 ORDER BY idx")).ToList();
        Assert.Equal(before + 3 + lastEntries, leaves.Count);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => Hex(LeafHash(Entry($"earlier {i}")))), leaves.Take(5));
        var expected = Enumerable.Range(0, 3).Select(i => $"first {i}").Concat(Enumerable.Range(0, lastEntries).Select(i => $"last {i}"))
            .Select(n => Hex(LeafHash(Entry(n))));
        Assert.Equal(expected, leaves.Skip((int)before));

        // Every stored inner node is the hash of its two children, and every complete subtree has its node.
        var nodes = (await connection.QueryAsync<(long Level, long Idx, string Hash)>("SELECT level, idx, hash FROM log_nodes"))
            .ToDictionary(n => (n.Level, n.Idx), n => n.Hash);
        for (var level = 1L; (1L << (int)level) <= leaves.Count; level++)
            for (var idx = 0L; (idx + 1) << (int)level <= leaves.Count; idx++)
            {
                Assert.True(nodes.TryGetValue((level, idx), out var hash), $"no node at level {level}, index {idx}");
                Assert.Equal(Hex(Sha256([0x01], Bytes(nodes[(level - 1, 2 * idx)]), Bytes(nodes[(level - 1, 2 * idx + 1)]))), hash);
            }
        Assert.Equal(Enumerable.Range(0, 31).Sum(l => leaves.Count >> l), nodes.Count);

        // And the head the log answers is RFC 9162's tree hash of those leaves.
        var head = await new TransparencyLog(probe).HeadAsync(CancellationToken.None);
        Assert.Equal(Hex(TreeHash(leaves.Select(Bytes).ToList())), head.RootHash);
    }
}

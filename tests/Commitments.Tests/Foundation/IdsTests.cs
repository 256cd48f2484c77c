using Commitments.Infrastructure.Data;

namespace Commitments.Tests.Foundation;

/// <summary>Record ids sort in the order they were made: lists ordered by id list in creation order.</summary>
public sealed class IdsTests
{
    [Fact]
    public void IdsMadeInOneMillisecondStillSortInTheOrderTheyWereMade()
    {
        // Far more ids than milliseconds pass: many share one, where a random UUIDv7 would sort at random.
        var ids = Enumerable.Range(0, 100_000).Select(_ => Ids.New()).ToArray();
        for (var i = 1; i < ids.Length; i++)
            Assert.True(string.CompareOrdinal(ids[i - 1], ids[i]) < 0, $"id {i} ({ids[i]}) does not sort after id {i - 1} ({ids[i - 1]})");
        Assert.All(ids, id => Assert.Equal(7, Guid.Parse(id).Version));
        Assert.Equal(ids, ids.Select(id => id.ToLowerInvariant())); // the stored form: lower-case, so SQL ordering agrees
    }

    [Fact]
    public async Task IdsMadeOnManyThreadsAtOnceAreAllDistinct()
    {
        var batches = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Enumerable.Range(0, 20_000).Select(_ => Ids.New()).ToArray())));
        var all = batches.SelectMany(b => b).ToArray();
        Assert.Equal(all.Length, all.Distinct(StringComparer.Ordinal).Count());
        foreach (var batch in batches) // each thread's own ids are in its order
            Assert.True(batch.Zip(batch.Skip(1)).All(p => string.CompareOrdinal(p.First, p.Second) < 0));
    }

    [Fact]
    public async Task IdsMadeInTurnOnDifferentThreadsSortInTheOrderTheyWereMade()
    {
        // Requests are handled on whichever thread is free: the order holds across threads, not only within one.
        List<string> made = [];
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 5_000; i++)
                lock (made) made.Add(Ids.New()); // made and recorded in one turn, so the list is the order of making
        })));
        for (var i = 1; i < made.Count; i++)
            Assert.True(string.CompareOrdinal(made[i - 1], made[i]) < 0, $"id {i} ({made[i]}) does not sort after id {i - 1} ({made[i - 1]})");
    }
}

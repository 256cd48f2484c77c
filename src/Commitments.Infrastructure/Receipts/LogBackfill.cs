using Commitments.Domain.Receipts;
using Commitments.Infrastructure.Data;

namespace Commitments.Infrastructure.Receipts;

/// <summary>
/// Gives revisions and packs stored before the record existed their hashes, chains and log entries, once, at migrate time
/// (under the migration lock), in a fixed order: revisions by update id and number (update ids are time-ordered UUIDs), then
/// packs by creation time and id. The same rows always give the same log. Each batch of revisions is one transaction (its log
/// appends are held until it commits): a backfill cut short leaves whole batches sealed and carries on from there next time.
/// </summary>
public static class LogBackfill
{
    private const int Batch = 2000;

    /// <summary>Returns how many entries it logged (0 once done).</summary>
    public static async Task<int> RunAsync(Database database, CancellationToken ct = default)
    {
        await using var session = new DbSession(database);
        var sql = new LogSql(database.Dialect);
        var log = new TransparencyLog(session);
        var logged = 0;
        // The previous revision's chain hash, while the batch walks the same update.
        (string UpdateId, string Chain)? last = null;
        var after = (UpdateId: "", Number: 0L);
        while (true)
        {
            await session.BeginAsync(ct);
            var rows = await session.QueryAsync<RecordedRevisionRow>(sql.UnsealedRevisionsAfter, new { after.UpdateId, after.Number, Limit = Batch }, ct);
            if (rows.Count == 0) break;
            after = (rows[^1].UpdateId, rows[^1].Number);
            foreach (var row in rows)
            {
                var revision = row.ToDomain();
                var revisionHash = Record.RevisionHash(row.Identity, revision);
                var previous = revision.Number == 1 ? Record.GenesisHash(row.Identity)
                    : last is { } l && l.UpdateId == row.UpdateId ? l.Chain
                    : await session.SingleOrDefaultAsync<string>(sql.ChainHash, new { Id = row.UpdateId, Number = revision.Number - 1 }, ct)
                      ?? throw new InvalidOperationException($"Revision {revision.Number - 1} of update {row.UpdateId} is missing.");
                var chain = Record.ChainHash(previous, revisionHash);
                var index = await log.AppendAsync(revisionHash, ct);
                await session.ExecuteAsync(sql.SealRevision,
                    new { RevisionHash = revisionHash, ChainHash = chain, LogIndex = index, row.UpdateId, revision.Number }, ct);
                last = (row.UpdateId, chain);
                logged++;
            }
            await session.CommitAsync(ct);
        }
        foreach (var pack in await session.QueryAsync<Reports.FrozenPack>(sql.UnloggedPacks, null, ct))
        {
            await session.ExecuteAsync(sql.LogPack, new { LogIndex = await log.AppendAsync(pack.EntryHash, ct), pack.Id }, ct);
            logged++;
        }
        await session.CommitAsync(ct);
        return logged;
    }
}

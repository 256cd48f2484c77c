using System.Diagnostics;
using System.Text.Json;
using Commitments.Infrastructure.Access;
using Commitments.Infrastructure.Catalogue;
using Commitments.Infrastructure.Data;
using Commitments.Infrastructure.Updates;
using Commitments.Infrastructure.Receipts;
using Commitments.Domain;
using Commitments.Domain.Receipts;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Commitments.Bench;

/// <summary>
/// The limits each scenario is compared with: the write path's physical limit (one row per transaction), the same write
/// transaction as the API's issued raw through plain Dapper (one request per COMMIT, as the API commits; 16 per COMMIT only
/// as a reference for what group commit would buy), and a cycle's rows read straight to JSON.
/// </summary>
public static class Baseline
{
    public sealed record Rate(double PerSecond, double P50, double P99);

    private static readonly UpdatesSql Updates = new(SqlDialect.Sqlite);
    private static readonly AccessSql Access = new(SqlDialect.Sqlite);
    private static readonly CatalogueSql Catalogue = new(SqlDialect.Sqlite);
    private const string Evidence = """[{"url":"https://example.org/e","title":"E","kind":"webpage"}]""";

    /// <summary>About the size of the audit entry's JSON the API writes for a filing (the update as answered).</summary>
    private static readonly string AuditJson = JsonSerializer.Serialize(new
    {
        id = Guid.Empty, participantId = "bench-000", commitmentId = "BENCH-01", cycleId = "bench-w0", state = "submitted", status = "substantial",
        assessedStatus = (string?)null, summary = "Benchmark filing", details = (string?)null, mainMessage = (string?)null,
        evidence = new[] { new { url = "https://example.org/e", title = "E", kind = "webpage" } }, confidentiality = "public",
        plannedCompletion = (string?)null, revision = 1, timeliness = "on_time", createdAt = DateTime.UtcNow, updatedAt = DateTime.UtcNow,
        firstSubmittedAt = DateTime.UtcNow,
    });

    /// <summary>The physical limit: one row per transaction, WAL, synchronous = FULL, in a tight loop.</summary>
    public static async Task<Rate> RawInsertsAsync(string path, TimeSpan duration)
    {
        foreach (var f in new[] { path, path + "-wal", path + "-shm" }) File.Delete(f);
        await using var db = new SqliteConnection($"Data Source={path}");
        await db.OpenAsync();
        await using (var setup = db.CreateCommand())
        {
            setup.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; CREATE TABLE rows (id TEXT PRIMARY KEY, body TEXT NOT NULL);";
            await setup.ExecuteNonQueryAsync();
        }
        await using var insert = db.CreateCommand();
        insert.CommandText = "INSERT INTO rows (id, body) VALUES ($id, $body)";
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        insert.Parameters.AddWithValue("$body", new string('x', 400));
        List<double> latencies = [];
        var total = Stopwatch.StartNew();
        while (total.Elapsed < duration)
        {
            var one = Stopwatch.StartNew();
            await using var tx = (SqliteTransaction)await db.BeginTransactionAsync();
            insert.Transaction = tx;
            id.Value = Commitments.Infrastructure.Data.Ids.New();
            await insert.ExecuteNonQueryAsync();
            await tx.CommitAsync();
            latencies.Add(one.Elapsed.TotalMilliseconds);
        }
        latencies.Sort();
        return new Rate(latencies.Count / total.Elapsed.TotalSeconds, latencies[latencies.Count / 2], latencies[(int)(latencies.Count * 0.99)]);
    }

    /// <summary>
    /// The statements a filing runs inside its transaction (key re-check, participant with aliases and endorsements,
    /// commitment, cycle with its scope, existing update, update, first revision sealed into the log, audit entry, the data
    /// version), with the API's own SQL through plain Dapper on one Microsoft.Data.Sqlite connection in a tight loop,
    /// <paramref name="perCommit"/> filings per BEGIN IMMEDIATE ... COMMIT, into a cycle of its own. Dapper prepares nothing
    /// and keeps nothing: each statement is compiled as it runs, as in the API. No HTTP, no authentication, no mapping, no JSON.
    /// </summary>
    public static async Task<Rate> RawFilingsAsync(string path, int perCommit, IReadOnlyList<string> participants, IReadOnlyList<string> commitments,
        TimeSpan duration, bool receipts = true)
    {
        await using var db = await OpenAsync(path);
        var cycle = $"bench-raw-{perCommit}-{Guid.NewGuid():n}";
        var now = DateTime.UtcNow;
        await db.ExecuteAsync("INSERT INTO cycles (id, title, opens_at, due_at, grace_until, state, session_on, created_at, updated_at) "
            + "VALUES (@Id, @Id, @Now, @Due, @Due, 'open', NULL, @Now, @Now)", new { Id = cycle, Now = now, Due = now.AddYears(1) });
        await db.ExecuteAsync("INSERT INTO cycle_instruments (cycle_id, instrument_code) VALUES (@Id, 'BENCH')", new { Id = cycle });
        var i = 0;
        return await LoopAsync(db, perCommit, duration, participants.Count * commitments.Count, async tx =>
        {
            var participant = participants[i / commitments.Count];
            var commitment = commitments[i % commitments.Count];
            i++;
            var id = Commitments.Infrastructure.Data.Ids.New();
            var at = DateTime.UtcNow;
            await ReadAsync(db, tx, Access.Key, new { Id = "bench-key" });
            await ReadAsync(db, tx, Catalogue.Participant, new { Id = participant });
            await ReadAsync(db, tx, Catalogue.Aliases, new { Id = participant });
            await ReadAsync(db, tx, Catalogue.Endorsements, new { Id = participant });
            await ReadAsync(db, tx, Catalogue.Commitment, new { Id = commitment });
            await ReadAsync(db, tx, Catalogue.Cycle, new { Id = cycle });
            await ReadAsync(db, tx, Catalogue.CycleInstruments, new { Id = cycle });
            await ReadAsync(db, tx, Updates.ExistingId, new { ParticipantId = participant, CommitmentId = commitment, CycleId = cycle });
            await db.ExecuteAsync(Updates.InsertUpdate, new
            {
                Id = id, ParticipantId = participant, CommitmentId = commitment, CycleId = cycle, State = "submitted", Status = "substantial",
                Confidentiality = "public", Revision = 1, FirstSubmittedAt = at, CreatedAt = at, UpdatedAt = at, MainMessage = (string?)null, Evidence,
                AmendedAfterDueAt = (DateTime?)null, Summary = "Benchmark filing", Details = (string?)null, PlannedCompletion = (string?)null,
                AlsoAnswers = (string?)null, ReviewRevision = (int?)null,
            }, tx);
            (string, string, long)? seal = receipts ? await SealAsync(db, tx, new UpdateIdentity(id, participant, commitment, cycle), 1, "create", at) : null;
            await db.ExecuteAsync(Updates.InsertRevision, Revision(id, 1, "create", at, seal), tx);
            await db.ExecuteAsync(Access.InsertAudit, Audit("update.create", id, null, at), tx);
        });
    }

    /// <summary>
    /// The statements an amendment runs inside its transaction (key re-check, the update with its latest review and cycle,
    /// the conditional advance of its row, the revision sealed into the log, the audit entry with before and after, the data
    /// version), through plain Dapper, <paramref name="perCommit"/> per COMMIT.
    /// </summary>
    public static async Task<Rate> RawAmendmentsAsync(string path, int perCommit, IReadOnlyList<string> ids, TimeSpan duration)
    {
        await using var db = await OpenAsync(path);
        var i = 0;
        return await LoopAsync(db, perCommit, duration, int.MaxValue, async tx =>
        {
            var id = ids[i++ % ids.Count];
            var at = DateTime.UtcNow;
            await ReadAsync(db, tx, Access.Key, new { Id = "bench-key" });
            var current = await db.QuerySingleOrDefaultAsync(Updates.Update, new { Id = id }, tx)
                ?? throw new InvalidOperationException($"The update {id} to amend is missing.");
            var revision = (int)(long)current.Revision;
            var identity = new UpdateIdentity(id, (string)current.ParticipantId, (string)current.CommitmentId, (string)current.CycleId);
            var moved = await db.ExecuteAsync(Updates.AdvanceUpdate, new
            {
                Id = id, State = "submitted", Status = "complete", Confidentiality = "public", Revision = revision + 1, FirstSubmittedAt = at,
                UpdatedAt = at, MainMessage = (string?)null, Evidence = "[]", AmendedAfterDueAt = (DateTime?)null, Summary = "Benchmark amendment",
                Details = (string?)null, PlannedCompletion = (string?)null, AlsoAnswers = (string?)null, ReviewRevision = (long?)current.ReviewRevision,
                ExpectedRevision = revision,
            }, tx);
            if (moved != 1) throw new InvalidOperationException("A raw amendment found the update moved on; nothing else writes it.");
            var seal = await SealAsync(db, tx, identity, revision + 1, "amend", at);
            await db.ExecuteAsync(Updates.InsertRevision, Revision(id, revision + 1, "amend", at, seal), tx);
            await db.ExecuteAsync(Access.InsertAudit, Audit("update.amend", id, AuditJson, at), tx);
        });
    }

    private static readonly LogSql Log = new(SqlDialect.Sqlite);

    /// <summary>Runs a query and reads every value of every row, as a mapper would.</summary>
    private static async Task ReadAsync(SqliteConnection db, SqliteTransaction tx, string sql, object args)
    {
        await using var reader = await db.ExecuteReaderAsync(sql, args, tx);
        while (await reader.ReadAsync())
            for (var c = 0; c < reader.FieldCount; c++) reader.GetValue(c);
    }

    /// <summary>
    /// What the API's TransparencyLog.SealAsync does inside the write transaction, with the same statements (LogSql) and the
    /// same domain functions (Record, MerkleTree): the revision's hash, the chain hash over the previous revision's, and the
    /// append of a leaf to the log (the size under its row's lock, the left siblings, the completed nodes and the new size).
    /// </summary>
    private static async Task<(string RevisionHash, string ChainHash, long LogIndex)> SealAsync(SqliteConnection db, SqliteTransaction tx,
        UpdateIdentity identity, int number, string action, DateTime at)
    {
        var revision = new UpdateRevision(identity.UpdateId, number, Codes.Parse<UpdateAction>(action), UpdateState.Submitted, null,
            new UpdateContent(ImplementationStatus.Substantial, "Benchmark filing", null, null, [new EvidenceLink("https://example.org/e", "E", EvidenceKind.Webpage)],
                Confidentiality.Public, null),
            null, "bench-key", Role.Secretariat, null, at);
        var revisionHash = Record.RevisionHash(identity, revision);
        var previous = number == 1
            ? Record.GenesisHash(identity)
            : await db.QuerySingleOrDefaultAsync<string>(Log.ChainHash, new { Id = identity.UpdateId, Number = number - 1 }, tx) ?? Record.GenesisHash(identity);
        var index = await db.ExecuteScalarAsync<long>(Log.TakeSize, null, tx);
        var left = MerkleTree.LeftSiblingsOf(index);
        var stored = left.Count == 0 ? []
            : (await db.QueryAsync<(int Level, long Idx, string Hash)>(Log.NodesAt(left.Count), LogSql.NodesAtArgs(left), tx))
                .ToDictionary(n => new TreeNode(n.Level, n.Idx), n => Convert.FromHexString(n.Hash));
        var completed = MerkleTree.Completed(index, MerkleTree.LeafHash(Convert.FromHexString(revisionHash)), left.Select(n => stored[n]).ToArray());
        var args = LogSql.InsertNodesArgs(completed);
        args.Add("Size", index + 1);
        await db.ExecuteAsync(Log.Append(completed.Count), args, tx);
        return (revisionHash, Record.ChainHash(previous, revisionHash), index);
    }

    private static object Revision(string id, int number, string action, DateTime at, (string RevisionHash, string ChainHash, long LogIndex)? seal) => new
    {
        UpdateId = id, Number = number, Action = action, State = "submitted", Status = "substantial", AssessedStatus = (string?)null,
        Summary = "Benchmark filing", Details = (string?)null, MainMessage = (string?)null, Evidence, Confidentiality = "public",
        PlannedCompletion = (string?)null, AlsoAnswers = (string?)null, Comment = (string?)null, CommentInternal = false, ActorKeyId = "bench-key",
        ActorRole = "secretariat", ActorParticipantId = (string?)null, RecordedAt = at,
        RevisionHash = seal?.RevisionHash, ChainHash = seal?.ChainHash, LogIndex = seal?.LogIndex,
    };

    private static object Audit(string action, string id, string? before, DateTime at) => new
    {
        At = at, ApiKeyId = "bench-key", Role = "secretariat", ParticipantId = (string?)null, Action = action, TargetType = "update",
        TargetId = id, BeforeJson = before, AfterJson = AuditJson, TraceId = "00-00000000000000000000000000000000-0000000000000000-00",
    };

    public sealed record Receipts(long Revisions, double ChainBytes, double LogBytes);

    /// <summary>
    /// Per revision the API sealed: the bytes of its chain columns (revision hash, chain hash, log index) and of the log's
    /// nodes (leaves and the inner nodes over them), as column bytes; pages and indexes add SQLite's own overhead.
    /// </summary>
    public static async Task<Receipts> ReceiptBytesAsync(string path)
    {
        await using var db = await OpenAsync(path);
        var sealedRevisions = await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM update_revisions WHERE revision_hash IS NOT NULL");
        var chain = await db.ExecuteScalarAsync<double?>(
            "SELECT SUM(LENGTH(revision_hash) + LENGTH(chain_hash) + 8) FROM update_revisions WHERE revision_hash IS NOT NULL") ?? 0;
        var log = await db.ExecuteScalarAsync<double?>("SELECT SUM(LENGTH(hash) + 16) FROM log_nodes") ?? 0;
        return sealedRevisions == 0 ? new Receipts(0, 0, 0) : new Receipts(sealedRevisions, chain / sealedRevisions, log / sealedRevisions);
    }

    private static async Task<SqliteConnection> OpenAsync(string path)
    {
        var db = new SqliteConnection($"Data Source={path};Pooling=False");
        await db.OpenAsync();
        await db.ExecuteAsync("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;");
        return db;
    }

    /// <summary>
    /// Runs one request's statements after another, each <paramref name="perCommit"/> in one BEGIN IMMEDIATE (as the API's
    /// DbSession begins) ending with the data version raised and COMMIT; the rate is per request.
    /// </summary>
    private static async Task<Rate> LoopAsync(SqliteConnection db, int perCommit, TimeSpan duration, int most, Func<SqliteTransaction, Task> one)
    {
        List<double> latencies = [];
        var done = 0;
        var total = Stopwatch.StartNew();
        while (total.Elapsed < duration && done + perCommit <= most)
        {
            var batch = Stopwatch.StartNew();
            await using var tx = db.BeginTransaction(deferred: false);
            for (var k = 0; k < perCommit; k++) await one(tx);
            await db.ExecuteAsync(DataVersion.RaiseSql, null, tx);
            await tx.CommitAsync();
            done += perCommit;
            // Every request of a batch is answered at its COMMIT: the batch's time stands for each one's latency.
            for (var k = 0; k < perCommit; k++) latencies.Add(batch.Elapsed.TotalMilliseconds);
        }
        latencies.Sort();
        return new Rate(done / total.Elapsed.TotalSeconds, latencies[latencies.Count / 2], latencies[(int)(latencies.Count * 0.99)]);
    }

    /// <summary>
    /// The floor for any report of the cycle: its current update rows (the API's own statement, UpdatesSql.OfCycle) read once by
    /// plain Dapper and serialized as they are (no domain mapping, no visibility, no cells, no catalogue). P50 and p99 of
    /// <paramref name="runs"/> runs, ms.
    /// </summary>
    public static async Task<Rate> RowsToJsonAsync(string path, string cycle, int runs)
    {
        await using var db = await OpenAsync(path);
        List<double> times = [];
        var total = Stopwatch.StartNew();
        for (var r = 0; r < runs; r++)
        {
            var one = Stopwatch.StartNew();
            var rows = (await db.QueryAsync<BareRow>(Updates.OfCycle, new { CycleId = cycle })).AsList();
            await JsonSerializer.SerializeAsync(Stream.Null, rows, BareJson.Default.ListBareRow);
            times.Add(one.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return new Rate(runs / total.Elapsed.TotalSeconds, times[times.Count / 2], times[Math.Min(times.Count - 1, (int)(times.Count * 0.99))]);
    }
}

using System.Diagnostics;
using System.Globalization;
using Commitments.Infrastructure.Catalogue;
using Commitments.Infrastructure.Data;
using Commitments.Infrastructure.Seed;
using Microsoft.Data.Sqlite;

namespace Commitments.Bench;

/// <summary>The seeded catalogue grown to the scale asked for, with updates and revisions, reproducible from a seed.</summary>
public sealed record Scale(string Name, int Participants, int Commitments, int Cycles, int RevisionsPerUpdate)
{
    public static Scale Parse(string name) => name switch
    {
        "small" => new("small", 60, 40, 1, 5),
        "large" => new("large", 500, 40, 10, 5),
        _ => throw new ArgumentException($"unknown scale '{name}': small or large"),
    };
}

public static class Dataset
{
    public const string Instrument = "BENCH";
    public const int WriteCycles = 10;

    /// <summary>Rows of one bulk upload (the API's maximum), and the cycle they are filed into.</summary>
    public const int BulkRows = 500;
    public const string BulkCycle = "bench-bulk";
    private const string Evidence = "[{\"url\":\"https://example.org/evidence\",\"title\":\"Evidence\",\"kind\":\"report\"}]";

    public sealed record Generated(int Participants, int Commitments, long Updates, long Revisions, TimeSpan Took, IReadOnlyList<string> ParticipantIds);

    public static async Task<Generated> GenerateAsync(string path, Scale scale, int seed, string outFolder)
    {
        var watch = Stopwatch.StartNew();
        foreach (var f in new[] { path, path + "-wal", path + "-shm" }) File.Delete(f);
        var options = new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={path}");
        Migrator.Migrate(options);
        using (var database = new Database(options)) await CatalogueSeeder.SeedAsync(database, TimeProvider.System);

        var random = new Random(seed);
        await using var db = new SqliteConnection($"Data Source={path};Pooling=False");
        await db.OpenAsync();
        // Generation only: the API itself always writes with synchronous = FULL.
        await Exec(db, "PRAGMA synchronous = OFF;");
        await using var tx = (SqliteTransaction)await db.BeginTransactionAsync();
        var now = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        await Exec(db, "INSERT INTO instruments (code, title, adopted_on, description) VALUES ('BENCH', 'Benchmark instrument', '2024-01-01', 'Synthetic, for benchmarks')", tx);
        var commitments = Enumerable.Range(1, scale.Commitments).Select(i => $"BENCH-{i:00}").ToList();
        var insertCommitment = Command(db, tx, "INSERT INTO commitments (id, instrument_code, paragraph_ref, position, applies_to, title, created_at, updated_at) VALUES ($id, 'BENCH', $ref, $pos, 'all', $title, $now, $now)",
            "$id", "$ref", "$pos", "$title", "$now");
        for (var i = 0; i < commitments.Count; i++)
            await Run(insertCommitment, commitments[i], $"para {i + 1}", 1000 + i, $"Synthetic commitment {i + 1}", now);

        var participants = new List<string>();
        await using (var read = db.CreateCommand())
        {
            read.Transaction = tx;
            // A participant that reports through its parent cannot file its own updates (422): leave it out of the writers.
            read.CommandText = "SELECT id FROM participants WHERE reports_through_parent = 0 ORDER BY id";
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync()) participants.Add(reader.GetString(0));
        }
        var insertParticipant = Command(db, tx, "INSERT INTO participants (id, name, kind, parent_id, home_government, created_at, updated_at) VALUES ($id, $name, 'company', NULL, NULL, $now, $now)",
            "$id", "$name", "$now");
        for (var i = participants.Count; i < scale.Participants; i++)
        {
            var id = $"bench-{i:000}";
            await Run(insertParticipant, id, $"Benchmark participant {i}", now);
            participants.Add(id);
        }
        participants = participants.Take(scale.Participants).ToList();
        var endorse = Command(db, tx, "INSERT INTO endorsements (participant_id, instrument_code, endorsed_on, basis, recorded_at) VALUES ($p, 'BENCH', '2024-01-01', 'original', '2024-01-01 00:00:00')", "$p");
        foreach (var p in participants) await Run(endorse, p);

        var insertCycle = Command(db, tx, "INSERT INTO cycles (id, title, opens_at, due_at, grace_until, state, session_on, created_at, updated_at) VALUES ($id, $id, $opens, $due, $grace, 'open', NULL, $now, $now)",
            "$id", "$opens", "$due", "$grace", "$now");
        var scope = Command(db, tx, "INSERT INTO cycle_instruments (cycle_id, instrument_code) VALUES ($id, 'BENCH')", "$id");
        var cycles = Enumerable.Range(0, scale.Cycles).Select(c => $"bench-{c}").Concat(Enumerable.Range(0, WriteCycles).Select(c => $"bench-w{c}")).ToList();
        foreach (var c in cycles)
        {
            await Run(insertCycle, c, now, now.AddYears(5), now.AddYears(5).AddDays(14), now);
            await Run(scope, c);
        }

        // Bulk filing: a second instrument of BulkRows commitments that every participant endorsed, in a cycle of its own,
        // so one upload of BulkRows rows files a whole participant's sheet; the report cycles do not include it.
        await Exec(db, "INSERT INTO instruments (code, title, adopted_on, description) VALUES ('BULK', 'Bulk benchmark instrument', '2024-01-01', 'Synthetic, for bulk filing')", tx);
        var insertBulk = Command(db, tx, "INSERT INTO commitments (id, instrument_code, paragraph_ref, position, applies_to, title, created_at, updated_at) VALUES ($id, 'BULK', $ref, $pos, 'all', $title, $now, $now)",
            "$id", "$ref", "$pos", "$title", "$now");
        for (var i = 1; i <= BulkRows; i++) await Run(insertBulk, $"BULK-{i:000}", $"para {i}", 5000 + i, $"Bulk commitment {i}", now);
        var endorseBulk = Command(db, tx, "INSERT INTO endorsements (participant_id, instrument_code, endorsed_on, basis, recorded_at) VALUES ($p, 'BULK', '2024-01-01', 'original', '2024-01-01 00:00:00')", "$p");
        foreach (var p in participants) await Run(endorseBulk, p);
        await Run(insertCycle, BulkCycle, now, now.AddYears(5), now.AddYears(5).AddDays(14), now);
        await Exec(db, $"INSERT INTO cycle_instruments (cycle_id, instrument_code) VALUES ('{BulkCycle}', 'BULK')", tx);

        // The row is the update's present (migration 0015): its last revision's state and content, and the revision of its
        // latest review (accept or return), if any.
        var insertUpdate = Command(db, tx, """
            INSERT INTO updates (id, participant_id, commitment_id, cycle_id, state, status, confidentiality, revision, first_submitted_at, created_at, updated_at,
                main_message, evidence, amended_after_due_at, summary, details, planned_completion, also_answers, review_revision)
            VALUES ($id, $p, $c, $cy, $state, $status, $conf, $rev, $first, $created, $updated, $message, $evidence, NULL, $summary, NULL, NULL, NULL, $review)
            """, "$id", "$p", "$c", "$cy", "$state", "$status", "$conf", "$rev", "$first", "$created", "$updated", "$message", "$evidence", "$summary", "$review");
        var insertRevision = Command(db, tx, """
            INSERT INTO update_revisions (update_id, number, action, state, status, assessed_status, summary, details, main_message, evidence, confidentiality, planned_completion, comment, actor_key_id, actor_role, actor_participant_id, recorded_at)
            VALUES ($id, $n, $action, $state, $status, $assessed, $summary, NULL, $message, $evidence, $conf, NULL, $comment, NULL, $role, $actor, $at)
            """, "$id", "$n", "$action", "$state", "$status", "$assessed", "$summary", "$message", "$evidence", "$conf", "$comment", "$role", "$actor", "$at");
        string[] statuses = ["no_evidence_available", "not_started", "limited", "substantial", "complete", "not_applicable"];
        long updates = 0, revisions = 0;
        var amendable = new List<string>();
        var all = new List<string>();
        for (var c = 0; c < scale.Cycles; c++)
        {
            var cycle = $"bench-{c}";
            foreach (var p in participants)
            {
                foreach (var commitment in commitments)
                {
                    var id = Guid.CreateVersion7(new DateTimeOffset(now.AddSeconds(updates))).ToString();
                    var t = now.AddSeconds(updates);
                    var final = random.Next(3); // accepted, returned, or still submitted
                    var conf = random.Next(10) == 0 ? "restricted" : "public";
                    var status = statuses[random.Next(statuses.Length)];
                    string? assessed = final == 0 && random.Next(4) == 0 ? statuses[random.Next(statuses.Length)] : null;
                    (string Action, string State)[] steps =
                    [
                        ("create", "draft"), ("amend", "draft"), ("submit", "submitted"), ("amend", "submitted"),
                        final switch { 0 => ("accept", "accepted"), 1 => ("return", "returned"), _ => ("amend", "submitted") },
                    ];
                    var count = Math.Min(scale.RevisionsPerUpdate, steps.Length);
                    var last = steps[count - 1];
                    string Summary(int n) => $"Progress on {commitment} by {p}, revision {n}: synthetic summary text for the benchmark.";
                    int? review = last.Action is "accept" or "return" ? count : null;
                    await Run(insertUpdate, id, p, commitment, cycle, last.State, status, conf, count, count >= 3 ? t.AddMinutes(3) : null,
                        t.AddMinutes(1), t.AddMinutes(count), count >= 3 ? $"Main message {count}" : null, Evidence, Summary(count), review);
                    for (var n = 1; n <= count; n++)
                    {
                        var (action, state) = steps[n - 1];
                        await Run(insertRevision, id, n, action, state, status, n == 5 ? assessed : null,
                            Summary(n),
                            n >= 3 ? $"Main message {n}" : null, Evidence,
                            conf, n == 5 && action == "return" ? "Please add evidence." : null, action is "accept" or "return" ? "secretariat" : "liaison",
                            action is "accept" or "return" ? null : p, t.AddMinutes(n));
                        revisions++;
                    }
                    updates++;
                    if (c == 0)
                    {
                        all.Add(id);
                        if (last.State is "submitted" or "returned") amendable.Add($"{id} {count}");
                    }
                }
            }
        }
        await tx.CommitAsync();
        await RecordCatalogueVersionsAsync(options, now);
        // Every revision sealed into the log, as the API would at start (otherwise "ready" would time the backfill).
        using (var database = new Database(options)) await Commitments.Infrastructure.Receipts.LogBackfill.RunAsync(database);
        await Exec(db, "PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;");

        Directory.CreateDirectory(outFolder);
        var shuffled = all.OrderBy(_ => random.Next()).ToList();
        await File.WriteAllLinesAsync(Path.Combine(outFolder, "ids.txt"), shuffled);
        await File.WriteAllLinesAsync(Path.Combine(outFolder, "amendable.txt"), amendable.OrderBy(_ => random.Next()));
        await File.WriteAllLinesAsync(Path.Combine(outFolder, "participants.txt"), participants);
        await File.WriteAllLinesAsync(Path.Combine(outFolder, "commitments.txt"), commitments);
        return new Generated(participants.Count, commitments.Count, updates, revisions, watch.Elapsed, participants);
    }

    /// <summary>
    /// Reports read participants, commitments and cycles as recorded by their as-of time (catalogue_versions), so the
    /// synthetic ones get a version too, written by the API's own store in the form it reads back.
    /// </summary>
    private static async Task RecordCatalogueVersionsAsync(DatabaseOptions options, DateTime at)
    {
        using var database = new Database(options);
        await using var session = new DbSession(database);
        await session.BeginAsync(CancellationToken.None);
        var store = new CatalogueStore(session);
        var ct = CancellationToken.None;
        foreach (var p in await store.ParticipantsAsync(null, ct))
            if (p.Id.StartsWith("bench-", StringComparison.Ordinal)) await store.Versions.RecordAsync(p, at, "bench", ct);
        foreach (var c in await store.CommitmentsAsync(Instrument, null, ct)) await store.Versions.RecordAsync(c, at, "bench", ct);
        foreach (var c in await store.CyclesAsync(ct))
            if (c.Id.StartsWith("bench-", StringComparison.Ordinal)) await store.Versions.RecordAsync(c, at, "bench", ct);
        await session.CommitAsync(CancellationToken.None);
    }

    private static async Task Exec(SqliteConnection db, string sql, SqliteTransaction? tx = null)
    {
        await using var command = db.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static SqliteCommand Command(SqliteConnection db, SqliteTransaction tx, string sql, params string[] names)
    {
        var command = db.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var name in names) command.Parameters.Add(new SqliteParameter(name, null));
        command.Prepare();
        return command;
    }

    /// <summary>Binds values in parameter order; timestamps in the same text form the API writes.</summary>
    private static async Task Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] switch
            {
                null => DBNull.Value,
                DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
                var v => v,
            };
        }
        await command.ExecuteNonQueryAsync();
    }
}

using Commitments.Domain;
using Commitments.Infrastructure.Data;
using Commitments.Infrastructure.Updates;
using Commitments.Tests.Support;
using Dapper;
using DbUp;
using Microsoft.Data.Sqlite;

namespace Commitments.Tests.Production;

/// <summary>
/// A database the previous release made (every migration before 0015, its update rows with their own copies of the comment,
/// the assessment and a content_revision, and coverage_cells) upgrades to the one projection of the present: each row reads as
/// its revisions replayed, stale copies included, and the review belongs to the revision that recorded it.
/// </summary>
public sealed class UpgradeTests
{
    [Fact]
    public async Task ADatabaseOfThePreviousReleaseUpgradesToRowsThatAreTheirRevisionsReplayed()
    {
        var options = SqliteProvisioner.Instance.NewEmptyDatabase();
        try
        {
            var previous = DeployChanges.To.SqliteDatabase(options.ConnectionString)
                .WithScriptsEmbeddedInAssembly(typeof(Migrator).Assembly,
                    name => name.Contains(".Migrations.Sqlite.", StringComparison.Ordinal)
                        && string.CompareOrdinal(name[(name.IndexOf(".Migrations.Sqlite.", StringComparison.Ordinal) + 19)..], "0015") < 0)
                .WithTransactionPerScript().LogToNowhere().Build();
            Assert.True(previous.PerformUpgrade().Successful);

            await using (var old = new SqliteConnection(options.ConnectionString))
            {
                // Filed restricted, returned with a comment and an assessment, amended public and resubmitted, as the previous
                // release stored it: the row kept the assessment, no comment, and a copy of the content of revision 3.
                await old.ExecuteAsync("""
                    INSERT INTO instruments (code, title, adopted_on) VALUES ('BD', 'The Bletchley Declaration', '2023-11-01');
                    INSERT INTO commitments (id, instrument_code, paragraph_ref, position, applies_to, title, created_at, updated_at)
                    VALUES ('BD-1', 'BD', 'para 5', 1, 'governments', 'International cooperation', '2024-03-01 00:00:00', '2024-03-01 00:00:00');
                    INSERT INTO participants (id, name, kind, created_at, updated_at)
                    VALUES ('GB', 'United Kingdom', 'government', '2024-03-01 00:00:00', '2024-03-01 00:00:00');
                    INSERT INTO cycles (id, title, opens_at, due_at, grace_until, state, created_at, updated_at)
                    VALUES ('seoul-2024', 'Seoul', '2024-03-01 00:00:00', '2024-05-01 00:00:00', '2024-05-14 00:00:00', 'open',
                        '2024-03-01 00:00:00', '2024-03-01 00:00:00');
                    INSERT INTO updates (id, participant_id, commitment_id, cycle_id, state, status, assessed_status, confidentiality, revision,
                        first_submitted_at, created_at, updated_at, evidence, summary, comment, comment_internal, content_revision)
                    VALUES ('u-1', 'GB', 'BD-1', 'seoul-2024', 'submitted', 'complete', 'limited', 'public', 4, '2024-04-01 00:00:00',
                        '2024-04-01 00:00:00', '2024-04-04 00:00:00', '[]', 'Stale words.', NULL, 0, 3);
                    INSERT INTO update_revisions (update_id, number, action, state, status, assessed_status, summary, evidence, confidentiality,
                        comment, actor_role, recorded_at) VALUES
                    ('u-1', 1, 'create', 'submitted', 'complete', NULL, 'First.', '[]', 'restricted', NULL, 'liaison', '2024-04-01 00:00:00'),
                    ('u-1', 2, 'return', 'returned', 'complete', 'limited', 'First.', '[]', 'restricted', 'Not convincing.', 'secretariat', '2024-04-02 00:00:00'),
                    ('u-1', 3, 'amend', 'returned', 'complete', 'limited', 'Now public.', '[]', 'public', NULL, 'liaison', '2024-04-03 00:00:00'),
                    ('u-1', 4, 'submit', 'submitted', 'complete', 'limited', 'Now public.', '[]', 'public', NULL, 'liaison', '2024-04-04 00:00:00');
                    """);
                Assert.Equal(1L, await old.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'coverage_cells'"));
            }

            Migrator.Migrate(options);
            await using var current = new Database(options);
            await using var session = new DbSession(current);
            Assert.Equal(0L, await session.ScalarAsync<long>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'coverage_cells'", null, default));
            var updates = new UpdateStore(session);
            var stored = (await updates.GetAsync("u-1", default))!;
            var replayed = (await updates.OfCycleAsOfAsync("seoul-2024", DateTime.UtcNow, stored.Cycle, default)).Single();
            Assert.Equal("Now public.", stored.Update.Content.Summary);
            Assert.Equal(new Review(2, UpdateState.Returned, Confidentiality.Restricted, ImplementationStatus.Limited, "Not convincing.", false),
                stored.Update.LastReview);
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize(replayed), System.Text.Json.JsonSerializer.Serialize(stored.Update));
            Assert.Null(Visibility.ReviewSeenBy(Caller.Public, "GB", stored.Update.LastReview));
        }
        finally
        {
            SqliteProvisioner.Instance.Release(options);
        }
    }
}

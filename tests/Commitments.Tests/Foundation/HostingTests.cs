using System.Net;
using System.Net.Http.Json;
using Commitments.Infrastructure.Data;
using Commitments.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Commitments.Tests.Foundation;

public sealed class HostingTests
{
    [Fact]
    public async Task LivenessAndReadinessAreHealthyOnAMigratedDatabase()
    {
        await using var api = await TestApi.StartAsync();
        var client = api.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnEmptyFileIsMigratedAndSeededAtStart()
    {
        // The other hosts start from the seeded template; this one starts from nothing, as a first deployment does.
        await using var api = await TestApi.StartAsync(new EmptySqlite());
        Assert.Equal(HttpStatusCode.OK, (await api.Anonymous().GetAsync("/health/ready")).StatusCode);
        Assert.Equal(45, (await api.Anonymous().AllItemsAsync("/v1/commitments")).Count);
        await (await api.Secretariat().GetAsync("/v1/me")).AssertOkAsync();
    }

    [Fact]
    public async Task ReadinessFailsWhenAMigrationIsMissing()
    {
        await using var api = await TestApi.StartAsync();
        await using (var connection = new SqliteConnection(api.Database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM schemaversions";
            await command.ExecuteNonQueryAsync();
        }
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await api.Anonymous().GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task ADatabaseSeededByTheFirstCatalogueIsCorrectedWithoutOverwritingTheSecretariatsEdits()
    {
        var database = SqliteProvisioner.Instance.NewEmptyDatabase();
        var fixedDb = new FixedDatabase(database);
        try
        {
            await using (var first = await TestApi.StartAsync(fixedDb))
                await (await first.Secretariat().PatchAsJsonAsync("/v1/commitments/BD-2", new { title = "The secretariat's own wording" })).AssertOkAsync();
            // Back to what the first seed left: its name in the seed runs, an uncorrected commitment and instrument, no Paris cycle.
            await using (var connection = new SqliteConnection(database.ConnectionString))
            {
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = """
                    DELETE FROM seed_runs WHERE name = 'bletchley-crosswalk-v1';
                    DELETE FROM commitment_links;
                    UPDATE seed_runs SET name = 'bletchley-catalogue-v1';
                    UPDATE commitments SET title = 'Old paraphrase', quotation = NULL, source_url = NULL WHERE id IN ('BD-1', 'BD-2');
                    UPDATE instruments SET kind = 'agreed_text', source_url = NULL WHERE code = 'ST';
                    DELETE FROM cycle_instruments WHERE cycle_id = 'paris-2025';
                    DELETE FROM cycles WHERE id = 'paris-2025';
                    DELETE FROM catalogue_versions WHERE entity_id = 'paris-2025';
                    DELETE FROM commitment_aliases;
                    INSERT INTO commitments (id, instrument_code, paragraph_ref, position, applies_to, title, created_at, updated_at)
                    VALUES ('ST-11', 'ST', 'statement', 999, 'companies', 'Support independent evaluation and testing of the next model generation',
                        '2024-01-01 00:00:00', '2024-01-01 00:00:00');
                    INSERT INTO catalogue_versions (entity_type, entity_id, recorded_at, recorded_by, content)
                    VALUES ('commitment', 'ST-11', '2023-11-01 00:00:00', 'bletchley-catalogue-v1',
                        '{"Id":"ST-11","InstrumentCode":"ST","ParagraphRef":"statement","AppliesTo":"Companies","Title":"Support independent evaluation"}');
                    """;
                await command.ExecuteNonQueryAsync();
            }
            await using var second = await TestApi.StartAsync(fixedDb);
            var bd1 = await (await second.Anonymous().GetAsync("/v1/commitments/BD-1")).AssertOkAsync();
            Assert.NotEqual("Old paraphrase", bd1.Str("title"));
            Assert.False(string.IsNullOrEmpty(bd1["quotation"]?.GetValue<string>()));
            // Edited through the API: the step leaves it as the secretariat has it (the direct edit above stands for its state).
            var bd2 = await (await second.Anonymous().GetAsync("/v1/commitments/BD-2")).AssertOkAsync();
            Assert.Equal("Old paraphrase", bd2.Str("title"));
            Assert.Equal("chairs_statement", (await (await second.Anonymous().GetAsync("/v1/instruments/ST")).AssertOkAsync()).Str("kind"));
            await (await second.Anonymous().GetAsync("/v1/cycles/paris-2025")).AssertOkAsync();
            // The first seed's ST-11 is CS-1 now: kept, retired, with CS-1 naming it as its old id.
            Assert.Equal(46, (await second.Anonymous().AllItemsAsync("/v1/commitments")).Count);
            Assert.True((await (await second.Anonymous().GetAsync("/v1/commitments/ST-11")).AssertOkAsync())["retired"]!.GetValue<bool>());
            var cs1 = await (await second.Anonymous().GetAsync("/v1/commitments/CS-1")).AssertOkAsync();
            Assert.Equal(["ST-11"], cs1["aliases"]!.AsArray().Select(a => a!.GetValue<string>()));
            Assert.DoesNotContain((await (await second.Anonymous().GetAsync("/v1/participants/anthropic/obligations?cycle=seoul-2024")).AssertOkAsync())
                ["commitments"]!.AsArray(), c => c.Str("id") == "ST-11");
            // The first seed had no crosswalk: the upgrade adds it.
            Assert.Equal(2, (await second.Anonymous().AllItemsAsync("/v1/commitments/FAISC-VII/links")).Count);
        }
        finally
        {
            SqliteProvisioner.Delete(database.ConnectionString);
        }
    }

    [Fact]
    public async Task ADatabaseSeededByTheSecondCatalogueIsUpgradedWithoutLosingWhatWasFiledAgainstACorrectedCommitment()
    {
        var database = SqliteProvisioner.Instance.NewEmptyDatabase();
        var fixedDb = new FixedDatabase(database);
        try
        {
            string filed;
            await using (var first = await TestApi.StartAsync(fixedDb))
                filed = (await first.Secretariat().FileAsync(Filing.Body("GB", "ST-5", "seoul-2024"))).Id();
            // Back to what the second seed left: ST-5 in the press release's words, no ST-2, xAI in no session, no editions,
            // instruments without versions, and a commitment of its own the current seed no longer holds.
            await using (var connection = new SqliteConnection(database.ConnectionString))
            {
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = """
                    UPDATE seed_runs SET name = 'bletchley-catalogue-v2' WHERE name = 'bletchley-catalogue-v3';
                    UPDATE commitments SET quotation = 'to share outcomes of evaluations with other countries, where relevant' WHERE id = 'ST-5';
                    DELETE FROM catalogue_versions WHERE entity_type = 'commitment' AND entity_id = 'ST-2';
                    DELETE FROM commitments WHERE id = 'ST-2';
                    DELETE FROM endorsements WHERE participant_id = 'xai' AND instrument_code IN ('ST', 'CS');
                    UPDATE instruments SET edition_label = NULL, edition_on = NULL, edition_checked_on = NULL;
                    DELETE FROM catalogue_versions WHERE entity_type = 'instrument';
                    INSERT INTO commitments (id, instrument_code, paragraph_ref, position, applies_to, title, created_at, updated_at)
                    VALUES ('ST-99', 'ST', 'press release', 999, 'governments', 'Gone from the texts', '2024-01-01 00:00:00', '2024-01-01 00:00:00');
                    INSERT INTO catalogue_versions (entity_type, entity_id, recorded_at, recorded_by, content)
                    VALUES ('commitment', 'ST-99', '2023-11-01 00:00:00', 'bletchley-catalogue-v2',
                        '{"Id":"ST-99","InstrumentCode":"ST","ParagraphRef":"press release","AppliesTo":"Governments","Title":"Gone from the texts"}');
                    """;
                await command.ExecuteNonQueryAsync();
            }
            await using var second = await TestApi.StartAsync(fixedDb);
            var client = second.Secretariat();
            // The update still stands against the corrected commitment, which now quotes the statement.
            var update = await (await client.GetAsync($"/v1/updates/{filed}")).AssertOkAsync();
            Assert.Equal("ST-5", update.Str("commitmentId"));
            var st5 = await (await client.GetAsync("/v1/commitments/ST-5")).AssertOkAsync();
            Assert.Contains("where sharing can be done safely, securely and appropriately", st5.Str("quotation"));
            await (await client.GetAsync("/v1/commitments/ST-2")).AssertOkAsync();
            Assert.NotEmpty((await (await client.GetAsync("/v1/participants/xai/obligations?cycle=seoul-2024")).AssertOkAsync())["commitments"]!.AsArray());
            // What the seed no longer holds is kept, retired, and is nobody's obligation.
            Assert.True((await (await client.GetAsync("/v1/commitments/ST-99")).AssertOkAsync())["retired"]!.GetValue<bool>());
            var gb = (await (await client.GetAsync("/v1/participants/GB/obligations?cycle=seoul-2024")).AssertOkAsync())["commitments"]!.AsArray();
            Assert.Contains(gb, c => c.Str("id") == "ST-5");
            Assert.DoesNotContain(gb, c => c.Str("id") == "ST-99");
            // The edition is recorded from the upgrade on: a pack as of before it shows the instrument as it was then.
            var bd = await (await client.GetAsync("/v1/instruments/BD")).AssertOkAsync();
            Assert.Equal("2025-02-13", bd["edition"].Str("on"));
            Assert.Null((await (await client.GetAsync("/v1/instruments/BD?asOf=2024-05-16T00:00:00Z")).AssertOkAsync())["edition"]);
            await (await client.GetAsync("/v1/instruments/BD?asOf=yesterday")).AssertProblemAsync(HttpStatusCode.BadRequest);
            var then = await (await client.GetAsync("/v1/cycles/seoul-2024/briefing-pack?asOf=2024-05-16T00:00:00Z")).AssertOkAsync();
            Assert.Null(then["instrumentSources"]!.AsArray().Single(i => i.Str("code") == "BD")!["edition"]);
            var now = await (await client.GetAsync("/v1/cycles/seoul-2024/briefing-pack")).AssertOkAsync();
            Assert.Equal("2025-02-13", now["instrumentSources"]!.AsArray().Single(i => i.Str("code") == "BD")!["edition"].Str("on"));
        }
        finally
        {
            SqliteProvisioner.Delete(database.ConnectionString);
        }
    }

    [Fact]
    public async Task RestartingOnTheSameFileKeepsEditsAndDuplicatesNothing()
    {
        // From an empty file, so that the first start seeds and the second must not seed again.
        var database = SqliteProvisioner.Instance.NewEmptyDatabase();
        var fixedDb = new FixedDatabase(database);
        try
        {
            int participants;
            await using (var first = await TestApi.StartAsync(fixedDb))
            {
                await (await first.Secretariat().PatchAsJsonAsync("/v1/participants/GB", new { name = "United Kingdom of Great Britain and Northern Ireland" })).AssertOkAsync();
                participants = (await first.Anonymous().AllItemsAsync("/v1/participants")).Count;
            }
            await using var second = await TestApi.StartAsync(fixedDb);
            var all = await second.Anonymous().AllItemsAsync("/v1/participants");
            Assert.Equal(participants, all.Count);
            Assert.Equal(45, (await second.Anonymous().AllItemsAsync("/v1/commitments")).Count);
            var gb = await (await second.Anonymous().GetAsync("/v1/participants/GB")).AssertOkAsync();
            Assert.Equal("United Kingdom of Great Britain and Northern Ireland", gb["name"]!.GetValue<string>());
            // The bootstrap key was created once, not again on restart.
            var keys = await (await second.Secretariat().GetAsync("/v1/api-keys")).AssertOkAsync();
            Assert.Single(keys["items"]!.AsArray());
        }
        finally
        {
            SqliteProvisioner.Delete(database.ConnectionString);
        }
    }

    [Fact]
    public async Task TheSqliteFileIsInWalMode()
    {
        await using var api = await TestApi.StartAsync();
        await using var connection = new SqliteConnection(api.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Theory]
    [InlineData("Postgres", "Data Source=x.db", "not a known provider")]
    [InlineData("Sqlite", "Data Sourc=x.db;Nonsense", "not a usable Sqlite connection string")]
    [InlineData("SqlServer", "", "ConnectionStrings:Commitments is empty")]
    [InlineData("SqlServer", "Server=;Bogus Keyword=1", "not a usable SqlServer connection string")]
    public void ABadDatabaseConfigurationGivesAPlainStartupError(string provider, string connectionString, string expected)
    {
        var error = Assert.Throws<StartupException>(() => DatabaseOptions.From(provider, connectionString));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void AnEmptyConfigurationMeansTheEmbeddedSqliteDefault()
    {
        var options = DatabaseOptions.From(null, null);
        Assert.Equal(DatabaseProvider.Sqlite, options.Provider);
        Assert.Equal(DatabaseOptions.DefaultSqliteConnectionString, options.ConnectionString);
    }

    [Theory]
    [Trait("Category", "Drill")] // starts the real process
    [InlineData("Sqlite", "DIRECTORY", "cannot be used")]
    [InlineData("Oracle", "Data Source=x.db", "not a known provider")]
    public async Task TheRealProcessRefusesToStartWithAPlainMessageAndNoStackTrace(string provider, string connectionString, string expected)
    {
        var folder = Path.Combine(Path.GetTempPath(), "commitments-tests", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(folder);
        if (connectionString == "DIRECTORY")
        {
            // A directory where the database file should be: SQLite cannot open it.
            var target = Path.Combine(folder, "db");
            Directory.CreateDirectory(target);
            connectionString = $"Data Source={target}";
        }
        var (exitCode, output) = await ApiProcess.RunToExitAsync(new()
        {
            ["Database__Provider"] = provider,
            ["ConnectionStrings__Commitments"] = connectionString,
        }, folder);
        Directory.Delete(folder, recursive: true);
        Assert.Equal(1, exitCode);
        Assert.Contains("Commitments API cannot start", output);
        Assert.Contains(expected, output);
        Assert.DoesNotContain("   at ", output);
    }

    /// <summary>The same file for every host; the test removes it at the end.</summary>
    private sealed class FixedDatabase(DatabaseOptions options) : IDatabaseProvisioner
    {
        public string? SkipReason => null;
        public Task<DatabaseOptions> NewDatabaseAsync() => Task.FromResult(options);
        public void Release(DatabaseOptions database) { }
    }

    /// <summary>A new folder with no database file in it.</summary>
    private sealed class EmptySqlite : IDatabaseProvisioner
    {
        public string? SkipReason => null;
        public Task<DatabaseOptions> NewDatabaseAsync() => Task.FromResult(SqliteProvisioner.Instance.NewEmptyDatabase());
        public void Release(DatabaseOptions database) => SqliteProvisioner.Delete(database.ConnectionString);
    }
}

using System.Net;
using Commitments.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Commitments.Tests.Production;

/// <summary>Migrations as a step of their own: `migrate` applies and seeds once, however many instances start together.</summary>
[Trait("Category", "Drill")] // real processes
public sealed class MigrationStepTests
{
    private static async Task<long> ScalarAsync(string databasePath, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task TwoInstancesStartedAtOnceOnAFreshDatabaseApplyEachMigrationExactlyOnce()
    {
        var (folder, env) = ApiProcess.FreshSqlite();
        var database = Path.Combine(folder, "commitments.db");
        // Two migrate steps and two serving instances at the same moment, all on one fresh file.
        var steps = Task.WhenAll(ApiProcess.RunToExitAsync(env, folder, "migrate"), ApiProcess.RunToExitAsync(env, folder, "migrate"));
        var serving = Task.WhenAll(ApiProcess.StartAsync(env, folder), ApiProcess.StartAsync(env, folder));
        foreach (var (exit, output) in await steps) Assert.True(exit == 0, output);
        var instances = await serving;
        try
        {
            Assert.Equal(await ScalarAsync(database, "SELECT COUNT(DISTINCT scriptname) FROM schemaversions"),
                await ScalarAsync(database, "SELECT COUNT(*) FROM schemaversions"));
            Assert.True(await ScalarAsync(database, "SELECT COUNT(*) FROM schemaversions WHERE scriptname LIKE '%.Sqlite.%'") >= 8);
            // Two seed steps (the catalogue, then its crosswalk), each once; the crosswalk's links once each.
            Assert.Equal(2, await ScalarAsync(database, "SELECT COUNT(*) FROM seed_runs"));
            Assert.Equal(2, await ScalarAsync(database, "SELECT COUNT(DISTINCT name) FROM seed_runs"));
            Assert.Equal(Commitments.Infrastructure.Seed.BletchleyCatalogue.Links.Count, await ScalarAsync(database, "SELECT COUNT(*) FROM commitment_links"));
            Assert.Equal(1, await ScalarAsync(database, "SELECT COUNT(*) FROM commitments WHERE id = 'BD-1'"));
            foreach (var api in instances)
            {
                using var client = new HttpClient { BaseAddress = api.Address };
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
            }
        }
        finally
        {
            foreach (var api in instances) await api.DisposeAsync();
        }
    }

    [Fact]
    public async Task AnInstanceThatDoesNotMigrateIsNotReadyUntilTheMigrateStepHasRun()
    {
        var (folder, env) = ApiProcess.FreshSqlite();
        var serving = new Dictionary<string, string>(env) { ["Database__MigrateAtStart"] = "false" };
        var start = ApiProcess.StartAsync(serving, folder); // returns once ready: only after the step below
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.False(start.IsCompleted);
        Assert.False(File.Exists(Path.Combine(folder, "commitments.db")) && await TablesAsync(Path.Combine(folder, "commitments.db")) > 1);
        var (exit, output) = await ApiProcess.RunToExitAsync(env, folder, "migrate");
        Assert.True(exit == 0, output);
        await using var api = await start;
        using var client = new HttpClient { BaseAddress = api.Address };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/commitments/BD-1")).StatusCode);
        // The container's health check, which starts no API of its own: 0 when ready, 1 when nothing answers.
        Assert.Equal(0, (await ApiProcess.RunToExitAsync(env, folder, "probe", new Uri(api.Address, "/health/ready").ToString())).ExitCode);
        Assert.Equal(1, (await ApiProcess.RunToExitAsync(env, folder, "probe", "http://127.0.0.1:1/health/ready")).ExitCode);
    }

    private static Task<long> TablesAsync(string path) => ScalarAsync(path, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'");
}

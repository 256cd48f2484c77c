using Commitments.Infrastructure.Data;
using DotNet.Testcontainers.Builders;
using Commitments.Infrastructure.Seed;
using Microsoft.Data.Sqlite;
using Testcontainers.MsSql;

namespace Commitments.Tests.Support;

/// <summary>Hands each test host a database of one provider, migrated and seeded, and takes it back afterwards.</summary>
public interface IDatabaseProvisioner
{
    /// <summary>Why this provider cannot run here, or null when it can.</summary>
    string? SkipReason { get; }
    Task<DatabaseOptions> NewDatabaseAsync();

    /// <summary>Removes a database this provisioner handed out, once its host has stopped.</summary>
    void Release(DatabaseOptions database);
}

/// <summary>
/// A SQLite file in a folder of its own per test host, copied from a template that is migrated and seeded once per test run
/// through the app's own Migrator and CatalogueSeeder: a host then starts with nothing left to apply.
/// </summary>
public sealed class SqliteProvisioner : IDatabaseProvisioner
{
    public static readonly SqliteProvisioner Instance = new();
    // On tmpfs where there is one: a real file, without the fsync of every commit (durability is the crash drill's).
    private static readonly string Root = Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), "commitments-tests");
    private static readonly Lazy<Task<string>> Template = new(MakeTemplateAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    public string? SkipReason => null;

    public async Task<DatabaseOptions> NewDatabaseAsync()
    {
        var template = await Template.Value;
        var (folder, options) = NewFolder();
        File.Copy(template, Path.Combine(folder, "commitments.db"));
        return options;
    }

    /// <summary>
    /// The same databases with another busy timeout, which is also how long a write waits for the writer: shorter for drills
    /// of a locked database, longer for tests that hold the writer on purpose while requests queue behind it.
    /// </summary>
    public static IDatabaseProvisioner WithTimeout(int seconds) => new Waiting(seconds);

    private sealed class Waiting(int seconds) : IDatabaseProvisioner
    {
        public string? SkipReason => null;

        public async Task<DatabaseOptions> NewDatabaseAsync()
        {
            var options = await Instance.NewDatabaseAsync();
            var builder = new SqliteConnectionStringBuilder(options.ConnectionString) { DefaultTimeout = seconds };
            return options with { ConnectionString = builder.ConnectionString };
        }

        public void Release(DatabaseOptions database) => Instance.Release(database);
    }

    /// <summary>A folder with no database file in it yet: the app creates, migrates and seeds it at start.</summary>
    public DatabaseOptions NewEmptyDatabase() => NewFolder().Options;

    public void Release(DatabaseOptions database) => Delete(database.ConnectionString);

    /// <summary>Closes the pooled connections to the file (so none outlives its host) and deletes the file's folder.</summary>
    public static void Delete(string connectionString)
    {
        using (var pool = new SqliteConnection(connectionString)) SqliteConnection.ClearPool(pool);
        var folder = Path.GetDirectoryName(new SqliteConnectionStringBuilder(connectionString).DataSource)!;
        // A connection a host's last request is still closing can write its -wal or -shm file again while the folder goes: try
        // again shortly, then leave the folder to the temporary file system rather than fail the test over its cleanup.
        for (var attempt = 1; Directory.Exists(folder); attempt++)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException) when (attempt < 10)
            {
                Thread.Sleep(100);
                using var pooled = new SqliteConnection(connectionString);
                SqliteConnection.ClearPool(pooled);
            }
            catch (IOException)
            {
                return;
            }
        }
    }

    private static (string Folder, DatabaseOptions Options) NewFolder()
    {
        var folder = Path.Combine(Root, Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(folder);
        return (folder, new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "commitments.db")};Default Timeout=5"));
    }

    private static async Task<string> MakeTemplateAsync()
    {
        var (folder, options) = NewFolder();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Delete(options.ConnectionString);
        Migrator.Migrate(options);
        using (var database = new Database(options)) await CatalogueSeeder.SeedAsync(database, TimeProvider.System);
        // Out of WAL mode: the checkpoint moves every page into the main file and the -wal file goes, so copying the one
        // file copies everything. Each host's start turns WAL back on, which TheSqliteFileIsInWalMode still checks.
        // Leaving WAL needs the only connection, so the migrator's and the seeder's pooled ones are closed first.
        using (var connection = new SqliteConnection(options.ConnectionString))
        {
            SqliteConnection.ClearPool(connection);
            connection.Open();
            using (var checkpoint = connection.CreateCommand())
            {
                checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
                checkpoint.ExecuteNonQuery();
            }
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = DELETE";
            var mode = (string?)command.ExecuteScalar();
            if (mode != "delete") throw new InvalidOperationException($"The template database stayed in journal mode '{mode}'.");
            connection.Close();
            SqliteConnection.ClearPool(connection);
        }
        var file = new SqliteConnectionStringBuilder(options.ConnectionString).DataSource;
        if (File.Exists(file + "-wal")) throw new InvalidOperationException($"The template database {file} still has a write-ahead log.");
        return file;
    }
}

/// <summary>
/// One SQL Server container for the run (Testcontainers), a new database per test host. Without a container engine
/// the tests report skipped with the reason; with COMMITMENTS_REQUIRE_DOCKER=1 they fail instead.
/// </summary>
public sealed class SqlServerProvisioner : IDatabaseProvisioner, IAsyncLifetime
{
    private MsSqlContainer? _container;

    public string? SkipReason { get; private set; }

    public async Task InitializeAsync()
    {
        try
        {
            _container = new MsSqlBuilder("mcr.microsoft.com/mssql/server:2022-CU16-ubuntu-22.04").Build();
            await _container.StartAsync();
        }
        catch (DockerUnavailableException e)
        {
            if (Environment.GetEnvironmentVariable("COMMITMENTS_REQUIRE_DOCKER") == "1") throw;
            SkipReason = "SQL Server suite skipped: no container engine is available for Testcontainers (" + e.Message.Split('\n')[0] + ")";
        }
    }

    public Task<DatabaseOptions> NewDatabaseAsync()
    {
        var builder = new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(_container!.GetConnectionString())
        {
            InitialCatalog = "commitments_" + Guid.NewGuid().ToString("n")[..12],
        };
        return Task.FromResult(new DatabaseOptions(DatabaseProvider.SqlServer, builder.ConnectionString));
    }

    /// <summary>Nothing to do: each database lives in the run's one container, which goes at the end of the run.</summary>
    public void Release(DatabaseOptions database) { }

    public async Task DisposeAsync()
    {
        if (_container is not null) await _container.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SqlServerCollection : ICollectionFixture<SqlServerProvisioner>
{
    public const string Name = "sql-server";
}

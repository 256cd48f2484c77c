using Commitments.Infrastructure.Data;
using DotNet.Testcontainers.Builders;
using Testcontainers.MsSql;

namespace Commitments.Tests.Support;

/// <summary>Hands each test host a fresh, empty database of one provider.</summary>
public interface IDatabaseProvisioner
{
    /// <summary>Why this provider cannot run here, or null when it can.</summary>
    string? SkipReason { get; }
    Task<DatabaseOptions> NewDatabaseAsync();
}

/// <summary>A new SQLite file in a temporary folder per test host.</summary>
public sealed class SqliteProvisioner : IDatabaseProvisioner
{
    public static readonly SqliteProvisioner Instance = new();
    public string? SkipReason => null;

    public Task<DatabaseOptions> NewDatabaseAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "commitments-tests", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(folder);
        return Task.FromResult(new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "commitments.db")};Default Timeout=5"));
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

using Commitments.Infrastructure.Access;
using Commitments.Infrastructure.Catalogue;
using Commitments.Infrastructure.Data;
using Commitments.Infrastructure.Receipts;
using Commitments.Infrastructure.Seed;
using Commitments.Infrastructure.Updates;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Commitments.Api.Hosting;

public static class DatabaseSetup
{
    public const string BootstrapKeyVariable = "COMMITMENTS_BOOTSTRAP_KEY";

    /// <summary><paramref name="readOnly"/>: the SQLite file is opened read-only (verify checks a database, a backup too, without writing).</summary>
    public static IServiceCollection AddCommitmentsDatabase(this IServiceCollection services, IConfiguration configuration, bool readOnly = false)
    {
        var options = DatabaseOptions.From(configuration["Database:Provider"], configuration.GetConnectionString("Commitments"));
        if (readOnly) options = options.ReadOnly();
        services.AddSingleton(options);
        services.AddSingleton<Database>();
        services.AddScoped<DbSession>();
        services.AddScoped<CatalogueStore>();
        services.AddScoped<AccessStore>();
        services.AddScoped<UpdateStore>();
        services.AddScoped<Commitments.Infrastructure.Idempotency.IdempotencyStore>();
        services.AddScoped<Commitments.Infrastructure.Reports.ReportStore>();
        services.AddScoped<Commitments.Infrastructure.Speakers.SpeakerStore>();
        services.AddScoped<CrosswalkStore>();
        services.AddScoped<TransparencyLog>();
        services.AddSingleton(new LogSigningOptions(configuration["Log:SigningKeyPem"], configuration["Log:SigningKeyPath"]));
        services.AddSingleton<LogSigner>();
        services.AddSingleton<LogVerifier>();
        services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);
        return services;
    }

    /// <summary>Whether serving also migrates and seeds (<c>Database:MigrateAtStart</c>, default true); otherwise the <c>migrate</c> step does.</summary>
    public static bool MigrateAtStart(IConfiguration configuration) => configuration.GetValue("Database:MigrateAtStart", true);

    /// <summary>How long a starting instance waits for another one's migration before giving up.</summary>
    private static readonly TimeSpan MigrationLockWait = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Under the database's migration lock, so that instances starting together take turns: migrates and seeds the catalogue
    /// (when <paramref name="migrate"/>), then creates the bootstrap secretariat key when asked to. An instance that does not
    /// migrate only checks: it serves, and reports not ready, until the migrate step has run.
    /// </summary>
    public static async Task InitialiseAsync(IServiceProvider services, IConfiguration configuration, ILogger logger, bool migrate = true)
    {
        var database = services.GetRequiredService<Database>();
        var clock = services.GetRequiredService<TimeProvider>();
        try
        {
            await using var migrationLock = await Migrator.LockAsync(database.Options, MigrationLockWait);
            Migrator.RefuseNewerSchema(database.Options);
            if (migrate)
            {
                var applied = Migrator.Migrate(database.Options);
                if (applied.Count > 0) logger.LogInformation("Applied migrations: {Scripts}", string.Join(", ", applied));
                if (await CatalogueSeeder.SeedAsync(database, clock)) logger.LogInformation("Seeded the Bletchley catalogue.");
                if (await LogBackfill.RunAsync(database) is > 0 and var logged)
                    logger.LogInformation("Hashed, chained and logged {Entries} revisions and packs recorded before the log.", logged);
            }
            else if (!Migrator.IsMigrated(database.Options))
            {
                logger.LogWarning("The database has migrations still to apply: run the migrate step. Not ready until then.");
                return;
            }
            await BootstrapKeyAsync(database, configuration[BootstrapKeyVariable], clock, logger);
            // Under the migration lock, so instances starting together agree on one generated key.
            var signer = services.GetRequiredService<LogSigner>();
            logger.LogInformation("The log signs with key {KeyId} from the {Source}.", await signer.KeyIdAsync(), signer.Options.Source);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or IOException or UnauthorizedAccessException or InvalidOperationException
            or TimeoutException)
        {
            throw new StartupException($"The {database.Options.Provider} database cannot be used: {e.Message}", e);
        }
    }

    private static async Task BootstrapKeyAsync(Database database, string? secret, TimeProvider clock, ILogger logger)
    {
        if (string.IsNullOrEmpty(secret)) return;
        if (secret.Length < ApiKeySecrets.MinimumBootstrapLength)
            throw new StartupException($"{BootstrapKeyVariable} must be at least {ApiKeySecrets.MinimumBootstrapLength} characters long.");
        await using var session = new DbSession(database);
        await session.BeginAsync(CancellationToken.None);
        var store = new AccessStore(session);
        var now = clock.GetUtcNow().UtcDateTime;
        // Only when no secretariat key can be used (all revoked or expired): the secret then opens the door again,
        // even if a key with the same secret was revoked before (authentication prefers the usable one of equal hashes).
        if (await store.ActiveSecretariatKeysAsync(now, CancellationToken.None) > 0) return;
        var key = new ApiKeyRecord(Ids.New(), ApiKeySecrets.PrefixOf(secret), ApiKeySecrets.Hash(secret),
            Codes.Of(Role.Secretariat), null, "bootstrap", now, null, null);
        await store.InsertKeyAsync(key, CancellationToken.None);
        await store.RecordAsync(new AuditEntry(now, null, null, null, "api_key.bootstrap", "api_key", key.Id, null, null, null), CancellationToken.None);
        await session.CommitAsync(CancellationToken.None);
        // The key id only: the prefix is the start of the secret, and logs travel further than the database.
        logger.LogInformation("Created the bootstrap secretariat key {KeyId}.", key.Id);
    }
}

/// <summary>Ready means: the database answers and every migration has been applied.</summary>
public sealed class DatabaseReadyCheck(Database database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            // Within 1 s, both SQLite's wait for the lock and the command.
            await using (var connection = await database.OpenAsync(ct, busyTimeout: TimeSpan.FromSeconds(1)))
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = database.Dialect.ReadinessSql;
                command.CommandTimeout = 1;
                await command.ExecuteNonQueryAsync(ct);
            }
            return Migrator.IsMigrated(database.Options)
                ? HealthCheckResult.Healthy("The database is reachable and migrated.")
                : HealthCheckResult.Unhealthy("The database has migrations still to apply.");
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("The database is unreachable.", e);
        }
    }
}

using Commitments.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Commitments.Tests.Production;

/// <summary>What the binary does with its command line: a known command, --help, or a one-line refusal; never a server by mistake.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public async Task HelpListsTheCommandsAndAnUnknownCommandIsRefusedWithoutADatabase()
    {
        var (folder, env) = ApiProcess.FreshSqlite();
        var (exit, output) = await ApiProcess.RunToExitAsync(env, folder, "--help");
        Assert.Equal(0, exit);
        foreach (var command in new[] { "migrate", "verify", "keys create", "probe <url>" }) Assert.Contains(command, output);

        (exit, output) = await ApiProcess.RunToExitAsync(env, folder, "migrat");
        Assert.Equal(1, exit);
        Assert.Equal("Unknown command 'migrat'. Run with --help for the commands.", output.Trim());
        (exit, output) = await ApiProcess.RunToExitAsync(env, folder, "probe");
        Assert.Equal(1, exit);
        Assert.Empty(Directory.GetFiles(folder)); // nothing was served, so no database was created
    }

    [Fact]
    public async Task ProbeSaysWhyItFailed()
    {
        var (folder, env) = ApiProcess.FreshSqlite();
        var (exit, output) = await ApiProcess.RunToExitAsync(env, folder, "probe", "http://127.0.0.1:1/health/ready");
        Assert.Equal(1, exit);
        Assert.StartsWith("probe: http://127.0.0.1:1/health/ready did not answer:", output.Trim());
    }

    [Fact]
    public async Task AnInstanceRefusesADatabaseANewerReleaseMigrated()
    {
        var (folder, env) = ApiProcess.FreshSqlite();
        Assert.Equal(0, (await ApiProcess.RunToExitAsync(env, folder, "migrate")).ExitCode);
        await using (var connection = new SqliteConnection(env["ConnectionStrings__Commitments"].Split(';')[0] + ";Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO SchemaVersions (ScriptName, Applied) VALUES ('Commitments.Infrastructure.Migrations.Sqlite.9999_from_the_future.sql', '2027-01-01')";
            await command.ExecuteNonQueryAsync();
        }
        foreach (var args in new[] { new[] { "migrate" }, [] })
        {
            var (exit, output) = await ApiProcess.RunToExitAsync(env, folder, args);
            Assert.Equal(1, exit);
            Assert.Contains("The database's schema is newer than this release: it has migration "
                + "'Commitments.Infrastructure.Migrations.Sqlite.9999_from_the_future.sql'", output);
            Assert.DoesNotContain("   at ", output); // one line, no stack trace
        }
    }
}

/// <summary><c>verify</c> reads only: it never migrates, seeds or writes the database it checks, and a corrupt one is a one-line break.</summary>
public sealed class VerifyCommandTests
{
    private static string Hash(string file) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file)));

    [Fact]
    public async Task VerifyChangesNothingAndACorruptFileIsABreakWithoutAStackTrace()
    {
        var (folder, env) = ApiProcess.FreshSqlite();
        env["Database__MigrateAtStart"] = "false";
        Assert.Equal(0, (await ApiProcess.RunToExitAsync(env, folder, "migrate")).ExitCode);
        var file = Path.Combine(folder, "commitments.db");
        var before = Hash(file);
        var (exit, output) = await ApiProcess.RunToExitAsync(env, folder, "verify");
        Assert.True(exit == 0, output);
        Assert.Contains("Intact:", output);
        Assert.Equal(before, Hash(file));

        // Garbage over the pages after the header: SQLite can open the file but not read it.
        await using (var stream = new FileStream(file, FileMode.Open, FileAccess.Write))
        {
            stream.Seek(4096, SeekOrigin.Begin);
            await stream.WriteAsync(Enumerable.Repeat((byte)0xA5, 16384).ToArray());
        }
        var corrupt = Hash(file);
        (exit, output) = await ApiProcess.RunToExitAsync(env, folder, "verify");
        Assert.Equal(1, exit);
        Assert.Contains("BROKEN", output);
        Assert.DoesNotContain("   at ", output);
        Assert.Equal(corrupt, Hash(file));

        // A database that is not there is not created by verify.
        var (empty, emptyEnv) = ApiProcess.FreshSqlite();
        (exit, output) = await ApiProcess.RunToExitAsync(emptyEnv, empty, "verify");
        Assert.Equal(1, exit);
        Assert.False(File.Exists(Path.Combine(empty, "commitments.db")), output);
    }
}

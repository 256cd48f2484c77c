using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Commitments.Tests.Support;

namespace Commitments.Tests.Access;

/// <summary>Getting the first keys on a fresh embedded database without touching it by hand.</summary>
[Trait("Category", "Drill")] // starts the real process
public sealed class KeyBootstrapTests
{
    [Fact]
    public async Task TheKeysCommandPrintsANewKeyOnceAndItWorks()
    {
        var (folder, env) = ApiProcess.FreshSqlite();
        var (exit, output) = await ApiProcess.RunToExitAsync(env, folder, "keys", "create", "--role", "liaison", "--participant", "GB", "--label", "UK");
        Assert.True(exit == 0, output);
        var secret = output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("cmt_", StringComparison.Ordinal));

        await using var api = await ApiProcess.StartAsync(env, folder);
        using var client = new HttpClient { BaseAddress = api.Address };
        client.DefaultRequestHeaders.Add("X-Api-Key", secret);
        var me = JsonNode.Parse(await client.GetStringAsync("/v1/me"))!;
        Assert.Equal("liaison", me["role"]!.GetValue<string>());
        Assert.Equal("GB", me["participantId"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheKeysCommandRefusesABadRole()
    {
        var (folder, env) = ApiProcess.FreshSqlite();
        var (exit, output) = await ApiProcess.RunToExitAsync(env, folder, "keys", "create", "--role", "emperor");
        Assert.NotEqual(0, exit);
        Assert.Contains("--role", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task TheBootstrapVariableCreatesTheFirstSecretariatKeyOnlyOnce()
    {
        var (folder, env) = ApiProcess.FreshSqlite();
        env["COMMITMENTS_BOOTSTRAP_KEY"] = "cmt_first-secretariat-key-for-this-test-000000";
        await using (var api = await ApiProcess.StartAsync(env, folder))
        {
            using var client = new HttpClient { BaseAddress = api.Address };
            client.DefaultRequestHeaders.Add("X-Api-Key", env["COMMITMENTS_BOOTSTRAP_KEY"]);
            var me = JsonNode.Parse(await client.GetStringAsync("/v1/me"))!;
            Assert.Equal("secretariat", me["role"]!.GetValue<string>());
        }
        // A different bootstrap secret later does not add a second secretariat key: one already exists.
        env["COMMITMENTS_BOOTSTRAP_KEY"] = "cmt_another-secretariat-key-for-this-test-00000";
        await using var again = await ApiProcess.StartAsync(env, folder);
        using var second = new HttpClient { BaseAddress = again.Address };
        second.DefaultRequestHeaders.Add("X-Api-Key", env["COMMITMENTS_BOOTSTRAP_KEY"]);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync("/v1/me")).StatusCode);
    }
}

using Commitments.Tests.Support;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Commitments.Tests.Production;

/// <summary>
/// No container engine runs here, so the Dockerfile and compose file are checked by what can run: the compose file is
/// parsed (anchors and merge keys resolved) and its production shape asserted; .ci/run publishes the API the way the
/// Dockerfile's build stage does.
/// </summary>
public sealed class ContainerFilesTests
{
    private static string Repository([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", ".."));

    private static Dictionary<object, object> Yaml(string path)
    {
        using var reader = new StreamReader(Path.Combine(Repository(), path));
        return new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(new MergingParser(new Parser(reader)));
    }

    private static Dictionary<object, object> Map(object node) => (Dictionary<object, object>)node;

    [Fact]
    public void TheComposeFileRunsAMigrateStepThenTwoReplicasThatDoNotMigrateOnPinnedImages()
    {
        var services = Map(Yaml("compose.yaml")["services"]);
        Assert.Equal(["api", "migrate", "otel-collector", "sqlserver"], services.Keys.Cast<string>().Order());

        var migrate = Map(services["migrate"]);
        Assert.Equal(["migrate"], ((List<object>)migrate["command"]).Cast<string>());
        Assert.Equal("service_healthy", Map(Map(migrate["depends_on"])["sqlserver"])["condition"]);

        var api = Map(services["api"]);
        Assert.Equal("2", Map(api["deploy"])["replicas"]);
        var environment = Map(api["environment"]);
        Assert.Equal("false", environment["Database__MigrateAtStart"]);
        Assert.Equal("SqlServer", environment["Database__Provider"]);
        Assert.StartsWith("http://otel-collector:", (string)environment["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Contains("Server=sqlserver;", (string)environment["ConnectionStrings__Commitments"]);
        Assert.Equal("service_completed_successfully", Map(Map(api["depends_on"])["migrate"])["condition"]);

        foreach (var image in services.Values.Select(Map).Where(s => s.ContainsKey("image")).Select(s => (string)s["image"]))
        {
            var tag = image[(image.LastIndexOf(':') + 1)..];
            Assert.False(tag is "latest" || image.LastIndexOf(':') < 0, $"{image} is not pinned to a tag");
        }
        Assert.StartsWith("mcr.microsoft.com/mssql/server:2022-", (string)Map(services["sqlserver"])["image"]);

        var collector = Yaml("deploy/otel-collector.yaml");
        Assert.True(Map(Map(collector["receivers"])["otlp"]).ContainsKey("protocols"));
    }

    [Fact]
    public void TheDockerfileBuildsWithTheSdkAndRunsAsANonRootUserWithAHealthCheck()
    {
        var lines = File.ReadAllLines(Path.Combine(Repository(), "Dockerfile"));
        var stages = lines.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, stages.Count);
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:10.0", stages[0]);
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:10.0", stages[1]);
        Assert.Contains(lines, l => l.StartsWith("USER $APP_UID", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("\"probe\", \"http://127.0.0.1:8080/health/ready\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("dotnet publish src/Commitments.Api/Commitments.Api.csproj -c Release", StringComparison.Ordinal));
        Assert.Contains("dotnet publish src/Commitments.Api/Commitments.Api.csproj -c Release", File.ReadAllText(Path.Combine(Repository(), ".ci", "run")));
    }
}

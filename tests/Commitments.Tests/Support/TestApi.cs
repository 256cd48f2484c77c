using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Commitments.Infrastructure.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Commitments.Tests.Support;

/// <summary>The real app over HTTP, on its own fresh database; one per test.</summary>
public sealed class TestApi : WebApplicationFactory<Program>
{
    public const string SecretariatSecret = "cmt_test-secretariat-bootstrap-key-0123456789";

    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;
    private readonly IDatabaseProvisioner _provisioner;

    private TestApi(IDatabaseProvisioner provisioner, DatabaseOptions database, IDictionary<string, string?>? settings, Action<IServiceCollection>? services)
    {
        _provisioner = provisioner;
        Database = database;
        _services = services;
        _settings = new()
        {
            ["Database:Provider"] = database.Provider.ToString(),
            ["ConnectionStrings:Commitments"] = database.ConnectionString,
            ["COMMITMENTS_BOOTSTRAP_KEY"] = SecretariatSecret,
            ["RateLimiting:PermitsPerMinute"] = "1000000",
            // Every in-process request comes from one address; tests that send bad keys on purpose would trip it.
            ["RateLimiting:FailedKeysPerMinute"] = "1000000",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) _settings[k] = v;
    }

    public DatabaseOptions Database { get; }

    public static async Task<TestApi> StartAsync(IDatabaseProvisioner? provisioner = null, IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        provisioner ??= SqliteProvisioner.Instance;
        Skip.If(provisioner.SkipReason is not null, provisioner.SkipReason);
        var api = new TestApi(provisioner, await provisioner.NewDatabaseAsync(), settings, services);
        _ = api.Server; // boots the host: migrations, seed, bootstrap key
        api._contract = OpenApiContract.For(await ServedDocumentAsync(api));
        return api;
    }

    private static string? _servedDocument;

    /// <summary>The served document, read once per test run: every host serves the same one.</summary>
    private static async Task<string> ServedDocumentAsync(TestApi api)
    {
        if (_servedDocument is { } known) return known;
        using var client = api.CreateDefaultClient();
        return _servedDocument = await client.GetStringAsync("/swagger/v1/swagger.json");
    }

    private OpenApiContract? _contract;

    /// <summary>Stops the host, then hands its database back to the provisioner, which removes it.</summary>
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _provisioner.Release(Database);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (k, v) in _settings) builder.UseSetting(k, v);
        builder.UseEnvironment("Testing");
        if (_services is not null) builder.ConfigureServices(_services);
    }

    /// <summary>
    /// A client whose every response is checked against the served OpenAPI document; a mismatch fails the test. The handlers
    /// before the check are the ones the factory's own CreateClient uses (redirects, which also buffer the body, and cookies).
    /// </summary>
    public new HttpClient CreateClient() => CreateClient([]);

    /// <summary>The same client with <paramref name="outer"/> handlers in front (they see what the caller sends and gets).</summary>
    public HttpClient CreateClient(params DelegatingHandler[] outer) => CreateDefaultClient(ClientOptions.BaseAddress,
    [
        .. outer,
        new Microsoft.AspNetCore.Mvc.Testing.Handlers.RedirectHandler(ClientOptions.MaxAutomaticRedirections),
        new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(),
        new OpenApiContractHandler(() => _contract!),
    ]);

    public HttpClient Anonymous() => CreateClient();

    public HttpClient As(string? secret, params DelegatingHandler[] outer)
    {
        var client = CreateClient(outer);
        if (secret is not null) client.DefaultRequestHeaders.Add("X-Api-Key", secret);
        return client;
    }

    public HttpClient Secretariat() => As(SecretariatSecret);

    /// <summary>Issues a key through the API and returns its id and secret.</summary>
    public async Task<(string Id, string Secret)> IssueKeyAsync(string role, string? participantId = null)
    {
        var response = await Secretariat().PostAsJsonAsync("/v1/api-keys", new { role, participantId, label = $"{role} {participantId}" });
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToJsonString());
        return (body["key"]!["id"]!.GetValue<string>(), body["secret"]!.GetValue<string>());
    }

    public async Task<HttpClient> LiaisonAsync(string participantId) => As((await IssueKeyAsync("liaison", participantId)).Secret);
}

public static class HttpAssertions
{
    public static async Task<JsonNode> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text.Length == 0 ? "null" : text) ?? JsonValue.Create("")!;
    }

    /// <summary>Asserts an RFC 9457 problem document with the status, and that a named field is among its errors.</summary>
    public static async Task<JsonNode> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        var body = await response.ReadJsonAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body.ToJsonString()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, body["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(body["title"]?.GetValue<string>()));
        Assert.NotNull(body["type"]);
        if (field is not null)
        {
            var errors = body["errors"]?.AsObject();
            Assert.True(errors is not null && errors.ContainsKey(field), $"expected an error for '{field}': {body.ToJsonString()}");
        }
        return body;
    }

    public static async Task<JsonNode> AssertOkAsync(this HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var body = await response.ReadJsonAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body.ToJsonString()}");
        return body;
    }

    /// <summary>Every item of a paged list, following its Link header page by page until a page has no next.</summary>
    public static async Task<JsonArray> AllItemsAsync(this HttpClient client, string path)
    {
        var items = new JsonArray();
        for (string? next = path; next is not null;)
        {
            var response = await client.GetAsync(next);
            var page = await response.AssertOkAsync();
            foreach (var item in page["items"]!.AsArray()) items.Add(item!.DeepClone());
            next = response.Headers.TryGetValues("Link", out var links) && links.Single() is var link ? link[1..link.IndexOf('>')] : null;
            Assert.Equal(page["next"] is null, next is null);
        }
        return items;
    }

    public static StringContent Json(string raw) => new(raw, new MediaTypeHeaderValue("application/json"));

    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
}

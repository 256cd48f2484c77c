using System.Text.Json.Nodes;
using Commitments.Tests.Support;

namespace Commitments.Tests.Foundation;

public sealed class OpenApiDocumentTests
{
    private const string Regenerate = "COMMITMENTS_WRITE_OPENAPI=1 dotnet test --filter FullyQualifiedName~OpenApiDocumentTests";

    private static string Normalise(string text) => text.Replace("\r\n", "\n").TrimEnd() + "\n";

    [Fact]
    public async Task TheRepositoryOpenApiYamlIsTheServedDocument()
    {
        await using var api = await TestApi.StartAsync();
        var served = Normalise(await api.Anonymous().GetStringAsync("/swagger/v1/swagger.yaml"));
        var path = Path.Combine(Repo.Root, "openapi.yaml");
        if (Environment.GetEnvironmentVariable("COMMITMENTS_WRITE_OPENAPI") == "1") await File.WriteAllTextAsync(path, served);
        var committed = File.Exists(path) ? Normalise(await File.ReadAllTextAsync(path)) : "";
        Assert.True(served == committed, $"openapi.yaml differs from the served document. Regenerate it with:\n  {Regenerate}");
    }

    [Fact]
    public async Task EveryOperationHasAnIdASummaryAndDocumentedErrors()
    {
        await using var api = await TestApi.StartAsync();
        var document = JsonNode.Parse(await api.Anonymous().GetStringAsync("/swagger/v1/swagger.json"))!;
        var operations = 0;
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                operations++;
                var where = $"{method.ToUpperInvariant()} {path}";
                Assert.False(string.IsNullOrEmpty(operation!["operationId"]?.GetValue<string>()), $"{where} has no operationId");
                Assert.False(string.IsNullOrEmpty(operation["summary"]?.GetValue<string>()), $"{where} has no summary");
                var responses = operation["responses"]!.AsObject();
                Assert.True(responses.Any(r => r.Key.StartsWith('2')), $"{where} documents no success response");
                Assert.True(responses.ContainsKey("500") && responses.ContainsKey("429"), $"{where} does not document 429 and 500");
                var refusal = responses["500"]!["$ref"]!.GetValue<string>().Split('/')[^1];
                Assert.Contains("application/problem+json", document["components"]!["responses"]![refusal]!["content"]!.AsObject().Select(c => c.Key));
            }
        }
        Assert.True(operations >= 15, $"only {operations} operations documented");
    }

    /// <summary>
    /// A GET sent with none of its query parameters is refused naming exactly the parameters the document marks required
    /// (and answers anything but a 400 when none is): the document's required flags and the validators agree both ways.
    /// </summary>
    [Fact]
    public async Task QueryParametersAreRequiredInTheDocumentExactlyWhereTheServerRefusesThemMissing()
    {
        await using var api = await TestApi.StartAsync();
        var document = JsonNode.Parse(await api.Anonymous().GetStringAsync("/swagger/v1/swagger.json"))!;
        var client = api.Secretariat();
        var checkedRequired = 0;
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            if (item!["get"] is not { } operation) continue;
            var query = (operation["parameters"]?.AsArray() ?? []).Where(p => p!["in"]!.GetValue<string>() == "query").ToList();
            if (query.Count == 0) continue;
            var required = query.Where(p => p!["required"]?.GetValue<bool>() == true).Select(p => p!["name"]!.GetValue<string>()).Order().ToList();
            var url = System.Text.RegularExpressions.Regex.Replace(path, @"\{[^}]+\}", "no-such-id");
            var response = await client.GetAsync(url);
            var refused = new List<string>();
            if (response.StatusCode == System.Net.HttpStatusCode.BadRequest)
            {
                var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                refused = (body["errors"]?.AsObject().Select(e => e.Key) ?? []).Where(k => query.Any(p => p!["name"]!.GetValue<string>() == k)).Order().ToList();
            }
            Assert.True(required.SequenceEqual(refused),
                $"GET {path}: the document requires [{string.Join(", ", required)}]; sent without them, the server refused [{string.Join(", ", refused)}]");
            checkedRequired += required.Count;
        }
        Assert.True(checkedRequired >= 5, $"only {checkedRequired} required query parameters found");
    }

    [Fact]
    public async Task ProtectedOperationsDeclareTheApiKeySchemeAndWhoMayCall()
    {
        await using var api = await TestApi.StartAsync();
        var document = JsonNode.Parse(await api.Anonymous().GetStringAsync("/swagger/v1/swagger.json"))!;
        Assert.Equal("apiKey", document["components"]!["securitySchemes"]!["ApiKey"]!["type"]!.GetValue<string>());
        var create = document["paths"]!["/v1/api-keys"]!["post"]!;
        Assert.NotNull(create["security"]);
        Assert.Contains("secretariat", create["description"]!.GetValue<string>());
        Assert.NotNull(create["responses"]!["401"]);
        Assert.NotNull(create["responses"]!["403"]);
    }

    /// <summary>
    /// Every property the document declares matches what the server may send: a null exactly where the C# type allows one.
    /// The server sends null for an unset status, state, timeliness or assessment; a document that forbids it fails a
    /// validating client on the first filing. In OpenAPI 3.1 a nullable enum is oneOf [$ref, {type: null}] (NSwag reads anyOf as an empty class).
    /// </summary>
    [Fact]
    public async Task PropertiesAreNullableExactlyWhereTheServerMaySendNull()
    {
        await using var api = await TestApi.StartAsync();
        var text = await api.Anonymous().GetStringAsync("/swagger/v1/swagger.json");
        Assert.DoesNotContain("\"anyOf\"", text, StringComparison.Ordinal);
        var schemas = JsonNode.Parse(text)!["components"]!["schemas"]!;
        bool Nullable(string schema, string property) => schemas[schema]!["properties"]![property]! is var p
            && (p["oneOf"]?.AsArray().Any(a => a!["type"]?.GetValue<string>() == "null") == true
                || p["type"] is JsonArray types && types.Any(t => t!.GetValue<string>() == "null"));

        Assert.True(Nullable("UpdateDto", "assessedStatus"));
        Assert.True(Nullable("UpdateDto", "timeliness"));
        Assert.True(Nullable("Cell", "state"));
        Assert.True(Nullable("Cell", "status"));
        Assert.True(Nullable("Cell", "timeliness"));
        Assert.True(Nullable("LateEntry", "state"));
        Assert.False(Nullable("UpdateDto", "id"));
        Assert.False(Nullable("UpdateDto", "state"));
        Assert.False(Nullable("UpdateDto", "summary"));
        Assert.True(Nullable("UpdateDto", "details"));
    }

    /// <summary>
    /// A field named like a date, a time or a link says its format, so a field added later without its [DataType] fails
    /// here: *At is date-time, *On and plannedCompletion are date, *url is uri, href is uri-reference.
    /// </summary>
    [Fact]
    public async Task DatesTimesAndLinksDeclareTheirFormat()
    {
        await using var api = await TestApi.StartAsync();
        var schemas = JsonNode.Parse(await api.Anonymous().GetStringAsync("/swagger/v1/swagger.json"))!["components"]!["schemas"]!.AsObject();
        static string? Expected(string name) =>
            name.EndsWith("At", StringComparison.Ordinal) ? "date-time"
            : name.EndsWith("On", StringComparison.Ordinal) || name == "plannedCompletion" ? "date"
            : name.EndsWith("url", StringComparison.OrdinalIgnoreCase) ? "uri"
            : name == "href" ? "uri-reference"
            : null;
        var missing = new List<string>();
        foreach (var (schema, definition) in schemas)
        {
            foreach (var (name, property) in definition!["properties"]?.AsObject() ?? [])
            {
                if (Expected(name) is { } format && property!["format"]?.GetValue<string>() != format) missing.Add($"{schema}.{name} ({format})");
            }
        }
        Assert.True(missing.Count == 0, "these properties do not declare their format: " + string.Join(", ", missing));
        Assert.Equal("uuid", schemas["UpdateDto"]!["properties"]!["id"]!["format"]!.GetValue<string>());
    }

    /// <summary>
    /// The limits the validators check are the document's: lengths, item counts, ranges and patterns come from the same
    /// rules, the fixed-value filters are their enums, ids the server makes are uuids, and the sheet bodies are the sheet.
    /// </summary>
    [Fact]
    public async Task TheDocumentStatesTheLimitsTheServerChecks()
    {
        await using var api = await TestApi.StartAsync();
        var document = JsonNode.Parse(await api.Anonymous().GetStringAsync("/swagger/v1/swagger.json"))!;
        var schemas = document["components"]!["schemas"]!;
        JsonNode Parameter(string path, string method, string name) =>
            document["paths"]![path]![method]!["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == name)!["schema"]!;

        var limit = Parameter("/v1/updates", "get", "limit");
        Assert.Equal(1, limit["minimum"]!.GetValue<int>());
        Assert.Equal(200, limit["maximum"]!.GetValue<int>());
        Assert.EndsWith("/ImplementationStatus", Parameter("/v1/updates", "get", "status")["$ref"]!.GetValue<string>());
        Assert.EndsWith("/UpdateState", Parameter("/v1/updates", "get", "state")["$ref"]!.GetValue<string>());
        Assert.Equal("uuid", Parameter("/v1/updates/{id}", "get", "id")["format"]!.GetValue<string>());
        Assert.Equal(1, Parameter("/v1/updates/{id}/revisions/{number}", "get", "number")["minimum"]!.GetValue<int>());

        var filing = schemas["FileUpdateRequest"]!["properties"]!;
        Assert.Equal(1, filing["summary"]!["minLength"]!.GetValue<int>());
        Assert.Equal(4000, filing["summary"]!["maxLength"]!.GetValue<int>());
        Assert.Equal(20, filing["evidence"]!["maxItems"]!.GetValue<int>());
        Assert.Equal("^[a-z0-9][a-z0-9-]{1,63}$", schemas["CreateCycleRequest"]!["properties"]!["id"]!["pattern"]!.GetValue<string>());
        Assert.Equal(1, schemas["CreateCycleRequest"]!["properties"]!["instruments"]!["minItems"]!.GetValue<int>());

        var bulk = document["paths"]!["/v1/participants/{id}/updates/bulk"]!["post"]!["requestBody"]!["content"]!;
        Assert.Equal("array", bulk["application/json"]!["schema"]!["type"]!.GetValue<string>());
        Assert.Equal(500, bulk["application/json"]!["schema"]!["maxItems"]!.GetValue<int>());
        Assert.Equal("string", bulk["text/csv"]!["schema"]!["type"]!.GetValue<string>());
        Assert.Contains("basedOnRevision:", bulk["text/csv"]!["schema"]!["description"]!.GetValue<string>());
        Assert.Equal("binary", bulk["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]!["schema"]!["format"]!.GetValue<string>());
    }

    /// <summary>Every value of every enum says what it means, and "who may call" names only the narrowest policy.</summary>
    [Fact]
    public async Task EveryEnumValueIsDescribedAndFilingIsNotOfferedToObservers()
    {
        await using var api = await TestApi.StartAsync();
        var document = JsonNode.Parse(await api.Anonymous().GetStringAsync("/swagger/v1/swagger.json"))!;
        var enums = document["components"]!["schemas"]!.AsObject().Where(s => s.Value!["enum"] is not null).ToList();
        Assert.True(enums.Count >= 16, $"{enums.Count} enums");
        foreach (var (name, schema) in enums)
        {
            var values = schema!["enum"]!.AsArray().Select(v => v!.GetValue<string>()).ToList();
            var meanings = schema["x-enum-descriptions"]?.AsArray();
            Assert.True(meanings is not null && meanings.Count == values.Count, $"{name} lacks x-enum-descriptions");
            foreach (var value in values) Assert.Contains($"{value}: ", schema["description"]!.GetValue<string>());
        }
        var filing = document["paths"]!["/v1/updates"]!["post"]!["description"]!.GetValue<string>();
        Assert.Contains("Who may call: secretariat, or a liaison for its own participant.", filing);
        Assert.DoesNotContain("observer", filing);
    }
}

using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Commitments.Tests.Support;

/// <summary>
/// The served OpenAPI document as a contract every response is held to: the operation (path template and method) must
/// document the status, the content type and, for JSON, a schema the body satisfies (JSON Schema 2020-12 with formats
/// asserted); the headers the API sets (ETag, Location, ...) must be documented for that response, and every documented
/// required header must be there.
/// </summary>
public sealed partial class OpenApiContract
{
    /// <summary>Headers the API sets on purpose: each one it sends must be documented on the response that carries it.</summary>
    public static readonly string[] DocumentedHeaders = ["ETag", "Location", "Link", "Idempotent-Replayed", "Retry-After", "WWW-Authenticate"];

    private static readonly ConcurrentDictionary<string, OpenApiContract> ByDocument = new();
    private static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    private readonly JsonObject _document;
    private readonly JsonObject _defs;
    private readonly List<(Regex Pattern, string Template, int Literals)> _paths;
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new();
    private readonly string _id = Guid.NewGuid().ToString("N");

    private OpenApiContract(JsonObject document)
    {
        _document = document;
        _defs = (JsonObject)Rewrite(document["components"]?["schemas"]?.DeepClone() ?? new JsonObject());
        _paths = document["paths"]!.AsObject().Select(p => p.Key)
            .Select(t => (new Regex("^" + TemplateParameter().Replace(Regex.Escape(t).Replace(@"\{", "{"), "[^/]+") + "$"), t,
                t.Split('/').Count(s => !s.StartsWith('{'))))
            .OrderByDescending(p => p.Item3).ToList();
    }

    /// <summary>Responses checked and left unchecked (no documented operation: /swagger, /health, unknown paths) in this test run.</summary>
    public static int Checked => _checked;
    public static int Unchecked => _unchecked;
    private static int _checked;
    private static int _unchecked;
    private static readonly ConcurrentDictionary<string, byte> Covered = new();

    /// <summary>At the end of the test run, the figures go to TestResults/openapi-contract.txt (.ci/run prints them).</summary>
    [System.Runtime.CompilerServices.ModuleInitializer]
    internal static void ReportAtExit() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        if (_checked == 0) return;
        try
        {
            var folder = Path.Combine(Repo.Root, "TestResults");
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "openapi-contract.txt"),
                $"{_checked} responses checked against the served OpenAPI document ({Covered.Count} operation x status pairs); "
                + $"{_unchecked} to paths it does not describe (/swagger, /health, unknown paths).\n");
        }
        catch (IOException)
        {
            // A report is not worth failing the run for.
        }
    };

    public static OpenApiContract For(string documentJson) =>
        ByDocument.GetOrAdd(documentJson, json => new OpenApiContract(JsonNode.Parse(json)!.AsObject()));

    /// <summary>The documented operation of a request, or null when the document has none for its path and method.</summary>
    public (string Template, JsonObject Operation)? OperationOf(HttpMethod method, string path)
    {
        foreach (var (pattern, template, _) in _paths)
        {
            if (!pattern.IsMatch(path)) continue;
            return _document["paths"]![template]![method.Method.ToLowerInvariant()] is JsonObject operation ? (template, operation) : null;
        }
        return null;
    }

    /// <summary>What is wrong with the response by the document; null when it is true to it (or the operation is not documented).</summary>
    /// <param name="count">Count it in the run's figures (responses the test clients received, not cases made up by a test).</param>
    public string? Violation(HttpMethod method, string path, HttpResponseMessage response, string body, bool count = false)
    {
        if (OperationOf(method, path) is not var (template, operation))
        {
            if (count) Interlocked.Increment(ref _unchecked);
            return null;
        }
        var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (count)
        {
            Interlocked.Increment(ref _checked);
            Covered.TryAdd($"{method.Method} {template} {status}", 0);
        }
        var where = $"{method.Method} {template} -> {status}";
        var responses = operation["responses"]!.AsObject();
        if (Resolve(responses[status] ?? responses[status[0] + "XX"] ?? responses["default"]) is not JsonObject documented)
            return $"{where}: status {status} is not documented for this operation (documented: {string.Join(", ", responses.Select(r => r.Key))})";

        var headers = documented["headers"]?.AsObject();
        foreach (var name in DocumentedHeaders)
        {
            var values = HeaderValues(response, name);
            var sent = values is not null;
            var declared = headers?.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
            if (sent && declared is null) return $"{where}: the response carries {name} but the document does not declare it";
            if (sent && Resolve(declared) is JsonObject header && header["schema"]?["pattern"]?.GetValue<string>() is { } pattern
                && !Regex.IsMatch(values!, pattern))
                return $"{where}: header {name} '{values}' does not match its documented pattern {pattern}";
        }
        foreach (var (name, declared) in headers ?? [])
        {
            if (Resolve(declared)?["required"]?.GetValue<bool>() == true && HeaderValues(response, name) is null)
                return $"{where}: the documented required header {name} is missing";
        }

        var content = documented["content"]?.AsObject();
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (method == HttpMethod.Head || body.Length == 0 && mediaType is null)
            return content is { Count: > 0 } && method != HttpMethod.Head ? $"{where}: the document promises a body ({string.Join(", ", content.Select(c => c.Key))}) but none came" : null;
        if (mediaType is null || content?[mediaType] is not JsonObject media)
            return $"{where}: content type {mediaType ?? "(none)"} is not documented (documented: {string.Join(", ", content?.Select(c => c.Key) ?? [])})";
        if (!IsJson(mediaType)) return media["schema"]?["type"]?.GetValue<string>() == "string" ? null : $"{where}: {mediaType} is not described as a string";

        var schema = _schemas.GetOrAdd($"{template} {method.Method} {status} {mediaType}", _ => Build(media["schema"]!));
        using var instance = JsonDocument.Parse(body);
        var result = schema.Evaluate(instance.RootElement, Evaluation);
        if (result.IsValid) return null;
        var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"  {d.InstanceLocation} ({d.EvaluationPath}): {e.Value}")).Take(12);
        return $"{where}: the {mediaType} body does not satisfy the documented schema:\n{string.Join("\n", errors)}\n  body: {Truncate(body)}";
    }

    /// <summary>What is wrong with a JSON value by a schema of the document (an example, a request body); null when it satisfies it.</summary>
    public string? SchemaViolation(JsonNode schema, JsonNode? value, string cacheKey)
    {
        var built = _schemas.GetOrAdd("value " + cacheKey, _ => Build(schema));
        using var instance = JsonDocument.Parse(value?.ToJsonString() ?? "null");
        var result = built.Evaluate(instance.RootElement, Evaluation);
        if (result.IsValid) return null;
        var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"  {d.InstanceLocation} ({d.EvaluationPath}): {e.Value}")).Take(12);
        return string.Join("\n", errors);
    }

    private static string? HeaderValues(HttpResponseMessage response, string name) =>
        response.Headers.NonValidated.TryGetValues(name, out var values) || response.Content.Headers.NonValidated.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;

    public static bool IsJson(string mediaType) => mediaType == "application/json" || mediaType.EndsWith("+json", StringComparison.Ordinal);

    private static string Truncate(string body) => body.Length <= 1500 ? body : body[..1500] + "…";

    /// <summary>A component (response, header) the node refers to with $ref, or the node itself.</summary>
    private JsonNode? Resolve(JsonNode? node)
    {
        for (var hops = 0; node?["$ref"]?.GetValue<string>() is { } reference && hops < 8; hops++)
        {
            node = reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries).Aggregate((JsonNode?)_document, (n, s) => n?[s]);
        }
        return node;
    }

    /// <summary>The response schema with the document's component schemas as $defs, so its references resolve on their own.</summary>
    private JsonSchema Build(JsonNode responseSchema)
    {
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$defs"] = _defs.DeepClone(),
            ["allOf"] = new JsonArray(Rewrite(responseSchema.DeepClone())),
        };
        var uri = new Uri($"urn:commitments-openapi:{_id}:{_schemas.Count}:{Guid.NewGuid():N}");
        return JsonSchema.FromText(root.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() }, uri);
    }

    /// <summary>'#/components/schemas/X' becomes '#/$defs/X'.</summary>
    private static JsonNode Rewrite(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList())
                {
                    if (key == "$ref" && value?.GetValue<string>() is { } reference && reference.StartsWith("#/components/schemas/", StringComparison.Ordinal))
                        o[key] = "#/$defs/" + reference["#/components/schemas/".Length..];
                    else if (value is not null) Rewrite(value);
                }
                break;
            case JsonArray a:
                foreach (var item in a) if (item is not null) Rewrite(item);
                break;
        }
        return node;
    }

    [GeneratedRegex(@"\{[^}/]+\}")]
    private static partial Regex TemplateParameter();
}

/// <summary>A response that is not what the OpenAPI document says: the test that received it fails with the reason.</summary>
public sealed class OpenApiContractException(string message) : Xunit.Sdk.XunitException(message);

/// <summary>Checks every response a test client receives against the served document (see <see cref="OpenApiContract"/>).</summary>
public sealed class OpenApiContractHandler(Func<OpenApiContract> contract) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var path = request.RequestUri!.IsAbsoluteUri ? request.RequestUri.AbsolutePath : request.RequestUri.OriginalString.Split('?')[0];
        if (contract().Violation(request.Method, path, response, body, count: true) is { } violation)
            throw new OpenApiContractException("The response is not what openapi.yaml says.\n" + violation);
        return response;
    }
}

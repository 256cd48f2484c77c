using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Commitments.Tests.Access;
using Commitments.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Commitments.Tests.Foundation;

/// <summary>
/// The examples in the document are what the server takes and answers: a scripted workflow (keys, catalogue, filing,
/// amending, review, receipts and the log, bulk filing, reports, a frozen pack) runs against a test host on a fixed
/// clock, and the first body of each operation x (request | status) x media type becomes its example, with ids, hashes,
/// signatures, keys and trace ids replaced by stable stand-ins and long bodies cut short (see <see cref="StandIns"/>).
/// </summary>
public sealed partial class OpenApiExampleTests(OpenApiExampleTests.Workflow workflow) : IClassFixture<OpenApiExampleTests.Workflow>
{
    private const string Regenerate = "COMMITMENTS_WRITE_EXAMPLES=1 dotnet test tests/Commitments.Tests --filter FullyQualifiedName~OpenApiExampleTests, "
        + "then COMMITMENTS_WRITE_OPENAPI=1 dotnet test tests/Commitments.Tests --filter FullyQualifiedName~OpenApiDocumentTests";

    public static string ExamplesPath => Path.Combine(Repo.Root, "src", "Commitments.Api", "OpenApiExamples", "examples.json");

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialise(JsonObject examples) => examples.ToJsonString(Indented).Replace("\r\n", "\n") + "\n";

    [Fact]
    public async Task TheExamplesAreWhatTheServerAnswersToday()
    {
        var recorded = Serialise(workflow.Examples);
        if (Environment.GetEnvironmentVariable("COMMITMENTS_WRITE_EXAMPLES") == "1") await File.WriteAllTextAsync(ExamplesPath, recorded);
        var committed = File.Exists(ExamplesPath) ? (await File.ReadAllTextAsync(ExamplesPath)).Replace("\r\n", "\n") : "";
        Assert.True(recorded == committed, $"OpenApiExamples/examples.json is not what the server answers now. Regenerate with:\n  {Regenerate}\n"
            + FirstDifference(committed, recorded));
    }

    /// <summary>Every example the served document carries satisfies its schema (JSON Schema 2020-12, formats asserted); every
    /// recorded example is in the document; every JSON request body and every 2xx media type but binary files has one.</summary>
    [Fact]
    public async Task EveryExampleInTheDocumentSatisfiesItsSchemaAndEveryOperationHasThem()
    {
        var served = await workflow.Api.Anonymous().GetStringAsync("/swagger/v1/swagger.json");
        var document = JsonNode.Parse(served)!.AsObject();
        var contract = OpenApiContract.For(served);
        List<string> wrong = [];
        var placed = 0;
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, node) in item!.AsObject())
            {
                var operation = node!.AsObject();
                var id = operation["operationId"]!.GetValue<string>();
                var parts = new List<(string Part, JsonObject Content)>();
                if (operation["requestBody"]?["content"] is JsonObject request) parts.Add(("request", request));
                foreach (var (status, response) in operation["responses"]!.AsObject())
                {
                    if (response!["content"] is JsonObject content) parts.Add((status, content));
                }
                foreach (var (part, content) in parts)
                {
                    foreach (var (mediaType, media) in content)
                    {
                        var where = $"{id} {part} {mediaType}";
                        var schema = media!["schema"]!;
                        if (media["example"] is not { } example)
                        {
                            var needed = part == "request" ? mediaType == "application/json" : part.StartsWith('2') && schema["format"]?.GetValue<string>() != "binary";
                            if (needed) wrong.Add($"{where}: no example");
                            continue;
                        }
                        placed++;
                        if (OpenApiContract.IsJson(mediaType) && contract.SchemaViolation(schema, example, where) is { } violation)
                            wrong.Add($"{where}: the example does not satisfy the schema:\n{violation}");
                        if (!OpenApiContract.IsJson(mediaType) && (example.GetValueKind() != JsonValueKind.String || schema["type"]?.GetValue<string>() != "string"))
                            wrong.Add($"{where}: a {mediaType} example is a string, described as one");
                    }
                }
            }
        }
        var recorded = workflow.Examples.SelectMany(o => o.Value!.AsObject().SelectMany(p => p.Value!.AsObject().Select(m => $"{o.Key} {p.Key} {m.Key}"))).Count();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.True(placed == recorded, $"{recorded} examples recorded, {placed} in the document: an operation, status or media type they name is gone. Regenerate with:\n  {Regenerate}");
    }

    /// <summary>
    /// The document's required lists are the server's: from each JSON request example, each property is left out in turn
    /// (nested objects too: evidence[0].url); a required one must be refused 400 naming it (the status of every failed validation), an optional one must not be.
    /// Every required property is in the example (the example passed the server's validation).
    /// </summary>
    [Fact]
    public async Task ARequestWithoutARequiredPropertyIsRefusedNamingItAndOnlyThen()
    {
        var served = await workflow.Api.Anonymous().GetStringAsync("/swagger/v1/swagger.json");
        var schemas = JsonNode.Parse(served)!["components"]!["schemas"]!.AsObject();
        List<string> wrong = [];
        var probes = 0;
        foreach (var sent in workflow.Requests.Values)
        {
            if (sent.Body is not JsonObject body) continue; // a bulk upload is a list of rows: each row's fields depend on whether it is blank
            foreach (var (field, without, schema) in Omissions(body, schemas[sent.Schema]!.AsObject(), schemas, ""))
            {
                var required = schema["required"]?.AsArray().Select(r => r!.GetValue<string>()).Contains(field.Split('.')[^1]) == true;
                var request = new HttpRequestMessage(sent.Method, sent.Path) { Content = JsonContent.Create(without) };
                using var client = workflow.Api.As(sent.Key);
                if (sent.IfMatch is not null)
                {
                    // The ETag of the update as it is now, so a probe meets the validation and not a stale precondition.
                    var current = await client.GetAsync(UpdatePath().Match(sent.Path).Value);
                    request.Headers.TryAddWithoutValidation("If-Match", current.Headers.ETag!.Tag);
                }
                var response = await client.SendAsync(request);
                probes++;
                var problem = await response.ReadJsonAsync();
                var named = response.StatusCode == HttpStatusCode.BadRequest && problem["errors"]?[field] is not null;
                if (required != named && !ConditionallyRequired.Contains($"{sent.OperationId} {field}"))
                    wrong.Add($"{sent.OperationId} without {field}: the document says {(required ? "required" : "optional")}, the server answered "
                        + $"{(int)response.StatusCode} {problem.ToJsonString()}");
            }
            foreach (var missing in Missing(body, schemas[sent.Schema]!.AsObject(), schemas, ""))
                wrong.Add($"{sent.OperationId}: {missing} is required by the document but the server took the example without it");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.True(probes >= 30, $"only {probes} omissions probed");
    }

    [GeneratedRegex("^/v1/updates/[^/?]+")]
    private static partial Regex UpdatePath();

    /// <summary>Properties required only with another's value; their descriptions say so (a liaison key names its participant).</summary>
    private static readonly HashSet<string> ConditionallyRequired = ["CreateApiKey participantId"];

    /// <summary>The body without each of its properties in turn, nested objects (the first item of a list) included.</summary>
    private static IEnumerable<(string Field, JsonNode Without, JsonObject Schema)> Omissions(JsonObject body, JsonObject schema, JsonObject schemas, string prefix)
    {
        foreach (var (name, value) in body)
        {
            var without = body.DeepClone().AsObject();
            without.Remove(name);
            yield return (prefix + name, without, schema);
            if (ObjectSchema(schema["properties"]?[name], schemas) is not { } nested) continue;
            var (inner, index) = value switch
            {
                JsonObject o => (o, ""),
                JsonArray { Count: > 0 } a when a[0] is JsonObject first => (first, "[0]"),
                _ => (null, ""),
            };
            if (inner is null) continue;
            foreach (var (field, innerWithout, innerSchema) in Omissions(inner, nested, schemas, $"{prefix}{name}{index}."))
            {
                var whole = body.DeepClone().AsObject();
                whole[name] = index == "" ? innerWithout : new JsonArray([innerWithout, .. ((JsonArray)value!).Skip(1).Select(v => v?.DeepClone())]);
                yield return (field, whole, innerSchema);
            }
        }
    }

    private static IEnumerable<string> Missing(JsonObject body, JsonObject schema, JsonObject schemas, string prefix)
    {
        foreach (var name in schema["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? [])
        {
            if (!body.ContainsKey(name)) yield return prefix + name;
        }
        foreach (var (name, value) in body)
        {
            if (ObjectSchema(schema["properties"]?[name], schemas) is not { } nested) continue;
            foreach (var item in value is JsonArray a ? a.OfType<JsonObject>() : value is JsonObject o ? [o] : [])
                foreach (var missing in Missing(item, nested, schemas, $"{prefix}{name}.")) yield return missing;
        }
    }

    /// <summary>The component object schema a property refers to, through a list's items or a nullable oneOf.</summary>
    private static JsonObject? ObjectSchema(JsonNode? property, JsonObject schemas)
    {
        for (var hops = 0; property is not null && hops < 4; hops++)
        {
            if (property["$ref"]?.GetValue<string>() is { } reference) return schemas[reference.Split('/')[^1]] is JsonObject { } s && s["properties"] is not null ? s : null;
            property = property["items"] ?? property["oneOf"]?.AsArray().FirstOrDefault(a => a?["$ref"] is not null);
        }
        return null;
    }

    private static string FirstDifference(string committed, string recorded)
    {
        var a = committed.Split('\n');
        var b = recorded.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var left = i < a.Length ? a[i] : "(end)";
            var right = i < b.Length ? b[i] : "(end)";
            if (left != right) return $"first difference at line {i + 1}:\n  committed: {left}\n  now:       {right}";
        }
        return "";
    }

    /// <summary>A request the workflow sent that the server took (2xx): where, with which key and body.</summary>
    public sealed record SentRequest(string OperationId, string Schema, HttpMethod Method, string Path, string? Key, string? IfMatch, JsonNode? Body);

    /// <summary>The workflow, run once for the class: its host stays up for the probes.</summary>
    public sealed partial class Workflow : IAsyncLifetime
    {
        /// <summary>The Monday before the AI Seoul Summit: seoul-2024 is open and its due date a day away.</summary>
        public static readonly DateTimeOffset Start = new(2024, 5, 6, 9, 0, 0, TimeSpan.Zero);

        private readonly MovableClock _clock = new(Start);
        private readonly List<Exchange> _exchanges = [];

        public TestApi Api { get; private set; } = null!;
        public JsonObject Examples { get; private set; } = null!;
        public Dictionary<string, SentRequest> Requests { get; } = [];

        public async Task InitializeAsync()
        {
            Api = await TestApi.StartAsync(services: s => s.AddSingleton<TimeProvider>(_clock));
            var document = await Api.Anonymous().GetStringAsync("/swagger/v1/swagger.json");
            await RunAsync();
            Examples = Build(OpenApiContract.For(document));
        }

        public async Task DisposeAsync() => await Api.DisposeAsync();

        private HttpClient Client(string? secret) => Api.As(secret, new Recorder(this));

        private sealed record Exchange(HttpMethod Method, string Path, string? Key, string? IfMatch, string? RequestType, string? RequestBody,
            int Status, string? ResponseType, string ResponseBody);

        /// <summary>Records each exchange, and moves the clock on 30 seconds before each request so times read like a session's.</summary>
        private sealed class Recorder(Workflow workflow) : DelegatingHandler
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                workflow._clock.Advance(TimeSpan.FromSeconds(30));
                var requestBody = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
                var response = await base.SendAsync(request, cancellationToken);
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                workflow._exchanges.Add(new(request.Method, request.RequestUri!.IsAbsoluteUri ? request.RequestUri.PathAndQuery : request.RequestUri.OriginalString,
                    request.Headers.TryGetValues("X-Api-Key", out var key) ? key.Single() : null,
                    request.Headers.TryGetValues("If-Match", out var ifMatch) ? ifMatch.Single() : null,
                    request.Content?.Headers.ContentType?.MediaType, requestBody,
                    (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(cancellationToken)));
                return response;
            }
        }

        private static HttpRequestMessage Send(HttpMethod method, string path, object? body = null, string? ifMatch = null, string? accept = null)
        {
            var request = new HttpRequestMessage(method, path);
            if (body is not null) request.Content = JsonContent.Create(body);
            if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            if (accept is not null) request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
            return request;
        }

        private async Task RunAsync()
        {
            var admin = Client(TestApi.SecretariatSecret);
            async Task<JsonNode> Ok(HttpClient client, HttpRequestMessage request, HttpStatusCode status = HttpStatusCode.OK)
            {
                var response = await client.SendAsync(request);
                if (OpenApiContract.IsJson(response.Content.Headers.ContentType?.MediaType ?? "application/json")) return await response.AssertOkAsync(status);
                Assert.Equal(status, response.StatusCode);
                return JsonValue.Create(await response.Content.ReadAsStringAsync());
            }
            async Task Refused(HttpClient client, HttpRequestMessage request, HttpStatusCode status) =>
                await (await client.SendAsync(request)).AssertProblemAsync(status);

            // Access
            await Ok(admin, Send(HttpMethod.Get, "/v1/me"));
            var liaisonKey = await Ok(admin, Send(HttpMethod.Post, "/v1/api-keys", new { role = "liaison", participantId = "GB", label = "UK DSIT liaison" }), HttpStatusCode.Created);
            var gb = Client(liaisonKey["secret"]!.GetValue<string>());
            await Refused(admin, Send(HttpMethod.Post, "/v1/api-keys", new { role = "observer" }), HttpStatusCode.BadRequest);
            var observer = await Ok(admin, Send(HttpMethod.Post, "/v1/api-keys",
                new { role = "observer", label = "Summit press office", expiresAt = "2024-06-30T23:59:59Z" }), HttpStatusCode.Created);
            await Ok(admin, Send(HttpMethod.Get, "/v1/api-keys?limit=2"));
            await Ok(admin, Send(HttpMethod.Delete, $"/v1/api-keys/{observer["key"]!["id"]}"));
            await Ok(admin, Send(HttpMethod.Get, "/v1/audit?limit=2"));

            // Catalogue and cycles
            await Ok(admin, Send(HttpMethod.Get, "/v1/instruments"));
            await Ok(admin, Send(HttpMethod.Get, "/v1/instruments/BD"));
            await Ok(admin, Send(HttpMethod.Get, "/v1/commitments?limit=2"));
            await Ok(admin, Send(HttpMethod.Get, "/v1/commitments/BD-1"));
            await Ok(admin, Send(HttpMethod.Post, "/v1/commitments", new
            {
                id = "SD-9", instrument = "SD", paragraphRef = "Seoul Declaration, para 9", appliesTo = "governments",
                title = "Foster international cooperation on AI safety research",
                quotation = "We commit to foster international cooperation and dialogue on artificial intelligence.",
                sourceUrl = "https://www.gov.uk/government/publications/seoul-declaration-for-safe-innovative-and-inclusive-ai-ai-seoul-summit-2024",
            }), HttpStatusCode.Created);
            await Ok(admin, Send(HttpMethod.Patch, "/v1/commitments/SD-9", new { title = "Foster international cooperation and dialogue on AI" }));
            await Ok(admin, Send(HttpMethod.Get, "/v1/participants?limit=2"));
            await Ok(admin, Send(HttpMethod.Get, "/v1/participants/GB"));
            await Ok(admin, Send(HttpMethod.Post, "/v1/participants", new
            {
                id = "example-lab", name = "Example AI Lab", kind = "company", homeGovernment = "GB", aliases = new[] { "Example Labs Ltd" },
                endorsements = new[] { new { instrument = "FAISC", endorsedOn = "2024-05-21", basis = "original" } },
            }), HttpStatusCode.Created);
            await Ok(admin, Send(HttpMethod.Patch, "/v1/participants/KE", new { name = "Kenya" }));
            await Ok(admin, Send(HttpMethod.Get, "/v1/participants/GB/obligations?cycle=seoul-2024"));
            await Ok(admin, Send(HttpMethod.Get, "/v1/participants/GB/obligations?cycle=seoul-2024", accept: "text/csv"));
            await Ok(admin, Send(HttpMethod.Get, "/v1/cycles?limit=2"));
            await Ok(admin, Send(HttpMethod.Get, "/v1/cycles/seoul-2024"));
            await Ok(admin, Send(HttpMethod.Post, "/v1/cycles", new
            {
                id = "interim-2024", title = "Interim progress, autumn 2024", opensAt = "2024-09-01T00:00:00Z", dueAt = "2024-10-31T23:59:59Z",
                graceUntil = "2024-11-07T23:59:59Z", state = "planned", instruments = new[] { "BD" }, description = "An interim round between summits.",
            }), HttpStatusCode.Created);
            await Ok(admin, Send(HttpMethod.Patch, "/v1/cycles/interim-2024", new { title = "Interim progress, October 2024" }));

            // A progress update: filed, refused twice, amended, submitted, reviewed; its revisions and receipt
            var filing = new
            {
                participantId = "GB", commitmentId = "BD-1", cycleId = "seoul-2024", status = "substantial",
                summary = "The AI Safety Institute was established in November 2023 with initial funding of £100 million.",
                details = "It tests frontier models before and after release and publishes its evaluation approach.",
                mainMessage = "The UK has built state capacity to test frontier AI.",
                evidence = new[] { new { url = "https://www.gov.uk/government/publications/ai-safety-institute-overview", title = "Introducing the AI Safety Institute", kind = "webpage" } },
                confidentiality = "public", plannedCompletion = "2024-12-31", submit = false,
            };
            var update = await Ok(gb, Send(HttpMethod.Post, "/v1/updates", filing), HttpStatusCode.Created);
            var id = update["id"]!.GetValue<string>();
            await Refused(gb, Send(HttpMethod.Post, "/v1/updates", filing), HttpStatusCode.Conflict);
            await Ok(gb, Send(HttpMethod.Get, $"/v1/updates/{id}"));
            var amendment = new
            {
                status = "substantial", summary = filing.summary + " Its first evaluation results were published in May 2024.",
                details = filing.details, mainMessage = filing.mainMessage, evidence = filing.evidence, confidentiality = "public", plannedCompletion = "2024-12-31",
            };
            await Ok(gb, Send(HttpMethod.Put, $"/v1/updates/{id}", amendment, "\"1\""));
            await Refused(gb, Send(HttpMethod.Put, $"/v1/updates/{id}", amendment, "\"1\""), HttpStatusCode.PreconditionFailed);
            await Ok(gb, Send(HttpMethod.Post, $"/v1/updates/{id}/submit", ifMatch: "\"2\""));
            await Ok(admin, Send(HttpMethod.Post, $"/v1/updates/{id}/review",
                new { decision = "accept", comment = "Thank you: clear and well evidenced.", assessedStatus = "substantial", commentVisibility = "participant" }, "\"3\""));
            await Ok(gb, Send(HttpMethod.Get, "/v1/updates?cycle=seoul-2024&limit=2"));
            await Ok(gb, Send(HttpMethod.Get, $"/v1/updates/{id}/revisions"));
            await Ok(gb, Send(HttpMethod.Get, $"/v1/updates/{id}/revisions/1"));
            var receipt = await Ok(gb, Send(HttpMethod.Get, $"/v1/updates/{id}/revisions/1/receipt"));
            var second = await Ok(gb, Send(HttpMethod.Post, "/v1/updates", new
            {
                participantId = "GB", commitmentId = "ST-1", cycleId = "seoul-2024", status = "limited",
                summary = "Pre-deployment testing agreements signed with two developers.", confidentiality = "public", submit = true,
            }), HttpStatusCode.Created);
            await Ok(gb, Send(HttpMethod.Post, $"/v1/updates/{second["id"]}/withdraw"));
            await Ok(gb, Send(HttpMethod.Post, $"/v1/updates/{second["id"]}/reopen"));
            await Ok(gb, Send(HttpMethod.Post, "/v1/participants/GB/updates/bulk?cycle=seoul-2024", new[]
            {
                new { commitmentId = "BD-2", status = "limited", summary = "Research partnerships with two allied institutes.", confidentiality = "public", submit = true },
            }));

            // Report once: the crosswalk, and one answer copied across the obligations it links
            var link = await Ok(admin, Send(HttpMethod.Post, "/v1/commitment-links", new
            {
                commitmentId = "SD-9", linkedCommitmentId = "BD-1", relation = "asks_same",
                note = "Both ask governments to work together internationally on AI safety research.",
            }), HttpStatusCode.Created);
            await Ok(admin, Send(HttpMethod.Get, $"/v1/commitment-links/{link["id"]}"));
            // Links made under the test's clock: the seeded ones carry the time the template database was seeded.
            await Ok(gb, Send(HttpMethod.Get, "/v1/commitments/SD-9/links"));
            await Ok(admin, Send(HttpMethod.Delete, $"/v1/commitment-links/{link["id"]}"));
            var testing = await Ok(gb, Send(HttpMethod.Post, "/v1/updates", new
            {
                participantId = "GB", commitmentId = "ST-4", cycleId = "seoul-2024", status = "substantial",
                summary = "The AI Safety Institute tests frontier models before and after deployment.", confidentiality = "public", submit = false,
            }), HttpStatusCode.Created);
            await Ok(gb, Send(HttpMethod.Post, $"/v1/updates/{testing["id"]}/copies", new { commitments = new[] { "BD-7d", "CS-2" }, submit = false }));

            // The log
            var head = await Ok(admin, Send(HttpMethod.Get, "/v1/log/tree-head"));
            await Ok(admin, Send(HttpMethod.Get, $"/v1/log/proofs/inclusion?update={receipt["updateId"]}&revision={receipt["revisionHash"]}"));
            await Ok(admin, Send(HttpMethod.Get, $"/v1/log/proofs/consistency?from=2&to={head["treeSize"]}"));
            await Ok(admin, Send(HttpMethod.Get, "/.well-known/commitments-log-key"));

            // Reports
            await Ok(admin, Send(HttpMethod.Post, "/v1/cycles/seoul-2024/exemptions",
                new { participantId = "GB", commitmentId = "CS-3", reason = "Reported through the G7 Hiroshima Process instead." }), HttpStatusCode.Created);
            await Ok(admin, Send(HttpMethod.Get, "/v1/cycles/seoul-2024/exemptions"));
            await Ok(admin, Send(HttpMethod.Put, "/v1/cycles/seoul-2024/speakers", new { participantIds = new[] { "KR", "GB" } }));
            await Ok(admin, Send(HttpMethod.Get, "/v1/cycles/seoul-2024/speakers"));
            await Ok(admin, Send(HttpMethod.Get, "/v1/cycles/seoul-2024/coverage"));
            await Ok(admin, Send(HttpMethod.Get, "/v1/cycles/seoul-2024/late"));
            await Ok(gb, Send(HttpMethod.Get, "/v1/participants/GB/digest?cycle=seoul-2024"));
            await Ok(admin, Send(HttpMethod.Get, "/v1/cycles/seoul-2024/briefing-pack?audience=public"));
            await Ok(admin, Send(HttpMethod.Get, "/v1/cycles/seoul-2024/briefing-pack?audience=public", accept: "text/csv"));
            await Ok(admin, Send(HttpMethod.Get, "/v1/cycles/seoul-2024/briefing-pack?audience=public", accept: "text/html"));
            var frozen = await Ok(admin, Send(HttpMethod.Post, "/v1/cycles/seoul-2024/briefing-packs",
                new { asOf = _clock.GetUtcNow().UtcDateTime, audience = "public" }), HttpStatusCode.Created);
            await Ok(admin, Send(HttpMethod.Get, $"/v1/briefing-packs/{frozen["id"]}"));
            await Ok(admin, Send(HttpMethod.Get, $"/v1/briefing-packs/{frozen["id"]}", accept: "text/csv"));
            await Ok(admin, Send(HttpMethod.Get, $"/v1/briefing-packs/{frozen["id"]}", accept: "text/html"));
        }

        /// <summary>The first body per operation x part x media type, in a stable order, made stable in its values and short.</summary>
        private JsonObject Build(OpenApiContract contract)
        {
            var stand = new StandIns();
            var found = new SortedDictionary<string, SortedDictionary<string, SortedDictionary<string, JsonNode?>>>(StringComparer.Ordinal);
            foreach (var exchange in _exchanges)
            {
                var path = exchange.Path.Split('?')[0];
                if (contract.OperationOf(exchange.Method, path) is not var (_, operation)) continue;
                var id = operation["operationId"]!.GetValue<string>();
                if (!found.TryGetValue(id, out var parts)) found[id] = parts = new(StringComparer.Ordinal);
                var took = exchange.Status is >= 200 and < 300;
                if (took && exchange.RequestBody is { Length: > 0 } && exchange.RequestType is { } requestType)
                {
                    var body = Body(requestType, exchange.RequestBody);
                    if (Add(parts, "request", requestType, stand.Apply(body?.DeepClone(), shorten: false)))
                    {
                        var schema = operation["requestBody"]!["content"]![requestType]!["schema"]!["$ref"]?.GetValue<string>().Split('/')[^1] ?? "";
                        Requests[id] = new(id, schema, exchange.Method, exchange.Path, exchange.Key, exchange.IfMatch, body);
                    }
                }
                if (exchange.ResponseType is { } responseType && exchange.ResponseBody.Length > 0)
                    Add(parts, exchange.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), responseType,
                        stand.Apply(Body(responseType, exchange.ResponseBody), shorten: true));
            }
            var examples = new JsonObject();
            foreach (var (id, parts) in found.Where(f => f.Value.Count > 0))
            {
                var byPart = new JsonObject();
                foreach (var (part, byMediaType) in parts.OrderBy(p => p.Key == "request" ? "" : p.Key, StringComparer.Ordinal))
                    byPart[part] = new JsonObject(byMediaType.Select(m => KeyValuePair.Create(m.Key, m.Value)));
                examples[id] = byPart;
            }
            return examples;
        }

        private static bool Add(SortedDictionary<string, SortedDictionary<string, JsonNode?>> parts, string part, string mediaType, JsonNode? value)
        {
            if (!parts.TryGetValue(part, out var byMediaType)) parts[part] = byMediaType = new(StringComparer.Ordinal);
            return byMediaType.TryAdd(mediaType, value);
        }

        private static JsonNode? Body(string mediaType, string text) => OpenApiContract.IsJson(mediaType) ? JsonNode.Parse(text) : JsonValue.Create(text);
    }

    /// <summary>
    /// Stable stand-ins for what differs from run to run: each uuid, SHA-256 hex digest, API key secret (and its prefix) and
    /// base64 hash, signature or key becomes a fixed value of the same shape, numbered in the order first met, so one id
    /// reads the same across examples; a paging cursor is rewritten inside; a trace id becomes one fixed W3C trace id.
    /// Response lists keep their first two items (one within a list item); CSV its first three lines; HTML its first
    /// 1,200 characters, its style sheet left out.
    /// </summary>
    private sealed partial class StandIns
    {
        private readonly Dictionary<string, string> _seen = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _keys = new(StringComparer.Ordinal);

        public JsonNode? Apply(JsonNode? node, bool shorten, int depth = 0)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (key, value) in o.ToList())
                    {
                        o[key] = (key, value) switch
                        {
                            ("traceId", _) => "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00",
                            ("next", JsonValue v) when v.GetValueKind() == JsonValueKind.String =>
                                System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(Text(
                                    System.Text.Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(v.GetValue<string>())), shorten: false))),
                            _ => Apply(value, shorten, depth),
                        };
                    }
                    return o;
                case JsonArray a:
                    var items = a.Select(i => Apply(i?.DeepClone(), shorten, depth + 1)).Take(!shorten ? int.MaxValue : depth == 0 ? 2 : 1).ToList();
                    return new JsonArray([.. items]);
                case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                    return JsonValue.Create(Text(v.GetValue<string>(), shorten));
                default:
                    return node?.DeepClone();
            }
        }

        private string Text(string text, bool shorten)
        {
            text = Uuid().Replace(text, m => Stand(m.Value, n => $"0190{n:x4}-0000-7000-8000-{n:x12}"));
            text = Sha256().Replace(text, m => Stand(m.Value, n => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(n)))));
            text = Secret().Replace(text, m => $"cmt_ex{Key(m.Value[..12]):D6}-example-secret-0123456789abcdef");
            text = KeyPrefix().Replace(text, m => $"cmt_ex{Key(m.Value):D6}");
            // A hex digest is already a stand-in; base64 is what is left.
            text = Base64().Replace(text, m => Hex().IsMatch(m.Value) ? m.Value : Stand(m.Value, n => SameLength(m.Value, n)));
            if (!shorten) return text;
            if (text.StartsWith("<!DOCTYPE", StringComparison.OrdinalIgnoreCase))
            {
                text = StyleSheet().Replace(text, "<style>/* … */</style>");
                return text.Length > 1200 ? text[..1200] + "…" : text;
            }
            var lines = text.Split('\n');
            return lines.Length > 4 && text.Contains(',') && !text.Contains('<') ? string.Join('\n', lines.Take(3)) + "\n" : text;
        }

        /// <summary>The number of an API key, by the first 12 characters of its secret (its prefix).</summary>
        private int Key(string prefix)
        {
            if (!_keys.TryGetValue(prefix, out var n)) _keys[prefix] = n = _keys.Count + 1;
            return n;
        }

        /// <summary>
        /// Base64 made from the number, its length rounded up to 16 characters and unpadded: a DER signature is 70 to 72
        /// bytes from one signing to the next, and its stand-in must not change with it.
        /// </summary>
        private static string SameLength(string value, int n)
        {
            var length = (value.TrimEnd('=').Length + 15) / 16 * 16;
            var filler = string.Concat(Enumerable.Range(0, length / 64 + 1)
                .Select(i => Convert.ToBase64String(System.Security.Cryptography.SHA512.HashData(BitConverter.GetBytes(n * 1000 + i)))[..64]));
            return filler[..length];
        }

        private string Stand(string value, Func<int, string> make)
        {
            if (_seen.TryGetValue(value, out var known)) return known;
            return _seen[value] = make(_seen.Count + 1);
        }

        [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
        private static partial Regex Uuid();

        [GeneratedRegex("(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])")]
        private static partial Regex Sha256();

        [GeneratedRegex("<style>.*?</style>", RegexOptions.Singleline)]
        private static partial Regex StyleSheet();

        [GeneratedRegex("^[0-9a-f]+$")]
        private static partial Regex Hex();

        [GeneratedRegex("(?<![A-Za-z0-9_-])cmt_[A-Za-z0-9_-]{8}(?![A-Za-z0-9_-])")]
        private static partial Regex KeyPrefix();

        [GeneratedRegex("cmt_[A-Za-z0-9_-]{20,}")]
        private static partial Regex Secret();

        [GeneratedRegex("(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{40,}={0,2}")]
        private static partial Regex Base64();
    }
}

using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Commitments.Api.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Commitments.Api.Hosting;

/// <summary>
/// The conventions that keep the document true to the server without per-DTO edits, so a new field or endpoint is
/// described the same way: nullable references as oneOf [$ref, null], every property of a response schema required (the
/// serializer writes every property, null included), custom formats, problem documents with their extension members.
/// </summary>
internal static class OpenApiConventions
{
    /// <summary>Headers the API sets, as components/headers; responses refer to them.</summary>
    public static readonly IReadOnlyDictionary<string, OpenApiHeader> Headers = new Dictionary<string, OpenApiHeader>
    {
        ["ETag"] = new()
        {
            Description = "The strong entity tag of the representation, quoted: an update's revision (\"3\"); a frozen pack's SHA-256 in hex, "
                + "followed by -csv or -html for those renderings of it.",
            Required = true,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^\"[0-9a-f]+(-csv|-html)?\"$" },
            Example = JsonValue.Create("\"3\""),
        },
        [ConditionalGet.Component] = new()
        {
            Description = "The weak entity tag of a report as of now (no asOf): it changes with every write that can change the report "
                + "(updates, reviews, exemptions, speakers, frozen packs, the catalogue), with the day and the cycle's due and grace dates "
                + "passing, and differs per audience and rendering. Send it back in If-None-Match: while it is current the answer is 304 with no body. "
                + "Reports as of an earlier time carry none.",
            Required = false, // reports as of an earlier time carry none
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^W/\"[0-9a-f]{32}\"$" },
            Example = JsonValue.Create("W/\"3f2a9c0d41b6e8a75c19d2e0f4a6b831\""),
        },
        ["Location"] = new()
        {
            Description = "Where the created resource can be read, as a path on this server.",
            Required = true,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference" },
        },
        ["Link"] = new()
        {
            Description = "Present while there is a next page: <the same query with the next cursor>; rel=\"next\".",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^<[^>]+>; rel=\"next\"$" },
        },
        ["Idempotent-Replayed"] = new()
        {
            Description = "true when this is the stored first response to an earlier request with the same Idempotency-Key: nothing was done again.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("true")] },
        },
        ["Retry-After"] = new()
        {
            Description = "Seconds to wait before trying again.",
            Required = true,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[0-9]+$" },
        },
        [RateLimitPolicy.PolicyHeader] = new()
        {
            Description = "The allowance of the API key (draft-ietf-httpapi-ratelimit-headers): q requests per window of w seconds, refilled in full each window; "
                + "sent on every response to a request with a valid key.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^\"per-key\";q=[0-9]+;w=[0-9]+$" },
            Example = JsonValue.Create("\"per-key\";q=200;w=10"),
        },
        [RateLimitPolicy.Header] = new()
        {
            Description = "What is left of the key's allowance after this request: r requests, and t seconds at most until the window refills it (0 when it is full). "
                + "At r=0 the next request is 429 until then.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^\"per-key\";r=[0-9]+;t=[0-9]+$" },
            Example = JsonValue.Create("\"per-key\";r=187;t=10"),
        },
        ["WWW-Authenticate"] = new()
        {
            Description = "The scheme to authenticate with: ApiKey, in the X-Api-Key header.",
            Required = true,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^ApiKey" },
        },
    };

    /// <summary>Refusals any operation can meet, as components/responses (status, description, headers it carries).</summary>
    public static readonly IReadOnlyList<(string Status, string Id, string Description, string[] Headers)> SharedRefusals =
    [
        ("401", "Unauthorized", "No API key where one is required, or a key that is unknown, revoked, expired or malformed (even on a public read).", ["WWW-Authenticate"]),
        ("403", "Forbidden", "The key's role may not do this.", []),
        ("413", "ContentTooLarge", "The request carries a body over 256 KiB (any request: the limit is checked before routing).", []),
        ("414", "UriTooLong", "The request line is over 8 KiB.", []),
        ("415", "UnsupportedMediaType", "The body is not of a media type the operation takes (application/json; the bulk upload also takes CSV and XLSX).", []),
        ("429", "TooManyRequests", "Too many requests for this key, or too many failed keys from this address; see Retry-After.", ["Retry-After"]),
        ("431", "RequestHeaderFieldsTooLarge", "More than 100 headers, or more than 32 KiB of them.", []),
        ("500", "InternalServerError", "An unexpected error; quote the traceId when reporting it.", []),
        ("503", "ServiceUnavailable", "The database is unavailable or busy; nothing was changed; see Retry-After.", ["Retry-After"]),
    ];

    public const string ProblemSchema = "ProblemDetails";
    public const string ValidationProblemSchema = "HttpValidationProblemDetails";

    /// <summary>Reference to a component schema; the document resolves it when it is written.</summary>
    public static OpenApiSchemaReference Ref(string id) => new(id, null);
}

/// <summary>
/// In OpenAPI 3.1 a nullable enum or object is <c>oneOf: [$ref, {type: 'null'}]</c> (the branches are disjoint, and NSwag
/// reads oneOf as a nullable typed property where it makes anyOf an empty class); <c>allOf</c> plus <c>type: 'null'</c> would allow null only. A property that is not nullable is a plain <c>$ref</c> (3.1 allows its description beside it).
/// </summary>
internal sealed class NullableReferenceFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties: { Count: > 0 } properties }) return;
        foreach (var (name, property) in properties.ToList())
        {
            if (property is not OpenApiSchema { AllOf: [OpenApiSchemaReference reference] } wrapper || wrapper.Properties is { Count: > 0 }) continue;
            var id = reference.Reference.Id!;
            properties[name] = wrapper.Type == JsonSchemaType.Null
                ? new OpenApiSchema { Description = wrapper.Description, OneOf = [OpenApiConventions.Ref(id), new OpenApiSchema { Type = JsonSchemaType.Null }] }
                : new OpenApiSchemaReference(id, null) { Description = wrapper.Description };
        }
    }
}

/// <summary><c>[DataType("uuid")]</c> on a property gives its schema that format (Swashbuckle maps only the named data types).</summary>
internal sealed class CustomFormatFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties: { Count: > 0 } properties } || context.Type is null) return;
        foreach (var property in context.Type.GetProperties())
        {
            if (property.GetCustomAttribute<DataTypeAttribute>() is { DataType: System.ComponentModel.DataAnnotations.DataType.Custom, CustomDataType: { } format }
                && properties.TryGetValue(JsonNamingPolicy.CamelCase.ConvertName(property.Name), out var target) && target is OpenApiSchema s)
                s.Format = format;
        }
    }
}

/// <summary>
/// RFC 9457 problem documents as ProblemJsonWriter writes them: type, title, status and traceId always; detail almost
/// always; and the extension members the API sends. additionalProperties is false, so the response check over the test
/// suite fails on any member not described here.
/// </summary>
internal sealed class ProblemSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema s || (context.Type != typeof(ProblemDetails) && context.Type != typeof(HttpValidationProblemDetails))) return;
        var validation = context.Type == typeof(HttpValidationProblemDetails);
        var updateState = context.SchemaGenerator.GenerateSchema(typeof(UpdateState), context.SchemaRepository);
        s.Type = JsonSchemaType.Object;
        s.AdditionalPropertiesAllowed = false;
        s.AdditionalProperties = null;
        s.Description = validation
            ? "An RFC 9457 problem document for a request that is invalid: errors names each field at fault."
            : "An RFC 9457 problem document. Every refusal (4xx, 5xx) is one, whatever the request's Accept header.";
        s.Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String, Format = "uri",
                Description = $"The kind of problem, one of the types the document's description lists ({ProblemTypes.Base}...): branch on it, not on title or detail.",
                Example = JsonValue.Create(ProblemTypes.AlreadyFiled.Uri),
            },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A short summary of the kind of problem." },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "400", Maximum = "599" },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "What went wrong with this request, and what to do." },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference" },
            ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The id the server's log lines for this request carry; quote it when reporting a problem." },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "400 and some 422: the messages for each field at fault, by its JSON name (evidence[0].url) or header name (If-Match).",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
            ["currentState"] = new OpenApiSchemaReference(((OpenApiSchemaReference)updateState).Reference.Id!, null)
            {
                Description = "409 on an update: the state the update is in, which does not allow the action.",
            },
            ["existingId"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid", Description = "409 on filing: the id of the update that already exists for the participant, commitment and cycle; on copying: the target's update that cannot be amended; on linking commitments: the link that already joins them." },
            ["existing"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference", Description = "409 on filing or linking: the path of that update or link." },
            ["target"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "On copying an update across the crosswalk: the linked obligation's commitment whose copy was refused (nothing was copied)." },
            ["available"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Description = "406: the media types the resource is available as.",
                Items = new OpenApiSchema { Type = JsonSchemaType.String },
            },
        };
        s.Required = new HashSet<string>(validation ? ["type", "title", "status", "traceId", "errors"] : ["type", "title", "status", "traceId"]);
    }
}

/// <summary>
/// Every schema reached from a response (and from no request body) lists all its properties as required: the server's
/// serializer writes every property, null included, so a generated client can rely on each being there. Schemas that
/// state their own required list (problem documents) keep it.
/// </summary>
internal sealed class ResponseSchemasAreCompleteFilter : IDocumentFilter
{
    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var schemas = document.Components?.Schemas;
        if (schemas is null) return;
        var sent = new HashSet<string>();
        var received = new HashSet<string>();
        foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()))
        {
            foreach (var response in operation.Responses?.Values ?? Enumerable.Empty<IOpenApiResponse>())
                foreach (var media in response.Content?.Values ?? Enumerable.Empty<OpenApiMediaType>()) Reach(media.Schema, schemas, sent);
            foreach (var media in operation.RequestBody?.Content?.Values ?? Enumerable.Empty<OpenApiMediaType>()) Reach(media.Schema, schemas, received);
        }
        foreach (var id in sent.Except(received))
        {
            if (schemas[id] is OpenApiSchema { Properties.Count: > 0 } schema && schema.Required is not { Count: > 0 })
                schema.Required = new HashSet<string>(schema.Properties.Keys);
        }
    }

    /// <summary>Adds the ids of the component schemas <paramref name="schema"/> refers to, directly or through others.</summary>
    internal static void Reach(IOpenApiSchema? schema, IDictionary<string, IOpenApiSchema> schemas, HashSet<string> ids)
    {
        switch (schema)
        {
            case null:
                return;
            case OpenApiSchemaReference reference:
                if (reference.Reference.Id is { } id && ids.Add(id) && schemas.TryGetValue(id, out var target)) Reach(target, schemas, ids);
                return;
        }
        foreach (var property in schema.Properties?.Values ?? Enumerable.Empty<IOpenApiSchema>()) Reach(property, schemas, ids);
        foreach (var part in (schema.AllOf ?? []).Concat(schema.AnyOf ?? []).Concat(schema.OneOf ?? [])) Reach(part, schemas, ids);
        Reach(schema.Items, schemas, ids);
        Reach(schema.AdditionalProperties, schemas, ids);
    }
}

/// <summary>
/// Per operation: who may call it (public reads take an optional key), the refusals every operation can meet, the
/// headers its responses carry, the If-Match it requires, and the values its fixed-value query parameters take.
/// </summary>
internal sealed class OperationConventionsFilter(IServiceProvider services) : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        var policies = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Distinct().ToList();
        var responses = operation.Responses ??= new OpenApiResponses();
        var key = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, context.Document)] = [] };
        operation.Security ??= [];
        var hasBody = operation.RequestBody is not null;
        if (!anonymous && policies.Count > 0)
        {
            operation.Security.Add(key);
            // Every policy applies; "any valid key" says nothing beside a narrower one.
            var roles = string.Join("; ", (policies.Count > 1 ? policies.Where(p => p != Policies.KeyHolder) : policies).Select(Describe));
            operation.Description = string.IsNullOrEmpty(operation.Description) ? $"Who may call: {roles}." : $"{operation.Description}\n\nWho may call: {roles}.";
        }
        else
        {
            // Anyone may call; a key that is sent is checked (401 when it is not valid), so the key is optional.
            operation.Security.Add(new OpenApiSecurityRequirement());
            operation.Security.Add(key);
            operation.Description = string.IsNullOrEmpty(operation.Description) ? "Who may call: anyone, no key needed." : operation.Description;
        }
        foreach (var (status, id, _, _) in OpenApiConventions.SharedRefusals)
        {
            if (status == "403" && (anonymous || policies.Count == 0)) continue;
            if (status == "415" && !hasBody) continue; // 413 can meet any request: the limit is on the declared length of any body
            responses[status] = new OpenApiResponseReference(id, null);
        }

        foreach (var (status, response) in responses)
        {
            if (response is not OpenApiResponse r) continue;
            if (status == "201") Header(r, "Location");
            if (status.StartsWith('2') && r.Content?.Values.Any(m => m.Schema is OpenApiSchemaReference { Reference.Id: { } id } && id.StartsWith("PageOf", StringComparison.Ordinal)) == true)
                Header(r, "Link");
            foreach (var declared in metadata.OfType<ResponseHeaderMetadata>().Where(h => h.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture) == status))
                Header(r, declared.Header, declared.Component);
            if (status.StartsWith('2') && operation.Parameters?.Any(p => p.Name == "Idempotency-Key") == true) Header(r, "Idempotent-Replayed");
            if (status[0] is '2' or '4' || status == "304")
            {
                Header(r, RateLimitPolicy.PolicyHeader);
                Header(r, RateLimitPolicy.Header);
            }
            foreach (var (type, media) in r.Content ?? new Dictionary<string, OpenApiMediaType>())
            {
                if (type.StartsWith("text/", StringComparison.Ordinal))
                    media.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = $"The same content rendered as {type}." };
                else if (type.StartsWith("application/vnd.", StringComparison.Ordinal))
                    media.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = $"The same content as a {type} file." };
            }
        }

        SheetBodies(operation);
        if (operation.OperationId is { } operationId && ReaderSummaries.TryGetValue(operationId, out var summary)) operation.Summary = summary;
        PathParameters(operation, context.ApiDescription.RelativePath ?? "");

        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            switch (parameter.Name)
            {
                case "If-Match":
                    // Where the server answers 428 without it, it is required.
                    parameter.Required = responses.ContainsKey("428");
                    parameter.Description = "The ETag of the revision the change is based on, quoted as the server sent it (\"3\"), or * for any; "
                        + (parameter.Required ? "without it the answer is 428, with a stale one 412." : "a stale one is 412.");
                    parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^(\\*|\"[0-9]+\")$" };
                    parameter.Example = JsonValue.Create("\"1\"");
                    break;
                case "If-None-Match":
                    parameter.Description = "The ETag of the copy of this report as of now the client holds (W/\"...\"), or several, comma-separated; "
                        + "while one is current the answer is 304 with no body. Ignored with an earlier asOf.";
                    parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String };
                    parameter.Example = JsonValue.Create("W/\"3f2a9c0d41b6e8a75c19d2e0f4a6b831\"");
                    break;
                case "Idempotency-Key":
                    parameter.Description = "Makes a retry safe: the same key with the same body answers the first response again (Idempotent-Replayed: true); "
                        + "with another body it is 422. 1 to 200 visible ASCII characters, per API key.";
                    parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = 200, Pattern = "^[!-~]+$" };
                    parameter.Example = JsonValue.Create("gb-bd1-2024-05-01");
                    break;
            }
        }
        ApplyValueLists(operation, context);
    }

    /// <summary>
    /// A request body sent as the obligations sheet is the sheet, not JSON: CSV as text, XLSX as a binary file, each with its
    /// columns described; the JSON array of rows holds at most as many rows as the server reads.
    /// </summary>
    private static void SheetBodies(OpenApiOperation operation)
    {
        if (operation.RequestBody is not OpenApiRequestBody { Content: { } content } body || !content.ContainsKey(Features.Updates.ObligationSheet.CsvMediaType)) return;
        var columns = string.Join("; ", Features.Updates.ObligationSheet.Columns.Select(c => $"{c}: {Features.Updates.ObligationSheet.ColumnDescriptions[c]}"));
        const string template = "The obligations template (GET /v1/participants/{id}/obligations?cycle=...) filled in; its first row names the columns, "
            + "in any order, and a missing column reads as empty. ";
        foreach (var (type, media) in content)
        {
            if (type == Features.Updates.ObligationSheet.CsvMediaType)
            {
                media.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = $"{template}RFC 4180 CSV, UTF-8, e.g. "
                    + "'commitmentId,status,summary,confidentiality,submit' then 'BD-2,limited,Research partnerships.,public,yes'. "
                    + $"Columns: {columns}." };
            }
            else if (type == Features.Updates.ObligationSheet.XlsxMediaType)
                media.Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.String, Format = "binary",
                    Description = $"{template}An XLSX workbook; its first worksheet is read. Columns: {columns}.",
                };
            else if (media.Schema is OpenApiSchema { Type: JsonSchemaType.Array } array)
                array.MaxItems = Features.Updates.BulkFileUpdates.MaxRows;
        }
        body.Description ??= "The rows, as the media type in Content-Type: a JSON array, the CSV sheet or the XLSX workbook.";
    }

    /// <summary>
    /// Where a handler's comment speaks to the code's reader (which rule or query it relies on), the document says what the
    /// operation answers instead.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> ReaderSummaries = new Dictionary<string, string>
    {
        ["GetObligations"] = "The commitments a participant must report on in a cycle (those of the instruments it endorsed that bind its kind), "
            + "each with its update where the caller may see it; as JSON, or as the CSV or XLSX template for bulk filing",
        ["ListUpdates"] = "The progress updates the caller may see, filtered by participant, commitment, cycle, status, state or change time, in creation order",
        ["GetReceipt"] = "The signed receipt of one revision, with its inclusion in the log: to whoever may see that revision (to anyone else it does not exist). "
            + "A receipt holds hashes, never content",
    };

    /// <summary>What the path parameter of each kind of resource names; the ids the server makes (UUIDv7) are format uuid.</summary>
    private static readonly IReadOnlyDictionary<string, (string Description, bool Uuid)> PathIds = new Dictionary<string, (string, bool)>
    {
        ["api-keys"] = ("The API key's id (not its secret), as the list of keys and GET /v1/me give it.", true),
        ["instruments"] = ("The instrument's code, e.g. BD (the Bletchley Declaration).", false),
        ["commitments"] = ("The commitment's id, e.g. BD-1.", false),
        ["commitment-links"] = ("The crosswalk link's id, as linking the commitments answered it.", true),
        ["participants"] = ("The participant's id, e.g. GB.", false),
        ["cycles"] = ("The reporting cycle's id, e.g. seoul-2024.", false),
        ["updates"] = ("The progress update's id, as filing it answered it (Location, id).", true),
        ["briefing-packs"] = ("The frozen briefing pack's id, as freezing it answered it.", true),
    };

    /// <summary>Every path parameter says what it names; a revision number is 1 or more.</summary>
    private static void PathParameters(OpenApiOperation operation, string path)
    {
        var segments = path.Split('/');
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>().Where(p => p.In == ParameterLocation.Path) ?? [])
        {
            var at = Array.IndexOf(segments, "{" + parameter.Name + "}");
            if (parameter.Name == "number")
            {
                parameter.Description ??= "The revision's number: 1 for the filing, one more for each change since.";
                if (parameter.Schema is OpenApiSchema number) number.Minimum = "1";
            }
            else if (at > 0 && PathIds.TryGetValue(segments[at - 1], out var id))
            {
                parameter.Description ??= id.Description;
                if (id.Uuid && parameter.Schema is OpenApiSchema uuid) uuid.Format = "uuid";
            }
        }
    }

    private static void Header(OpenApiResponse response, string name, string? component = null)
    {
        response.Headers ??= new Dictionary<string, IOpenApiHeader>();
        response.Headers[name] = new OpenApiHeaderReference(component ?? name, null);
    }

    /// <summary>Query parameters validated as one of a list of values (<see cref="IOneOfRule"/>) get that list as their enum.</summary>
    private void ApplyValueLists(OpenApiOperation operation, OperationFilterContext context)
    {
        foreach (var input in context.MethodInfo.GetParameters().Where(p => p.GetCustomAttribute<AsParametersAttribute>() is not null))
        {
            if (services.GetService(typeof(IValidator<>).MakeGenericType(input.ParameterType)) is not IValidator validator) continue;
            var names = input.ParameterType.GetConstructors().SelectMany(c => c.GetParameters())
                .ToDictionary(p => p.Name!, p => p.GetCustomAttribute<FromQueryAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name!),
                    StringComparer.OrdinalIgnoreCase); // a rule's OverridePropertyName("status") names the record's Status
            foreach (var member in validator.CreateDescriptor().GetMembersWithValidators())
            {
                if (member.Select(m => m.Validator).OfType<IOneOfRule>().FirstOrDefault() is not { } rule || !names.TryGetValue(member.Key, out var name)) continue;
                if (operation.Parameters?.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == name && p.In == ParameterLocation.Query) is not { } parameter) continue;
                parameter.Schema = rule.Vocabulary is { } vocabulary
                    ? context.SchemaGenerator.GenerateSchema(vocabulary, context.SchemaRepository)
                    : new OpenApiSchema { Type = JsonSchemaType.String, Enum = rule.Values.Select(v => (JsonNode)JsonValue.Create(v)).ToList() };
            }
        }
    }

    private static string Describe(string policy) => policy switch
    {
        Policies.Secretariat => "secretariat",
        Policies.Filer => "secretariat, or a liaison for its own participant",
        Policies.KeyHolder => "any valid key (secretariat, liaison, observer)",
        _ => policy,
    };
}

/// <summary>What the document says about itself: where to send requests, terms, whom to ask, and what each tag groups.</summary>
internal sealed class DocumentInfoFilter : IDocumentFilter
{
    public static readonly IReadOnlyDictionary<string, string> TagDescriptions = new Dictionary<string, string>
    {
        ["Access"] = "API keys and who a key belongs to. Keys go in the X-Api-Key header; the secret is shown once.",
        ["Catalogue"] = "Instruments, commitments and participants with their endorsements and obligations: anyone may read them, the secretariat writes them.",
        ["Cycles"] = "Reporting cycles: their dates, state and the instruments in scope. Anyone may read them, the secretariat writes them.",
        ["Log"] = "The append-only log over every revision and frozen pack: signed tree heads, inclusion and consistency proofs (RFC 9162).",
        ["Progress updates"] = "Updates filed against obligations, each change kept as a numbered revision; amend and review with If-Match.",
        ["Reports"] = "Coverage, late lists, digests and briefing packs as of a time; frozen packs answer the same bytes every time.",
        ["Speakers"] = "The participants the secretariat requests to speak at a cycle's session: a pack leads with them, as named by its as-of time.",
    };

    public const string Versioning = "## Versions and deprecation\n"
        + "The version is in the path (/v1). Within v1 a change only adds: new operations, new optional request fields and query parameters, "
        + "new response fields, new enum values and new problem types; a client must ignore response fields it does not know and treat an unknown "
        + "enum value or problem type as the general one of its status. Anything else is a new version (/v2), served beside v1 for at least "
        + "12 months. An operation to be withdrawn is marked deprecated: true in this document, with the date it goes, at least 6 months "
        + "before it goes.";

    /// <summary>The problem types as a section of the description: type, status, when, extension members and an example.</summary>
    internal static string ProblemTypeList()
    {
        var text = new System.Text.StringBuilder("## Problem types\n")
            .Append("Every refusal is an RFC 9457 problem document whose type is one of these (branch on type, never on title or detail); ")
            .Append("each also carries title, status, detail and traceId.\n\n| type | status | when | extension members |\n| --- | --- | --- | --- |\n");
        foreach (var p in ProblemTypes.All)
            text.Append(FormattableString.Invariant($"| {p.Uri} | {p.Status} | {p.When} | {(p.Extensions.Length == 0 ? "none" : string.Join(", ", p.Extensions))} |\n"));
        text.Append("\nExamples:\n\n");
        foreach (var p in ProblemTypes.All) text.Append("    ").Append(ProblemExample(p).ToJsonString()).Append('\n');
        return text.ToString().TrimEnd();
    }

    /// <summary>A problem document of the type as the server writes it, with an example of each extension member.</summary>
    internal static JsonObject ProblemExample(ProblemType p)
    {
        var example = new JsonObject
        {
            ["type"] = p.Uri, ["title"] = p.Title, ["status"] = p.Status, ["detail"] = p.Detail,
            ["traceId"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        };
        foreach (var member in p.Extensions)
            example[member] = member switch
            {
                "errors" => new JsonObject { [p.Status == 400 ? "summary" : "commitmentId"] = new JsonArray(JsonValue.Create(p.Detail)) },
                "existingId" => "0190001f-0000-7000-8000-00000000001f",
                "existing" => p == ProblemTypes.AlreadyLinked ? "/v1/commitment-links/0190001f-0000-7000-8000-00000000001f" : "/v1/updates/0190001f-0000-7000-8000-00000000001f",
                "currentState" => "accepted",
                "available" => new JsonArray(JsonValue.Create("application/json"), JsonValue.Create("text/csv")),
                _ => null,
            };
        return example;
    }

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        document.Servers =
        [
            new OpenApiServer
            {
                Url = "http://127.0.0.1:5080", // where the README's dotnet run listens (localhost: the loopback addresses)
                Description = "A local `dotnet run` (see the README); a deployment serves the same paths over https behind its proxy: set the client's base URL to it.",
                Extensions = new Dictionary<string, IOpenApiExtension> { ["x-internal"] = new JsonNodeExtension(JsonValue.Create(false)) },
            },
        ];
        document.Info.Contact = new OpenApiContact
        {
            Name = "Summit secretariat, Commitments API desk",
            Email = "api-desk@commitments.example",
            Url = new Uri("https://commitments.example/support"),
        };
        document.ExternalDocs = new OpenApiExternalDocs
        {
            Description = "The README: running the API, the workflow end to end, keys and roles, limits, and the problem types.",
            Url = new Uri("https://commitments.example/docs"),
        };
        document.Info.Description += "\n\n" + Versioning + "\n\n" + ProblemTypeList();
        // The description of a public-sector API is public-sector information: reusable under the Open Government Licence.
        document.Info.License = new OpenApiLicense
        {
            Name = "Open Government Licence v3.0",
            Url = new Uri("https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"),
        };
        var used = document.Paths.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()).SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>())
            .Select(t => t.Name).OfType<string>().Distinct().Order(StringComparer.Ordinal);
        document.Tags = new HashSet<OpenApiTag>(used.Select(name => new OpenApiTag
        {
            Name = name,
            Description = TagDescriptions.TryGetValue(name, out var description) ? description : null,
        }));

        foreach (var media in document.Paths.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
            .SelectMany(o => (o.Responses?.Values.SelectMany(r => r.Content?.Values ?? Enumerable.Empty<OpenApiMediaType>()) ?? [])
                .Concat(o.RequestBody?.Content?.Values ?? Enumerable.Empty<OpenApiMediaType>())))
        {
            // A body is one schema: a plain $ref, not allOf [$ref] with the schema's own description repeated beside it.
            media.Schema = media.Schema switch
            {
                OpenApiSchema { AllOf: [OpenApiSchemaReference only], Properties: null or { Count: 0 } } => new OpenApiSchemaReference(only.Reference.Id!, document),
                OpenApiSchemaReference { Description: not null } described => new OpenApiSchemaReference(described.Reference.Id!, document),
                var other => other,
            };
        }

        var components = document.Components ??= new OpenApiComponents();
        components.Headers ??= new Dictionary<string, IOpenApiHeader>();
        foreach (var (name, header) in OpenApiConventions.Headers) components.Headers[name] = header;
        components.Responses ??= new Dictionary<string, IOpenApiResponse>();
        foreach (var (status, id, description, headers) in OpenApiConventions.SharedRefusals)
        {
            components.Responses[id] = new OpenApiResponse
            {
                Description = description,
                Headers = (status[0] == '4' ? headers.Union([RateLimitPolicy.PolicyHeader, RateLimitPolicy.Header]) : headers).ToArray() is { Length: > 0 } all
                    ? all.ToDictionary(h => h, h => (IOpenApiHeader)new OpenApiHeaderReference(h, document)) : null,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(OpenApiConventions.ProblemSchema, document) },
                },
            };
        }
    }
}

/// <summary>
/// Every input has a bound in the document: a string or integer with no limit of its own from the validators is bounded by
/// what the server reads at all (the request line for path and query values, the header block for headers, the body limit
/// for body fields), a uuid by its length, an integer by its type's range. Only inputs: what the server sends is not limited here.
/// </summary>
internal sealed class InputLimitsFilter : IDocumentFilter
{
    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var schemas = document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>();
        var bodies = new HashSet<string>();
        foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()))
        {
            foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
                Bound(parameter.Schema, parameter.In == ParameterLocation.Header ? Limits.MaxRequestHeadersBytes : Limits.MaxRequestLineBytes);
            foreach (var (type, media) in operation.RequestBody?.Content ?? new Dictionary<string, OpenApiMediaType>())
            {
                var bytes = type == "application/json" && operation.OperationId != "BulkFileUpdates" ? Limits.MaxRequestBodyBytes : Features.Updates.BulkFileUpdates.MaxBytes;
                Bound(media.Schema, bytes);
                var reached = new HashSet<string>();
                ResponseSchemasAreCompleteFilter.Reach(media.Schema, schemas, reached);
                bodies.UnionWith(reached);
            }
        }
        foreach (var id in bodies)
            if (schemas.TryGetValue(id, out var schema)) Bound(schema, Limits.MaxRequestBodyBytes);
    }

    /// <summary>Bounds the schema and the schemas inside it (not those it refers to: they are bounded once, by id).</summary>
    private static void Bound(IOpenApiSchema? schema, long bytes)
    {
        if (schema is not OpenApiSchema s) return;
        if (s.Type is { } type && type.HasFlag(JsonSchemaType.String) && s.MaxLength is null && s.Enum is not { Count: > 0 } && s.Const is null)
            s.MaxLength = s.Format == "uuid" ? 36 : (int)bytes;
        if (s.Type is { } integer && integer.HasFlag(JsonSchemaType.Integer))
        {
            var wide = s.Format == "int64";
            s.Minimum ??= wide ? long.MinValue.ToString(System.Globalization.CultureInfo.InvariantCulture) : int.MinValue.ToString(System.Globalization.CultureInfo.InvariantCulture);
            s.Maximum ??= wide ? long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture) : int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        foreach (var property in s.Properties?.Values ?? Enumerable.Empty<IOpenApiSchema>()) Bound(property, bytes);
        foreach (var part in (s.AllOf ?? []).Concat(s.AnyOf ?? []).Concat(s.OneOf ?? [])) Bound(part, bytes);
        Bound(s.Items, bytes);
    }
}

using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Commitments.Api.Hosting;

/// <summary>
/// Puts the recorded examples into the document: OpenApiExamples/examples.json holds, by operationId, then "request" or a
/// response status, then a media type, a body the server itself took or answered in a scripted workflow (ids, hashes,
/// signatures and trace ids replaced by stable stand-ins; long lists cut to their first items). OpenApiExampleTests
/// records them (COMMITMENTS_WRITE_EXAMPLES=1) and fails when one no longer fits its schema or what the server answers.
/// </summary>
internal sealed class OpenApiExamplesFilter : IDocumentFilter
{
    public const string Resource = "Commitments.Api.OpenApiExamples.examples.json";

    private static readonly Lazy<JsonObject> Recorded = new(() =>
    {
        using var stream = typeof(OpenApiExamplesFilter).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The embedded resource {Resource} is missing.");
        return JsonNode.Parse(stream)!.AsObject();
    });

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()))
        {
            if (operation.OperationId is not { } id || Recorded.Value[id] is not JsonObject parts) continue;
            foreach (var (part, byMediaType) in parts)
            {
                // Shared refusals (401, 429, ...) are components: an example there would claim one operation's answer for all.
                var content = part == "request" ? operation.RequestBody?.Content
                    : operation.Responses?.TryGetValue(part, out var response) == true && response is OpenApiResponse inline ? inline.Content
                    : null;
                foreach (var (mediaType, example) in byMediaType?.AsObject() ?? [])
                {
                    if (content?.TryGetValue(mediaType, out var media) == true) media.Example = example?.DeepClone();
                }
            }
        }
    }
}

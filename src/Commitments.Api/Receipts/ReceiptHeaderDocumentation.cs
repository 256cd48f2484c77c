using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Commitments.Api.Receipts;

/// <summary>Documents the Commitments-Receipt header on the success response of every operation that answers a receipt.</summary>
public sealed class ReceiptHeaderDocumentation : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.Responses is null) return;
        foreach (var (status, response) in operation.Responses.Where(r => r.Key is "200" or "201"))
        {
            var type = context.ApiDescription.SupportedResponseTypes.FirstOrDefault(t => t.StatusCode.ToString() == status)?.Type;
            var writes = context.ApiDescription.HttpMethod != "GET";
            if (!(type == typeof(ReceiptDto) || (writes && type?.GetProperty(nameof(Features.Updates.UpdateDto.Receipt))?.PropertyType == typeof(ReceiptDto))))
                continue;
            if (response is not OpenApiResponse concrete) continue;
            concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
            concrete.Headers[ReceiptDto.Header] = new OpenApiHeader
            {
                Description = "The receipt as an RFC 8941 dictionary: update, revision, recorded-at, revision-hash, chain-hash, log-index, key-id, signature.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            };
        }
    }
}

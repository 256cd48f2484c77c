using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Commitments.Api.Hosting;

public static class OpenApiSetup
{
    public const string DocumentName = "v1";

    public static IServiceCollection AddCommitmentsOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        // OpenAPI 3.1: its schemas are JSON Schema 2020-12, so a value that may be null is a type union any JSON Schema
        // validator reads, not the 3.0-only nullable keyword.
        services.Configure<Swashbuckle.AspNetCore.Swagger.SwaggerOptions>(o => o.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1);
        services.AddSwaggerGen(o =>
        {
            // A property is nullable exactly where its C# type is; NullableReferenceFilter turns a nullable enum or object
            // (an unset status, state, timeliness) into oneOf [$ref, null], so a validating client accepts the null the server sends.
            o.UseAllOfToExtendReferenceSchemas();
            o.SupportNonNullableReferenceTypes();
            o.SwaggerDoc(DocumentName, new OpenApiInfo
            {
                Title = "Commitments API",
                Version = "v1",
                Description = "Progress updates against the commitments made at the Bletchley Park AI Safety Summit (Nov 2023), "
                    + "and the briefing packs for the AI Seoul Summit Leaders' Session (21 May 2024). "
                    + "Errors are RFC 9457 problem details (application/problem+json). Enum values are snake_case; times are UTC.",
            });
            o.AddSecurityDefinition(ApiKeyAuthenticationHandler.SchemeName, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthenticationHandler.Header,
                Description = "An API key issued by the secretariat. Roles: secretariat, liaison (bound to one participant), observer.",
            });
            o.SchemaFilter<NullableReferenceFilter>();
            o.SchemaFilter<CustomFormatFilter>();
            o.SchemaFilter<EnumDescriptionsFilter>();
            o.SchemaFilter<ProblemSchemaFilter>();
            o.SchemaFilter<RequiredFromValidatorsFilter>();
            o.OperationFilter<RequiredFromValidatorsFilter>();
            o.OperationFilter<OperationConventionsFilter>();
            o.DocumentFilter<ResponseSchemasAreCompleteFilter>();
            o.DocumentFilter<InputLimitsFilter>();
            o.DocumentFilter<DocumentInfoFilter>();
            o.DocumentFilter<OpenApiExamplesFilter>();
            var xml = Path.Combine(AppContext.BaseDirectory, $"{Assembly.GetExecutingAssembly().GetName().Name}.xml");
            if (File.Exists(xml)) o.IncludeXmlComments(xml);
            o.CustomSchemaIds(SchemaId);
        });
        return services;
    }

    /// <summary>Use-case records share short names (Request, Query): prefix them with their feature and use case. Page&lt;T&gt; is PageOfT.</summary>
    private static string SchemaId(Type t) =>
        t.IsGenericType ? t.Name[..t.Name.IndexOf('`')] + "Of" + string.Concat(t.GetGenericArguments().Select(SchemaId))
        : t.FullName!.StartsWith("Commitments.Api.Features.", StringComparison.Ordinal)
            ? t.FullName["Commitments.Api.Features.".Length..].Split('.')[^1].Replace("+", "")
            : t.Name;
}

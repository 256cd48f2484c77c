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
        services.AddSwaggerGen(o =>
        {
            // A nullable enum (an unset status, state, timeliness) is a $ref wrapped in allOf with nullable: true, so a
            // validating client accepts the null the server sends; a reference property not marked nullable is never null.
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
            o.OperationFilter<SecurityAndErrorsFilter>();
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

    /// <summary>Documents, per operation, who may call it and the errors every operation can give.</summary>
    private sealed class SecurityAndErrorsFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
            var anonymous = metadata.OfType<IAllowAnonymous>().Any();
            var policies = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Distinct().ToList();
            operation.Responses ??= new OpenApiResponses();
            if (!anonymous && policies.Count > 0)
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement
                {
                    [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, context.Document)] = [],
                });
                var roles = string.Join("; ", policies.Select(Describe));
                operation.Description = string.IsNullOrEmpty(operation.Description) ? $"Who may call: {roles}." : $"{operation.Description}\n\nWho may call: {roles}.";
                Problem(operation, context, "401", "No API key, or one that is unknown, revoked or expired (WWW-Authenticate: ApiKey).");
                Problem(operation, context, "403", "The key's role may not do this.");
            }
            else
            {
                operation.Description = string.IsNullOrEmpty(operation.Description) ? "Who may call: anyone, no key needed." : operation.Description;
                Problem(operation, context, "401", "A key was sent but is unknown, revoked or expired.");
            }
            Problem(operation, context, "429", "Too many requests for this key, or too many failed keys from this address; see Retry-After.");
            Problem(operation, context, "503", "The database is unavailable; nothing was changed; see Retry-After.");
            Problem(operation, context, "500", "An unexpected error; the body carries a traceId.");
        }

        private static string Describe(string policy) => policy switch
        {
            Policies.Secretariat => "secretariat",
            Policies.Filer => "secretariat, or a liaison for its own participant",
            Policies.KeyHolder => "any valid key (secretariat, liaison, observer)",
            _ => policy,
        };

        private static void Problem(OpenApiOperation operation, OperationFilterContext context, string status, string description)
        {
            if (operation.Responses!.ContainsKey(status)) return;
            var schema = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
            operation.Responses[status] = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = schema } },
            };
        }
    }
}

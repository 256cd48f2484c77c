using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;
using FluentValidation.Internal;
using FluentValidation.Validators;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Commitments.Api.Hosting;

/// <summary>
/// A request property is required in the document exactly where a validator refuses it missing: a NotNull or NotEmpty
/// rule with no When/Unless, found in every validator of the API and in the validators they nest (SetValidator,
/// ChildRules). Such a property is also not nullable (null is refused the same way). A query parameter bound from a
/// validated record ([AsParameters]) is required the same way. The validators stay the one home of the rule;
/// OpenApiExampleTests holds the document to the server by removing each property of every request example.
/// </summary>
internal sealed class RequiredFromValidatorsFilter(IServiceProvider services) : ISchemaFilter, IOperationFilter
{
    private Dictionary<Type, HashSet<string>>? _required;

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.Parameters is not { Count: > 0 } parameters) return;
        var required = _required ??= Gather(services);
        // A record bound with [AsParameters] names each query parameter on its constructor's parameter ([FromQuery(Name)]).
        var bound = context.MethodInfo.GetParameters().Where(p => p.IsDefined(typeof(AsParametersAttribute)))
            .SelectMany(p => p.ParameterType.GetConstructors().SelectMany(c => c.GetParameters()).Select(c => (Record: p.ParameterType, Parameter: c)));
        foreach (var (record, parameter) in bound)
        {
            if (parameter.GetCustomAttribute<Microsoft.AspNetCore.Mvc.FromQueryAttribute>() is not { } query
                || !required.Any(r => r.Key.IsAssignableFrom(record) && r.Value.Contains(parameter.Name!))) continue;
            var name = query.Name ?? parameter.Name!;
            foreach (var documented in parameters.OfType<OpenApiParameter>().Where(p => p.Name == name && p.In == ParameterLocation.Query))
                documented.Required = true;
        }
    }

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties: { Count: > 0 } properties } target || context.Type is null) return;
        var required = (_required ??= Gather(services))
            .Where(r => r.Key.IsAssignableFrom(context.Type)).SelectMany(r => r.Value).ToHashSet(StringComparer.Ordinal);
        foreach (var name in required.Select(JsonNamingPolicy.CamelCase.ConvertName).Where(properties.ContainsKey).Order(StringComparer.Ordinal))
        {
            (target.Required ??= new HashSet<string>()).Add(name);
            properties[name] = properties[name] switch
            {
                OpenApiSchema { AnyOf: [OpenApiSchemaReference reference, OpenApiSchema { Type: JsonSchemaType.Null }] } nullable =>
                    new OpenApiSchemaReference(reference.Reference.Id!, null) { Description = nullable.Description },
                OpenApiSchema { Type: { } type } plain when type.HasFlag(JsonSchemaType.Null) => Without(plain, JsonSchemaType.Null),
                var other => other,
            };
        }
    }

    private static OpenApiSchema Without(OpenApiSchema schema, JsonSchemaType type)
    {
        schema.Type &= ~type;
        return schema;
    }

    /// <summary>Property names each type must carry, by the type that declares them (a request record, or an interface it implements).</summary>
    internal static Dictionary<Type, HashSet<string>> Gather(IServiceProvider services)
    {
        var found = new Dictionary<Type, HashSet<string>>();
        var seen = new HashSet<Type>();
        using var scope = services.CreateScope();
        // The validators the pipeline runs: those registered for a message type; the ones they nest are reached through them.
        var validated = typeof(RequiredFromValidatorsFilter).Assembly.GetTypes()
            .SelectMany(t => t.GetInterfaces()).Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>)).Distinct();
        foreach (var contract in validated)
        {
            foreach (var validator in scope.ServiceProvider.GetServices(contract).OfType<IValidator>()) Walk(validator, found, seen);
        }
        return found;
    }

    private static void Walk(IValidator validator, Dictionary<Type, HashSet<string>> found, HashSet<Type> seen)
    {
        if (!seen.Add(validator.GetType())) return;
        foreach (var rule in validator.CreateDescriptor().Rules)
        {
            foreach (var component in rule.Components)
            {
                if (component.HasCondition || component.HasAsyncCondition) continue;
                // RuleForEach's NotEmpty is about each item, not the list.
                if (component.Validator is INotNullValidator or INotEmptyValidator && !IsForEach(rule) && Member(rule.Expression) is { } member)
                {
                    if (!found.TryGetValue(member.DeclaringType!, out var names)) found[member.DeclaringType!] = names = [];
                    names.Add(member.Name);
                }
                if (component.Validator is IChildValidatorAdaptor && Nested(component.Validator) is { } nested) Walk(nested, found, seen);
            }
        }
    }

    private static bool IsForEach(IValidationRule rule) =>
        rule.GetType().GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICollectionRule<,>));

    /// <summary>The property a rule is about: the last member of c => c.Body.Summary.</summary>
    private static MemberInfo? Member(LambdaExpression? expression) =>
        expression?.Body is MemberExpression { Member: PropertyInfo property } ? property : null;

    /// <summary>The validator SetValidator or ChildRules nests (one instance, not one made per value).</summary>
    private static IValidator? Nested(object adaptor)
    {
        try
        {
            var get = adaptor.GetType().GetMethod("GetValidator");
            if (get?.GetParameters() is not [{ ParameterType: var context }, _]) return null;
            return get.Invoke(adaptor, [Activator.CreateInstance(context, [null]), null]) as IValidator;
        }
        catch (TargetInvocationException)
        {
            return null;
        }
    }
}

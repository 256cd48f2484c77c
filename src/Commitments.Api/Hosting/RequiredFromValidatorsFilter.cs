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
/// The same walk gives each property and query parameter the limits its rules check (lengths, item counts, ranges,
/// patterns), so the document cannot state other limits than the server's.
/// </summary>
internal sealed class RequiredFromValidatorsFilter(IServiceProvider services) : ISchemaFilter, IOperationFilter
{
    private Dictionary<Type, HashSet<string>>? _required;

    /// <summary>Bodies whose fields are checked by the validators of another type: a bulk row is filed as one update's content.</summary>
    private static readonly Dictionary<Type, Type> ValidatedAs = new()
    {
        [typeof(Features.Updates.BulkFileUpdates.Row)] = typeof(Features.Updates.IUpdateContentInput),
    };
    private Dictionary<(Type Type, string Name), Facets>? _facets;

    /// <summary>The limits the rules on one property check; Items for RuleForEach (each item of a list).</summary>
    internal sealed class Facets
    {
        public int? MinLength, MaxLength, MinItems, MaxItems;
        public decimal? Minimum, Maximum;
        public string? Pattern;
        public Facets? Items;

        public void Apply(OpenApiSchema schema)
        {
            if (schema.Type is { } type && type.HasFlag(JsonSchemaType.String))
            {
                if (MinLength is { } min) schema.MinLength = Math.Max(schema.MinLength ?? 0, min);
                if (MaxLength is { } max) schema.MaxLength = max;
                if (Pattern is { } pattern) schema.Pattern = pattern;
            }
            if (schema.Type is { } list && list.HasFlag(JsonSchemaType.Array))
            {
                if (MinItems is { } min and > 0) schema.MinItems = min;
                if (MaxItems is { } max) schema.MaxItems = max;
                if (Items is { } items && schema.Items is OpenApiSchema item) items.Apply(item);
            }
            if (schema.Type is { } number && (number.HasFlag(JsonSchemaType.Integer) || number.HasFlag(JsonSchemaType.Number)))
            {
                if (Minimum is { } min) schema.Minimum = min.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (Maximum is { } max) schema.Maximum = max.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }
    }

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.Parameters is not { Count: > 0 } parameters) return;
        var required = _required ??= Gather(services);
        // A record bound with [AsParameters] names each query parameter on its constructor's parameter ([FromQuery(Name)]).
        var bound = context.MethodInfo.GetParameters().Where(p => p.IsDefined(typeof(AsParametersAttribute)))
            .SelectMany(p => p.ParameterType.GetConstructors().SelectMany(c => c.GetParameters()).Select(c => (Record: p.ParameterType, Parameter: c)));
        var facets = _facets ??= GatherFacets(services);
        foreach (var (record, parameter) in bound)
        {
            var queryName = parameter.GetCustomAttribute<Microsoft.AspNetCore.Mvc.FromQueryAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(parameter.Name!);
            foreach (var ((type, member), limits) in facets.Where(f => f.Key.Type.IsAssignableFrom(record) && f.Key.Name == parameter.Name))
                foreach (var documented in parameters.OfType<OpenApiParameter>().Where(p => p.Name == queryName && p.In == ParameterLocation.Query))
                    if (documented.Schema is OpenApiSchema schema) limits.Apply(schema);
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
        var validatedAs = ValidatedAs.GetValueOrDefault(context.Type);
        foreach (var ((type, member), limits) in (_facets ??= GatherFacets(services))
            .Where(f => f.Key.Type.IsAssignableFrom(context.Type) || (validatedAs is not null && f.Key.Type.IsAssignableFrom(validatedAs))))
        {
            if (properties.TryGetValue(JsonNamingPolicy.CamelCase.ConvertName(member), out var property) && property is OpenApiSchema s) limits.Apply(s);
        }
        var required = (_required ??= Gather(services))
            .Where(r => r.Key.IsAssignableFrom(context.Type)).SelectMany(r => r.Value).ToHashSet(StringComparer.Ordinal);
        foreach (var name in required.Select(JsonNamingPolicy.CamelCase.ConvertName).Where(properties.ContainsKey).Order(StringComparer.Ordinal))
        {
            (target.Required ??= new HashSet<string>()).Add(name);
            properties[name] = properties[name] switch
            {
                OpenApiSchema { OneOf: [OpenApiSchemaReference reference, OpenApiSchema { Type: JsonSchemaType.Null }] } nullable =>
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

    /// <summary>The limits the validators check, by the type that declares each property and the property's name.</summary>
    internal static Dictionary<(Type, string), Facets> GatherFacets(IServiceProvider services)
    {
        var found = new Dictionary<(Type, string), Facets>();
        using var scope = services.CreateScope();
        var seen = new HashSet<Type>();
        foreach (var validator in Validators(scope.ServiceProvider)) WalkFacets(validator, found, seen);
        return found;
    }

    private static IEnumerable<IValidator> Validators(IServiceProvider provider) =>
        typeof(RequiredFromValidatorsFilter).Assembly.GetTypes()
            .SelectMany(t => t.GetInterfaces()).Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>)).Distinct()
            .SelectMany(contract => provider.GetServices(contract).OfType<IValidator>());

    private static void WalkFacets(IValidator validator, Dictionary<(Type, string), Facets> found, HashSet<Type> seen)
    {
        if (!seen.Add(validator.GetType())) return;
        foreach (var rule in validator.CreateDescriptor().Rules)
        {
            var member = Member(rule.Expression);
            foreach (var component in rule.Components)
            {
                if (component.Validator is IChildValidatorAdaptor && Nested(component.Validator) is { } nested) WalkFacets(nested, found, seen);
                if (member is null) continue;
                var key = (member.DeclaringType!, member.Name);
                if (!found.TryGetValue(key, out var facets)) found[key] = facets = new Facets();
                var target = IsForEach(rule) ? facets.Items ??= new Facets() : facets;
                switch (component.Validator)
                {
                    case ILengthValidator length:
                        if (length.Min > 0) target.MinLength = length.Min;
                        if (length.Max > 0) target.MaxLength = length.Max;
                        break;
                    case INotEmptyValidator:
                        target.MinLength = Math.Max(target.MinLength ?? 0, 1);
                        break;
                    case IRegularExpressionValidator regex:
                        // .NET anchors as ECMA-262 ones: the document's patterns are read by JavaScript and JSON Schema validators.
                        target.Pattern = regex.Expression.Replace(@"\A", "^", StringComparison.Ordinal).Replace(@"\z", "$", StringComparison.Ordinal);
                        break;
                    case Http.IItemCountRule count:
                        target.MinItems = count.Min;
                        target.MaxItems = count.Max;
                        break;
                    case IBetweenValidator { From: IConvertible from, To: IConvertible to } between when between.Name == "InclusiveBetweenValidator":
                        target.Minimum = from.ToDecimal(System.Globalization.CultureInfo.InvariantCulture);
                        target.Maximum = to.ToDecimal(System.Globalization.CultureInfo.InvariantCulture);
                        break;
                    case IComparisonValidator { ValueToCompare: IConvertible value, Comparison: Comparison.GreaterThanOrEqual }:
                        target.Minimum = value.ToDecimal(System.Globalization.CultureInfo.InvariantCulture);
                        break;
                    case IComparisonValidator { ValueToCompare: IConvertible value, Comparison: Comparison.LessThanOrEqual }:
                        target.Maximum = value.ToDecimal(System.Globalization.CultureInfo.InvariantCulture);
                        break;
                }
            }
        }
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

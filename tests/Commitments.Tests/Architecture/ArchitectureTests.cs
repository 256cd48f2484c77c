using System.Reflection;
using System.Reflection.Emit;
using Commitments.Domain;
using Commitments.Infrastructure.Data;
using Xunit.Abstractions;

namespace Commitments.Tests.Architecture;

/// <summary>
/// The shape in STYLE.md, read from the compiled assemblies: Domain needs nothing but the runtime, Infrastructure does not
/// know the API, and a feature does not use another feature's types (in signatures or in method bodies).
/// </summary>
public sealed class ArchitectureTests(ITestOutputHelper output)
{
    private static readonly Assembly DomainAssembly = typeof(Role).Assembly;
    private static readonly Assembly InfrastructureAssembly = typeof(Database).Assembly;
    private static readonly Assembly ApiAssembly = typeof(Program).Assembly;
    private const string FeaturesNamespace = "Commitments.Api.Features.";

    /// <summary>
    /// Uses of one feature's types from another that exist today, as "Feature -> OtherFeature.Type".
    /// What is left: the catalogue's shared DTOs and the participant input rules. Do not add to this list: move what two
    /// features share out of Features/.
    /// </summary>
    private static readonly HashSet<string> KnownCrossFeatureUses =
    [
        "Commitments -> Catalogue.CommitmentDto",
        "Cycles -> Catalogue.CycleDto",
        "Cycles -> Participants.ParticipantRules",
        "Instruments -> Catalogue.InstrumentDto",
        "Participants -> Catalogue.CommitmentDto",
        "Participants -> Catalogue.ParticipantDto",
        "Participants -> Updates.ObligationSheet", // the obligations template is the update sheet pre-filled: one format, read and written in Updates
        "Updates -> Participants.ParticipantRules",
    ];

    [Fact]
    public void TheDomainReferencesNothingButTheRuntime()
    {
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var outside = DomainAssembly.GetReferencedAssemblies()
            .Where(name => !Path.GetDirectoryName(Assembly.Load(name).Location)!.Equals(runtime, StringComparison.Ordinal))
            .Select(name => name.Name)
            .ToList();
        Assert.True(outside.Count == 0, "Commitments.Domain references " + string.Join(", ", outside));
    }

    [Fact]
    public void InfrastructureDoesNotReferenceTheApi()
    {
        var names = InfrastructureAssembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.Contains(DomainAssembly.GetName().Name, names); // the references are read: Infrastructure does use Domain
        Assert.DoesNotContain(ApiAssembly.GetName().Name, names);
    }

    [Fact]
    public void AFeatureUsesNoOtherFeaturesTypesBeyondTheKnownOnes()
    {
        var found = CrossFeatureUses();
        foreach (var use in found.Order(StringComparer.Ordinal)) output.WriteLine(use);
        var added = found.Except(KnownCrossFeatureUses).Order(StringComparer.Ordinal).ToList();
        Assert.True(added.Count == 0,
            "A feature uses another feature's types; move what they share out of Features/ instead:\n  " + string.Join("\n  ", added));
    }

    [Fact]
    public void EveryKnownCrossFeatureUseStillExists()
    {
        var gone = KnownCrossFeatureUses.Except(CrossFeatureUses()).Order(StringComparer.Ordinal).ToList();
        Assert.True(gone.Count == 0, "These uses are gone: remove them from KnownCrossFeatureUses:\n  " + string.Join("\n  ", gone));
    }

    [Fact]
    public void TheScanSeesUsesInsideMethodBodies()
    {
        // CreateCycle's validator calls Participants.ParticipantRules.IsDate only inside a lambda's body: the scan must find that call.
        var cycles = ApiAssembly.GetTypes().Where(t => Feature(t) == "Cycles").SelectMany(TypesUsedBy);
        Assert.Contains(cycles, t => t.FullName == FeaturesNamespace + "Participants.ParticipantRules");
    }

    private static string? Feature(Type type) =>
        type.Namespace is { } ns && ns.StartsWith(FeaturesNamespace, StringComparison.Ordinal) ? ns[FeaturesNamespace.Length..].Split('.')[0] : null;

    private static Type Outermost(Type type)
    {
        while (type.DeclaringType is not null) type = type.DeclaringType;
        return type;
    }

    private static HashSet<string> CrossFeatureUses()
    {
        HashSet<string> uses = [];
        foreach (var type in ApiAssembly.GetTypes())
        {
            if (Feature(type) is not { } from) continue;
            foreach (var used in TypesUsedBy(type))
            {
                if (used.Assembly != ApiAssembly || Feature(used) is not { } to || to == from) continue;
                uses.Add($"{from} -> {to}.{Outermost(used).Name}");
            }
        }
        return uses;
    }

    private const BindingFlags Declared = BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    /// <summary>Every type in the type's signatures (base, interfaces, fields, properties, methods) and in its methods' IL.</summary>
    private static IEnumerable<Type> TypesUsedBy(Type type)
    {
        List<Type> direct = [];
        if (type.BaseType is { } baseType) direct.Add(baseType);
        direct.AddRange(type.GetInterfaces());
        direct.AddRange(type.GetFields(Declared).Select(f => f.FieldType));
        direct.AddRange(type.GetProperties(Declared).Select(p => p.PropertyType));
        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            if (method is MethodInfo info) direct.Add(info.ReturnType);
            direct.AddRange(method.GetParameters().Select(p => p.ParameterType));
            direct.AddRange(method.GetMethodBody()?.LocalVariables.Select(l => l.LocalType) ?? []);
            direct.AddRange(TypesInBody(method));
        }
        return direct.SelectMany(Expand);
    }

    /// <summary>A type with its element type and generic arguments, all the way down.</summary>
    private static IEnumerable<Type> Expand(Type type)
    {
        if (type.HasElementType)
        {
            foreach (var t in Expand(type.GetElementType()!)) yield return t;
            yield break;
        }
        if (type.IsGenericParameter) yield break;
        yield return type;
        if (!type.IsGenericType) yield break;
        foreach (var argument in type.GetGenericArguments())
            foreach (var t in Expand(argument)) yield return t;
    }

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    /// <summary>The types, fields and methods an IL body refers to by token, resolved to the types involved.</summary>
    private static IEnumerable<Type> TypesInBody(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null) yield break;
        var typeArguments = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArguments = method is MethodInfo { IsGenericMethod: true } m ? m.GetGenericArguments() : null;
        var at = 0;
        while (at < il.Length)
        {
            var opCode = il[at] == 0xFE ? OpCodesByValue[(short)(0xFE00 | il[at + 1])] : OpCodesByValue[il[at]];
            at += opCode.Size;
            switch (opCode.OperandType)
            {
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineType or OperandType.InlineTok:
                    var member = method.Module.ResolveMember(BitConverter.ToInt32(il, at), typeArguments, methodArguments);
                    switch (member)
                    {
                        case Type t:
                            yield return t;
                            break;
                        case FieldInfo f:
                            yield return f.DeclaringType!;
                            yield return f.FieldType;
                            break;
                        case MethodBase called:
                            yield return called.DeclaringType!;
                            if (called is MethodInfo calledInfo)
                            {
                                yield return calledInfo.ReturnType;
                                if (calledInfo.IsGenericMethod)
                                    foreach (var a in calledInfo.GetGenericArguments()) yield return a;
                            }
                            foreach (var p in called.GetParameters()) yield return p.ParameterType;
                            break;
                    }
                    at += 4;
                    break;
                case OperandType.InlineSwitch:
                    at += 4 + 4 * BitConverter.ToInt32(il, at);
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    at += 8;
                    break;
                case OperandType.InlineBrTarget or OperandType.InlineI or OperandType.InlineSig or OperandType.InlineString or OperandType.ShortInlineR:
                    at += 4;
                    break;
                case OperandType.InlineVar:
                    at += 2;
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    at += 1;
                    break;
            }
        }
    }
}

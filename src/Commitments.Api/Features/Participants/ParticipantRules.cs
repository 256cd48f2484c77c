using Commitments.Infrastructure.Catalogue;

namespace Commitments.Api.Features.Participants;

/// <summary>Shared checks for participant writes.</summary>
public static class ParticipantRules
{
    /// <summary>Governments use ISO 3166-1 alpha-2; international organisations a short upper-case code; companies a lower-case slug.</summary>
    public static bool IdFits(string id, ParticipantKind kind) => kind switch
    {
        ParticipantKind.Government => System.Text.RegularExpressions.Regex.IsMatch(id, "^[A-Z]{2}$"),
        ParticipantKind.InternationalOrganisation => System.Text.RegularExpressions.Regex.IsMatch(id, "^[A-Z]{2,8}$"),
        _ => System.Text.RegularExpressions.Regex.IsMatch(id, "^[a-z0-9][a-z0-9-]{1,63}$"),
    };

    public const string DatePattern = @"^\d{4}-\d{2}-\d{2}$";

    public static bool IsDate(string? value) =>
        value is null || (System.Text.RegularExpressions.Regex.IsMatch(value, DatePattern)
            && DateOnly.TryParseExact(value, "yyyy-MM-dd", out _));

    public static void AddEndorsementRules<T>(AbstractValidator<T> validator, System.Linq.Expressions.Expression<Func<T, IEnumerable<EndorsementInput>?>> endorsements)
    {
        validator.RuleFor(endorsements).Must(e => e is null || e.Count() <= 20).WithMessage("At most 20 endorsements.").OverridePropertyName("endorsements");
        validator.RuleForEach(endorsements!).ChildRules(e =>
        {
            e.RuleFor(x => x.Instrument).NotEmpty().MaximumLength(16).OverridePropertyName("instrument");
            e.RuleFor(x => x.EndorsedOn).Must(IsDate).WithMessage("endorsedOn must be a date, yyyy-MM-dd.").OverridePropertyName("endorsedOn");
        }).OverridePropertyName("endorsements");
    }

    public static void AddAliasRules<T>(AbstractValidator<T> validator, System.Linq.Expressions.Expression<Func<T, IEnumerable<string>?>> aliases)
    {
        validator.RuleFor(aliases).Must(a => a is null || a.Count() <= 20).WithMessage("At most 20 aliases.").OverridePropertyName("aliases");
        validator.RuleForEach(aliases!).NotEmpty().MaximumLength(200).OverridePropertyName("aliases");
    }

    /// <summary>Checks references against the catalogue; an unknown one is a 400 naming the field.</summary>
    public static async Task<List<Endorsement>> EndorsementsAsync(CatalogueStore store, IReadOnlyList<EndorsementInput> inputs, CancellationToken ct)
    {
        var known = (await store.InstrumentsAsync(ct)).Select(i => i.Code).ToHashSet();
        List<Endorsement> list = [];
        for (var i = 0; i < inputs.Count; i++)
        {
            if (!known.Contains(inputs[i].Instrument!))
                throw new RequestValidationException($"endorsements[{i}].instrument", $"Instrument '{inputs[i].Instrument}' does not exist.");
            if (list.Any(e => e.InstrumentCode == inputs[i].Instrument))
                throw new RequestValidationException($"endorsements[{i}].instrument", $"Instrument '{inputs[i].Instrument}' is listed twice.");
            list.Add(new Endorsement(inputs[i].Instrument!, inputs[i].EndorsedOn, inputs[i].Basis ?? EndorsementBasis.Original));
        }
        return list;
    }

    public static async Task CheckParentAsync(CatalogueStore store, string? parentId, string selfId, CancellationToken ct)
    {
        if (parentId is null) return;
        if (parentId == selfId) throw new RequestValidationException("parentId", "A participant cannot be its own parent.");
        if (await store.ParticipantAsync(parentId, ct) is null)
            throw new RequestValidationException("parentId", $"Participant '{parentId}' does not exist.");
    }
}

/// <summary>An instrument the participant endorsed: when (yyyy-MM-dd, if known) and whether it signed originally or joined later.</summary>
public sealed record EndorsementInput(string? Instrument, string? EndorsedOn, EndorsementBasis? Basis);

using Commitments.Api.Http;
using Commitments.Infrastructure.Catalogue;

namespace Commitments.Api.Features.Participants;

/// <summary>Shared checks for participant writes.</summary>
public static class ParticipantRules
{
    /// <summary>Governments use ISO 3166-1 alpha-2; international organisations a short upper-case code; companies a lower-case slug.</summary>
    public static bool IdFits(string id, ParticipantKind kind) => kind switch
    {
        ParticipantKind.Government => System.Text.RegularExpressions.Regex.IsMatch(id, @"\A[A-Z]{2}\z"),
        ParticipantKind.InternationalOrganisation => System.Text.RegularExpressions.Regex.IsMatch(id, @"\A[A-Z]{2,8}\z"),
        _ => System.Text.RegularExpressions.Regex.IsMatch(id, @"\A[a-z0-9][a-z0-9-]{1,63}\z"),
    };

    public const string DatePattern = @"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\z";

    public static bool IsDate(string? value) =>
        value is null || (System.Text.RegularExpressions.Regex.IsMatch(value, DatePattern)
            && DateOnly.TryParseExact(value, "yyyy-MM-dd", out _));

    public static void AddEndorsementRules<T>(AbstractValidator<T> validator, System.Linq.Expressions.Expression<Func<T, IEnumerable<EndorsementInput>?>> endorsements)
    {
        validator.RuleFor(endorsements).ItemCount(0, 20).WithMessage("At most 20 endorsements.").OverridePropertyName("endorsements");
        validator.RuleForEach(endorsements!).ChildRules(e =>
        {
            e.RuleFor(x => x.Instrument).NotEmpty().MaximumLength(16).OverridePropertyName("instrument");
            e.RuleFor(x => x.EndorsedOn).Must(IsDate).WithMessage("endorsedOn must be a date, yyyy-MM-dd.").OverridePropertyName("endorsedOn");
            e.RuleFor(x => x.DatePrecision).Null().When(x => x.EndorsedOn is null)
                .WithMessage("datePrecision needs an endorsedOn: it says what that date means.").OverridePropertyName("datePrecision");
            e.RuleFor(x => x.Covers).ItemCount(1, 50)
                .WithMessage("covers lists 1 to 50 commitment ids, or is left out to cover every commitment of the instrument.").OverridePropertyName("covers");
            e.RuleForEach(x => x.Covers).NotEmpty().MaximumLength(32).OverridePropertyName("covers");
        }).OverridePropertyName("endorsements");
        validator.RuleFor(endorsements).Custom((list, context) =>
        {
            HashSet<string> seen = [];
            var i = 0;
            foreach (var e in list ?? [])
            {
                if (e?.Instrument is { } code && !seen.Add(code)) context.AddFailure($"endorsements[{i}].instrument", $"Instrument '{code}' is listed twice.");
                i++;
            }
        });
    }

    public static void AddAliasRules<T>(AbstractValidator<T> validator, System.Linq.Expressions.Expression<Func<T, IEnumerable<string>?>> aliases)
    {
        validator.RuleFor(aliases).ItemCount(0, 20).WithMessage("At most 20 aliases.").OverridePropertyName("aliases");
        validator.RuleForEach(aliases!).NotEmpty().MaximumLength(200).IsCarriableText().OverridePropertyName("aliases");
    }

    /// <summary>Checks the endorsed instruments against the catalogue; an unknown one is a 422 naming the field.</summary>
    public static async Task<Outcome<List<Endorsement>>> EndorsementsAsync(CatalogueStore store, IReadOnlyList<EndorsementInput> inputs, CancellationToken ct)
    {
        var known = (await store.InstrumentsAsync(ct)).Select(i => i.Code).ToHashSet();
        var commitments = (await store.CommitmentsAsync(null, null, ct)).ToDictionary(c => c.Id);
        for (var i = 0; i < inputs.Count; i++)
        {
            if (!known.Contains(inputs[i].Instrument!))
                return Failure.UnknownReference($"endorsements[{i}].instrument", $"Instrument '{inputs[i].Instrument}' does not exist.");
            foreach (var id in inputs[i].Covers ?? [])
                if (!commitments.TryGetValue(id, out var c) || c.InstrumentCode != inputs[i].Instrument)
                    return Failure.UnknownReference($"endorsements[{i}].covers", $"Commitment '{id}' is not one of {inputs[i].Instrument}'s.");
        }
        return inputs.Select(e => new Endorsement(e.Instrument!, e.EndorsedOn, e.Basis ?? EndorsementBasis.Original,
            Precision: e.DatePrecision ?? DatePrecision.On, Covers: e.Covers?.Distinct().ToList())).ToList();
    }

    /// <summary>A parent that is not in the catalogue is a 422 naming parentId; null when there is none or it exists.</summary>
    public static async Task<Failure?> UnknownParentAsync(CatalogueStore store, string? parentId, CancellationToken ct) =>
        parentId is not null && await store.ParticipantAsync(parentId, ct) is null
            ? Failure.UnknownReference("parentId", $"Participant '{parentId}' does not exist.")
            : null;

    public const string OwnParent = "A participant cannot be its own parent.";

    public const string ReportsThroughNeedsParent = "reportsThroughParent needs a parentId: a participant reports through its parent.";
}

/// <summary>
/// An instrument the participant endorsed: when (yyyy-MM-dd, if known; on that day or by then, default on), whether it signed
/// originally, joined later or took part (chair's statements), and the commitments it covers when only some (default all).
/// </summary>
public sealed record EndorsementInput(string? Instrument, [property: System.ComponentModel.DataAnnotations.DataType(System.ComponentModel.DataAnnotations.DataType.Date)] string? EndorsedOn, EndorsementBasis? Basis,
    DatePrecision? DatePrecision = null, IReadOnlyList<string>? Covers = null);

using Commitments.Api.Http;
using Commitments.Infrastructure.Catalogue;

namespace Commitments.Api.Features.Cycles;

public static class CycleRules
{
    public const string IdPattern = @"\A[a-z0-9][a-z0-9-]{1,63}\z";

    /// <summary>opens &lt; due &lt;= grace; a wrong order names the field that breaks it.</summary>
    public static void CheckDates(DateTime opensAt, DateTime dueAt, DateTime graceUntil)
    {
        if (dueAt <= opensAt) throw new RequestValidationException("dueAt", "dueAt must be after opensAt.");
        if (graceUntil < dueAt) throw new RequestValidationException("graceUntil", "graceUntil must be on or after dueAt.");
    }

    /// <summary>The first instrument in scope that is not in the catalogue, as a 422 naming it; null when all exist.</summary>
    public static async Task<Failure?> UnknownInstrumentAsync(CatalogueStore store, IReadOnlyList<string> instruments, CancellationToken ct)
    {
        var known = (await store.InstrumentsAsync(ct)).Select(i => i.Code).ToHashSet();
        for (var i = 0; i < instruments.Count; i++)
        {
            if (!known.Contains(instruments[i]))
                return Failure.UnknownReference($"instruments[{i}]", $"Instrument '{instruments[i]}' does not exist.");
        }
        return null;
    }

    public static void AddInstrumentRules<T>(AbstractValidator<T> validator, System.Linq.Expressions.Expression<Func<T, IEnumerable<string>?>> instruments)
    {
        validator.RuleFor(instruments).ItemCount(1, 20).WithMessage("List 1 to 20 instrument codes.").OverridePropertyName("instruments");
        validator.RuleForEach(instruments!).NotEmpty().MaximumLength(16).OverridePropertyName("instruments");
    }
}

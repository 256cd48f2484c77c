namespace Commitments.Api.Http;

/// <summary>Route, query and header inputs are bound as one [AsParameters] record and validated like bodies.</summary>
public static class InputValidation
{
    /// <summary>Runs the validators of the endpoint's <typeparamref name="T"/> argument first; failures are a 400 naming each field.</summary>
    public static RouteHandlerBuilder Validates<T>(this RouteHandlerBuilder builder) => builder
        .AddEndpointFilter(async (context, next) =>
        {
            var input = context.Arguments.OfType<T>().Single();
            List<FluentValidation.Results.ValidationFailure> failures = [.. QueryInstants<T>.Unreal(context.HttpContext.Request.Query)];
            foreach (var validator in context.HttpContext.RequestServices.GetServices<IValidator<T>>())
                failures.AddRange((await validator.ValidateAsync(input, context.HttpContext.RequestAborted)).Errors);
            if (failures.Count > 0) throw new ValidationException(failures);
            return await next(context);
        })
        .ProducesValidationProblem();

    /// <summary>
    /// The date-time query fields of <typeparamref name="T"/>. The framework reads "0001-01-01T00:00:00+05:00" as a UTC
    /// time a day off instead of refusing it, so each raw value is read again as an instant with its offset applied; one
    /// that is not between year 1 and year 9999 in UTC is a 400 naming the field.
    /// </summary>
    private static class QueryInstants<T>
    {
        private static readonly string[] Names = typeof(T).GetProperties()
            .Where(p => Nullable.GetUnderlyingType(p.PropertyType) == typeof(DateTime) || p.PropertyType == typeof(DateTime))
            .Select(p => typeof(T).GetConstructors().SelectMany(c => c.GetParameters()).FirstOrDefault(a => a.Name == p.Name)
                ?.GetCustomAttributes(typeof(Microsoft.AspNetCore.Mvc.FromQueryAttribute), false)
                .OfType<Microsoft.AspNetCore.Mvc.FromQueryAttribute>().FirstOrDefault()?.Name)
            .OfType<string>().ToArray();

        public static IEnumerable<FluentValidation.Results.ValidationFailure> Unreal(IQueryCollection query) =>
            from name in Names
            let raw = query[name].ToString()
            where raw.Length > 0 && !Inputs.IsInstant(raw)
            select new FluentValidation.Results.ValidationFailure(name,
                $"{name} must be a date-time between years 1 and 9999 in UTC once its offset is applied, e.g. 2024-05-21T00:00:00Z.");
    }

    /// <summary>An optional snake_case vocabulary code (e.g. international_organisation); a wrong one is listed against the valid ones.</summary>
    public static IRuleBuilderOptions<T, string?> IsCodeOf<T, TCode>(this IRuleBuilder<T, string?> rule) where TCode : struct, Enum =>
        rule.SetValidator(new OneOfRule<T>(Codes.All<TCode>(), typeof(TCode)));

    /// <summary>An optional value out of a fixed list (e.g. an audience); a wrong one is listed against the valid ones.</summary>
    public static IRuleBuilderOptions<T, string?> IsOneOf<T>(this IRuleBuilder<T, string?> rule, IReadOnlyList<string> values) =>
        rule.SetValidator(new OneOfRule<T>(values, null));

    /// <summary>Text every format the API writes can carry (see <see cref="CarriableText"/>); otherwise a 400 naming the field and the character.</summary>
    public static IRuleBuilderOptions<T, string?> IsCarriableText<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(text => CarriableText.IndexOfUncarriable(text) < 0)
            .WithMessage((_, text) => CarriableText.WhyNot(text!));
}

/// <summary>
/// Text that JSON, XML (the XLSX template) and CSV can all carry: no control characters other than tab, line feed and
/// carriage return, no Unicode non-characters (U+FFFE, U+FFFF, U+FDD0-U+FDEF and the last two of every plane), no lone
/// surrogates. Input is refused with it; stored text from before the rule is written with <see cref="Replace"/>.
/// </summary>
public static class CarriableText
{
    /// <summary>The index of the first character that cannot be carried, or -1.</summary>
    public static int IndexOfUncarriable(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length;)
        {
            if (System.Text.Rune.DecodeFromUtf16(text[i..], out var rune, out var used) != System.Buffers.OperationStatus.Done || !Carriable(rune))
                return i;
            i += used;
        }
        return -1;
    }

    private static bool Carriable(System.Text.Rune rune) =>
        !(System.Text.Rune.IsControl(rune) && rune.Value is not ('\t' or '\n' or '\r'))
        && rune.Value is not (>= 0xFDD0 and <= 0xFDEF)
        && (rune.Value & 0xFFFE) != 0xFFFE;

    public static string WhyNot(string text)
    {
        var at = IndexOfUncarriable(text);
        return $"The text cannot contain U+{(int)text[at]:X4} (at character {at + 1}): control characters other than tab and line breaks, "
            + "non-characters such as U+FFFF and unpaired surrogates are refused.";
    }

    /// <summary>The text with each character that cannot be carried replaced by U+FFFD.</summary>
    public static string Replace(string text)
    {
        if (IndexOfUncarriable(text) < 0) return text;
        var written = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length;)
        {
            var ok = System.Text.Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var used) == System.Buffers.OperationStatus.Done && Carriable(rune);
            written.Append(ok ? text.AsSpan(i, used) : "\uFFFD");
            i += Math.Max(used, 1);
        }
        return written.ToString();
    }
}

/// <summary>A rule that states its values, so the OpenAPI document lists them as the parameter's enum (see OpenApiSetup).</summary>
public interface IOneOfRule
{
    IReadOnlyList<string> Values { get; }

    /// <summary>The enum whose codes the values are, when they are a vocabulary's.</summary>
    Type? Vocabulary { get; }
}

public sealed class OneOfRule<T>(IReadOnlyList<string> values, Type? vocabulary) : FluentValidation.Validators.PropertyValidator<T, string?>, IOneOfRule
{
    public IReadOnlyList<string> Values { get; } = values;
    public Type? Vocabulary { get; } = vocabulary;
    public override string Name => "OneOfRule";

    public override bool IsValid(ValidationContext<T> context, string? value)
    {
        if (value is null || Values.Contains(value, StringComparer.Ordinal)) return true;
        context.MessageFormatter.AppendArgument("Reason", $"'{(value.Length <= 60 ? value : value[..60] + "…")}' is not one of: {string.Join(", ", Values)}.");
        return false;
    }

    protected override string GetDefaultMessageTemplate(string errorCode) => "{Reason}";
}

/// <summary>A rule that states how many items a list may hold, so the document gives it minItems and maxItems.</summary>
public interface IItemCountRule
{
    int Min { get; }
    int Max { get; }
}

public sealed class ItemCountRule<T, TList>(int min, int max) : FluentValidation.Validators.PropertyValidator<T, TList>, IItemCountRule
    where TList : System.Collections.IEnumerable?
{
    public int Min { get; } = min;
    public int Max { get; } = max;
    public override string Name => "ItemCountRule";

    public override bool IsValid(ValidationContext<T> context, TList value)
    {
        if (value is null) return true;
        var count = value is System.Collections.ICollection c ? c.Count : value.Cast<object?>().Count();
        return count >= Min && count <= Max;
    }

    protected override string GetDefaultMessageTemplate(string errorCode) => $"List {Min} to {Max} items.";
}

public static class ItemCounts
{
    /// <summary>An optional list of <paramref name="min"/> to <paramref name="max"/> items (null passes: NotNull says whether it is required).</summary>
    public static IRuleBuilderOptions<T, TList> ItemCount<T, TList>(this IRuleBuilder<T, TList> rule, int min, int max)
        where TList : System.Collections.IEnumerable? =>
        rule.SetValidator(new ItemCountRule<T, TList>(min, max));
}

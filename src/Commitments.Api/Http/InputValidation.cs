namespace Commitments.Api.Http;

/// <summary>Route, query and header inputs are bound as one [AsParameters] record and validated like bodies.</summary>
public static class InputValidation
{
    /// <summary>Runs the validators of the endpoint's <typeparamref name="T"/> argument first; failures are a 400 naming each field.</summary>
    public static RouteHandlerBuilder Validates<T>(this RouteHandlerBuilder builder) => builder
        .AddEndpointFilter(async (context, next) =>
        {
            var input = context.Arguments.OfType<T>().Single();
            List<FluentValidation.Results.ValidationFailure> failures = [];
            foreach (var validator in context.HttpContext.RequestServices.GetServices<IValidator<T>>())
                failures.AddRange((await validator.ValidateAsync(input, context.HttpContext.RequestAborted)).Errors);
            if (failures.Count > 0) throw new ValidationException(failures);
            return await next(context);
        })
        .ProducesValidationProblem();

    /// <summary>An optional snake_case vocabulary code (e.g. international_organisation); a wrong one is listed against the valid ones.</summary>
    public static IRuleBuilderOptions<T, string?> IsCodeOf<T, TCode>(this IRuleBuilder<T, string?> rule) where TCode : struct, Enum =>
        rule.Must(value => value is null || Codes.TryParse<TCode>(value, out _))
            .WithMessage((_, value) => $"'{(value!.Length <= 60 ? value : value[..60] + "…")}' is not one of: {string.Join(", ", Codes.All<TCode>())}.");
}

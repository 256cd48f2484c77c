namespace Commitments.Api.Pipeline;

/// <summary>Runs every validator of the message and gathers the failures per field before anything else happens.</summary>
public sealed class ValidationBehaviour<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse> where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken ct)
    {
        List<FluentValidation.Results.ValidationFailure> failures = [];
        foreach (var validator in validators)
            failures.AddRange((await validator.ValidateAsync(message, ct)).Errors);
        if (failures.Count > 0) throw new ValidationException(failures);
        return await next(message, ct);
    }
}

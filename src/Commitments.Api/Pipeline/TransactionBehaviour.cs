using Commitments.Infrastructure.Data;

namespace Commitments.Api.Pipeline;

/// <summary>
/// Every command runs in one database transaction: the change, its revision and its audit entry commit together
/// or not at all. An expected failure rolls back too, so a refused request changes nothing.
/// </summary>
public sealed class TransactionBehaviour<TMessage, TResponse>(DbSession session)
    : IPipelineBehavior<TMessage, TResponse> where TMessage : IBaseCommand
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken ct)
    {
        await session.BeginAsync(ct);
        try
        {
            var response = await next(message, ct);
            if (response is IOutcome { Failure: not null })
            {
                await session.RollbackAsync();
                return response;
            }
            // Once the commit starts, the client leaving must not abandon it half-way.
            await session.CommitAsync(CancellationToken.None);
            return response;
        }
        catch
        {
            await session.RollbackAsync();
            throw;
        }
    }
}

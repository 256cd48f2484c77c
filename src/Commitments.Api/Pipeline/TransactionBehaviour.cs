using Commitments.Infrastructure.Access;
using Commitments.Infrastructure.Data;

namespace Commitments.Api.Pipeline;

/// <summary>
/// Every command runs in one database transaction: the change, its revision and its audit entry commit together
/// or not at all. An expected failure rolls back too, so a refused request changes nothing. A command sent from inside
/// another one (a bulk command filing many updates) joins the transaction already open: the outer command commits or rolls back.
/// CommitAsync returns once the transaction is on disk. Validation ran before this behaviour, outside the transaction.
/// </summary>
public sealed class TransactionBehaviour<TMessage, TResponse>(DbSession session, RequestContext request, TimeProvider clock)
    : IPipelineBehavior<TMessage, TResponse> where TMessage : IBaseCommand
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken ct)
    {
        if (session.Transaction is not null) return await next(message, ct);
        for (var attempt = 1; ; attempt++)
        {
            var commitStarted = false;
            try
            {
                return await RunOnceAsync(message, next, () => commitStarted = true, ct);
            }
            catch (Exception e) when (TransientRetry.ShouldRetry(attempt, e, commitStarted, session.Dialect, session.Database.IsSqlite))
            {
                // SQL Server: the whole transaction again, from the start, on a fresh connection.
                await session.DiscardConnectionAsync();
                await Task.Delay(TransientRetry.Pause(attempt), ct);
            }
        }
    }

    private async ValueTask<TResponse> RunOnceAsync(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, Action committing,
        CancellationToken ct)
    {
        await session.BeginAsync(ct);
        try
        {
            // A key revoked (or expired) after it authenticated the request, while the request waited for the writer slot,
            // must not still change anything. Checked inside the transaction, so the revocation has committed or waits.
            if (request.Actor.KeyId is { } keyId
                && await new AccessStore(session).KeyAsync(keyId, ct) is { } key
                && (key.RevokedAt is not null || key.ExpiresAt <= clock.GetUtcNow().UtcDateTime))
                throw new KeyNoLongerValidException();
            var response = await next(message, ct);
            // A refusal changes nothing; neither does a dry run, which reports what it would have written.
            if (response is IOutcome { Failure: not null } || message is IDryRun { DryRun: true })
            {
                await session.RollbackAsync();
                return response;
            }
            // Once the commit starts, the client leaving must not abandon it half-way.
            committing();
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

using System.Data.Common;
using Commitments.Infrastructure.Data;

namespace Commitments.Infrastructure.Idempotency;

/// <summary>The first outcome of an idempotent command, kept per API key and Idempotency-Key to answer retries.</summary>
public sealed class IdempotencyRecord
{
    public string RequestHash { get; set; } = "";
    public string ResponseBody { get; set; } = "";
}

public sealed class IdempotencySql
{
    public string Record => """
        SELECT request_hash AS RequestHash, response_body AS ResponseBody
        FROM idempotency_records WHERE api_key_id = @ApiKeyId AND idempotency_key = @Key
        """;
    public string Claim => """
        INSERT INTO idempotency_records (api_key_id, idempotency_key, request_hash, status_code, resource_id, response_body, etag, created_at)
        VALUES (@ApiKeyId, @Key, @RequestHash, 0, '', '', '', @Now)
        """;
    /// <summary>status_code, resource_id and etag are left as claimed: the stored outcome carries everything a replay answers.</summary>
    public string Complete => """
        UPDATE idempotency_records SET status_code = 200, response_body = @ResponseBody
        WHERE api_key_id = @ApiKeyId AND idempotency_key = @Key
        """;
}

public sealed class IdempotencyStore(DbSession session)
{
    private static readonly IdempotencySql Sql = new();

    /// <summary>Claims the key inside the transaction, before any other write; false when another request holds it.</summary>
    public async Task<bool> ClaimAsync(string apiKeyId, string key, string requestHash, DateTime now, CancellationToken ct)
    {
        try
        {
            await session.ExecuteAsync(Sql.Claim, new { ApiKeyId = apiKeyId, Key = key, RequestHash = requestHash, Now = now }, ct);
            return true;
        }
        catch (DbException e) when (session.Dialect.IsUniqueViolation(e))
        {
            return false;
        }
    }

    public Task<IdempotencyRecord?> RecordAsync(string apiKeyId, string key, CancellationToken ct) =>
        session.SingleOrDefaultAsync<IdempotencyRecord>(Sql.Record, new { ApiKeyId = apiKeyId, Key = key }, ct);

    public Task CompleteAsync(string apiKeyId, string key, string responseBody, CancellationToken ct) =>
        session.ExecuteAsync(Sql.Complete, new { ApiKeyId = apiKeyId, Key = key, ResponseBody = responseBody }, ct);
}

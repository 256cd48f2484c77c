using Commitments.Infrastructure.Data;

namespace Commitments.Infrastructure.Access;

public sealed record ApiKeyRecord(
    string Id, string Prefix, string SecretHash, string Role, string? ParticipantId, string Label,
    DateTime CreatedAt, DateTime? ExpiresAt, DateTime? RevokedAt);

public sealed record AuditEntry(
    DateTime At, string? ApiKeyId, string? Role, string? ParticipantId, string Action, string TargetType, string TargetId,
    string? BeforeJson, string? AfterJson, string? TraceId);

public sealed record AuditRecord(
    long Seq, DateTime At, string? ApiKeyId, string? Role, string? ParticipantId, string Action, string TargetType, string TargetId,
    string? BeforeJson, string? AfterJson, string? TraceId);

public sealed record AuditFilter(long? After, string? TargetType, string? TargetId, string? ApiKeyId, string? Action, DateTime? Since, int Limit);

/// <summary>API keys (hashes only) and the audit log.</summary>
public sealed class AccessStore(DbSession session)
{
    private readonly AccessSql _sql = new(session.Dialect);

    /// <summary>The keys whose secret starts with <paramref name="prefix"/>: read on every request that sends a key.</summary>
    public async Task<IReadOnlyList<ApiKeyRecord>> KeysByPrefixAsync(string prefix, CancellationToken ct) =>
        await session.QueryAsync<ApiKeyRecord>(_sql.KeysByPrefix, new { Prefix = prefix }, ct);

    /// <summary>The kind code of a key's participant (government, international_organisation, company).</summary>
    public Task<string?> ParticipantKindAsync(string participantId, CancellationToken ct) =>
        session.SingleOrDefaultAsync<string>(_sql.ParticipantKind, new { Id = participantId }, ct);

    public async Task<ApiKeyRecord?> KeyAsync(string id, CancellationToken ct) =>
        await session.SingleOrDefaultAsync<ApiKeyRecord>(_sql.Key, new { Id = id }, ct);

    public Task<IReadOnlyList<ApiKeyRecord>> KeysAsync(string? after, int limit, CancellationToken ct) =>
        session.QueryAsync<ApiKeyRecord>(_sql.Keys, new { After = after, Limit = limit }, ct);

    public Task InsertKeyAsync(ApiKeyRecord key, CancellationToken ct) => session.ExecuteAsync(_sql.InsertKey, key, ct);

    /// <summary>False when the key is already revoked, or is the last active secretariat key (which is never revoked).</summary>
    public async Task<bool> RevokeKeyAsync(string id, DateTime now, CancellationToken ct) =>
        await session.ExecuteAsync(_sql.RevokeKey, new { Id = id, Now = now }, ct) == 1;

    /// <summary>Secretariat keys neither revoked nor expired at <paramref name="now"/>.</summary>
    public async Task<int> ActiveSecretariatKeysAsync(DateTime now, CancellationToken ct) =>
        await session.ScalarAsync<int>(_sql.ActiveSecretariatKeys, new { Now = now }, ct);

    public Task RecordAsync(AuditEntry entry, CancellationToken ct) => session.ExecuteAsync(_sql.InsertAudit, entry, ct);

    public Task<IReadOnlyList<AuditRecord>> AuditAsync(AuditFilter filter, CancellationToken ct) =>
        session.QueryAsync<AuditRecord>(_sql.Audit, filter, ct);
}

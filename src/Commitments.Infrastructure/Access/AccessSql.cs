using Commitments.Infrastructure.Data;

namespace Commitments.Infrastructure.Access;

public sealed class AccessSql(SqlDialect d)
{
    private const string KeyColumns = """
        id AS Id, prefix AS Prefix, secret_hash AS SecretHash, role AS Role, participant_id AS ParticipantId, label AS Label,
        created_at AS CreatedAt, expires_at AS ExpiresAt, revoked_at AS RevokedAt
        """;
    public string KeysByPrefix => $"SELECT {KeyColumns} FROM api_keys WHERE prefix = @Prefix";
    public string Key => $"SELECT {KeyColumns} FROM api_keys WHERE id = @Id";
    public string ParticipantKind => "SELECT kind FROM participants WHERE id = @Id";
    public string Keys => $"SELECT {d.Top("@Limit")} {KeyColumns} FROM api_keys WHERE (@After IS NULL OR id > @After) ORDER BY id {d.Limit("@Limit")}";
    public string InsertKey => """
        INSERT INTO api_keys (id, prefix, secret_hash, role, participant_id, label, created_at, expires_at, revoked_at)
        VALUES (@Id, @Prefix, @SecretHash, @Role, @ParticipantId, @Label, @CreatedAt, @ExpiresAt, NULL)
        """;
    /// <summary>A secretariat key that can still be used: "active" means neither revoked nor expired.</summary>
    private const string ActiveSecretariat = "k.role = 'secretariat' AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > @Now)";
    // One statement, so two revocations at once cannot both pass the check: the last active secretariat key stays.
    public string RevokeKey => $"""
        UPDATE api_keys SET revoked_at = @Now
        WHERE id = @Id AND revoked_at IS NULL
            AND (role <> 'secretariat' OR EXISTS (SELECT 1 FROM api_keys k WHERE k.id <> @Id AND {ActiveSecretariat}))
        """;
    public string ActiveSecretariatKeys => $"SELECT COUNT(*) FROM api_keys k WHERE {ActiveSecretariat}";

    public string InsertAudit => """
        INSERT INTO audit_log (at, api_key_id, role, participant_id, action, target_type, target_id, before_json, after_json, trace_id)
        VALUES (@At, @ApiKeyId, @Role, @ParticipantId, @Action, @TargetType, @TargetId, @BeforeJson, @AfterJson, @TraceId)
        """;
    public string Audit => $"""
        SELECT {d.Top("@Limit")} seq AS Seq, at AS At, api_key_id AS ApiKeyId, role AS Role, participant_id AS ParticipantId, action AS Action,
            target_type AS TargetType, target_id AS TargetId, before_json AS BeforeJson, after_json AS AfterJson, trace_id AS TraceId
        FROM audit_log
        WHERE (@After IS NULL OR seq > @After) AND (@TargetType IS NULL OR target_type = @TargetType)
            AND (@TargetId IS NULL OR target_id = @TargetId) AND (@ApiKeyId IS NULL OR api_key_id = @ApiKeyId)
            AND (@Action IS NULL OR action = @Action) AND (@Since IS NULL OR at >= @Since)
        ORDER BY seq {d.Limit("@Limit")}
        """;
}

using System.Security.Cryptography;
using Commitments.Domain.Receipts;
using Commitments.Infrastructure.Data;

namespace Commitments.Infrastructure.Receipts;

/// <summary>Where the log's signing key comes from: a PEM in configuration, a PEM file, or (neither) the database.</summary>
public sealed record LogSigningOptions(string? Pem, string? Path)
{
    public string Source => Pem is not null ? "configuration" : Path is not null ? $"file {Path}" : "database";
}

/// <summary>
/// Signs receipts and tree heads with ECDSA P-256 over SHA-256 (signatures DER-encoded, RFC 3279, base64), the key named by
/// the SHA-256 of its public key (SubjectPublicKeyInfo DER, hex). With no key configured one is generated once and kept in
/// the database, so restarts keep it: fit for development and tests only, since whoever can write the database could then
/// also sign; production configures <c>Log:SigningKeyPem</c> or <c>Log:SigningKeyPath</c>.
/// </summary>
public sealed class LogSigner(Database database, LogSigningOptions options) : IDisposable
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private ECDsa? _key;

    public LogSigningOptions Options => options;

    /// <summary>Loads the key, creating it where it is kept when there is none yet (at start, under the migration lock).</summary>
    public async Task<ECDsa> KeyAsync(CancellationToken ct = default)
    {
        if (_key is { } loaded) return loaded;
        await _loading.WaitAsync(ct);
        try
        {
            return _key ??= await LoadAsync(ct);
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>
    /// The key's id, worked out once per loaded key: every receipt carries it, and exporting and hashing the public key was 4% of
    /// the writer's work per filing.
    /// </summary>
    public async Task<string> KeyIdAsync(CancellationToken ct = default)
    {
        var key = await KeyAsync(ct);
        if (_keyId is { } known && ReferenceEquals(known.Key, key)) return known.Id;
        var id = Record.Sha256Hex(key.ExportSubjectPublicKeyInfo());
        _keyId = new NamedKey(key, id);
        return id;
    }

    private sealed record NamedKey(ECDsa Key, string Id);
    private NamedKey? _keyId;

    public async Task<string> PublicKeyPemAsync(CancellationToken ct = default) => (await KeyAsync(ct)).ExportSubjectPublicKeyInfoPem();

    /// <summary>Signs the JCS bytes of a canonical object.</summary>
    public async Task<string> SignAsync(IReadOnlyDictionary<string, object?> form, CancellationToken ct = default) =>
        Convert.ToBase64String((await KeyAsync(ct)).SignData(Jcs.Bytes(form), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));

    public async Task<bool> VerifyAsync(IReadOnlyDictionary<string, object?> form, string signature, CancellationToken ct = default)
    {
        try
        {
            return (await KeyAsync(ct)).VerifyData(Jcs.Bytes(form), Convert.FromBase64String(signature), HashAlgorithmName.SHA256,
                DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private async Task<ECDsa> LoadAsync(CancellationToken ct)
    {
        if (options.Pem is { } pem) return Import(pem);
        if (options.Path is { } path)
        {
            if (!File.Exists(path))
            {
                using var fresh = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
                await File.WriteAllTextAsync(path, fresh.ExportPkcs8PrivateKeyPem(), ct);
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            return Import(await File.ReadAllTextAsync(path, ct));
        }
        // Its own session: the key must outlive any command that happens to need it first.
        await using var session = new DbSession(database);
        var sql = new LogSql(database.Dialect);
        if (await session.SingleOrDefaultAsync<string>(sql.SigningKey, null, ct) is { } stored) return Import(stored);
        using (var fresh = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            try
            {
                await session.ExecuteAsync(sql.InsertSigningKey, new { Pem = fresh.ExportPkcs8PrivateKeyPem(), CreatedAt = DateTime.UtcNow }, ct);
            }
            catch (System.Data.Common.DbException e) when (database.Dialect.IsUniqueViolation(e))
            {
                // Another instance created it first: use that one.
            }
        }
        return Import(await session.SingleOrDefaultAsync<string>(sql.SigningKey, null, ct)
            ?? throw new InvalidOperationException("The log's signing key could not be stored."));
    }

    private static ECDsa Import(string pem)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(pem);
        if (key.KeySize != 256) throw new StartupException("The log's signing key must be an ECDSA P-256 key.");
        return key;
    }

    public void Dispose()
    {
        _key?.Dispose();
        _loading.Dispose();
    }
}

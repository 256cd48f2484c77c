using System.Security.Cryptography;
using System.Text;

namespace Commitments.Api.Auth;

/// <summary>
/// Keys look like <c>cmt_</c> + 43 base64url characters (256 random bits). The database keeps only a SHA-256 hash
/// and the first <see cref="PrefixLength"/> characters, which identify a key in lists without revealing it.
/// </summary>
public static class ApiKeySecrets
{
    public const int PrefixLength = 12;
    public const int MinimumBootstrapLength = 32;

    public static string NewSecret() => "cmt_" + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string PrefixOf(string secret) => secret.Length <= PrefixLength ? secret : secret[..PrefixLength];

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool Matches(string secret, string storedHash)
    {
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        byte[] stored;
        try
        {
            stored = Convert.FromHexString(storedHash);
        }
        catch (FormatException)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(presented, stored);
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

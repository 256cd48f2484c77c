using System.Security.Cryptography;
using System.Text;

namespace Commitments.Tests.Support;

/// <summary>
/// What a participant would write to check the record, from the README alone: none of the server's classes. RFC 9162
/// section 2.1.3.2 (inclusion) and 2.1.4.2 (consistency), SHA-256, and ECDSA P-256 signatures over JCS bytes.
/// </summary>
public static class IndependentVerifier
{
    public static byte[] Sha256(params byte[][] parts) => SHA256.HashData(parts.SelectMany(p => p).ToArray());

    public static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    public static byte[] Bytes(string hex) => Convert.FromHexString(hex);

    public static string Utf8Sha256(string text) => Hex(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>A JSON string for the plain text the tests use (JCS escapes only quote, backslash and control characters).</summary>
    public static string Str(string? value) => value is null ? "null"
        : "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n") + "\"";

    public static bool VerifyInclusion(long index, long size, byte[] leafHash, IReadOnlyList<byte[]> path, byte[] root)
    {
        if (index >= size) return false;
        long fn = index, sn = size - 1;
        var r = leafHash;
        foreach (var p in path)
        {
            if (sn == 0) return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                r = Sha256([0x01], p, r);
                if ((fn & 1) == 0)
                    while ((fn & 1) == 0 && fn != 0) { fn >>= 1; sn >>= 1; }
            }
            else r = Sha256([0x01], r, p);
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && r.SequenceEqual(root);
    }

    public static bool VerifyConsistency(long first, long second, byte[] firstRoot, byte[] secondRoot, IReadOnlyList<byte[]> proof)
    {
        if (first == second) return proof.Count == 0 && firstRoot.SequenceEqual(secondRoot);
        if (first > second || first == 0 || proof.Count == 0) return false;
        List<byte[]> path = [.. proof];
        if ((first & (first - 1)) == 0) path.Insert(0, firstRoot);
        long fn = first - 1, sn = second - 1;
        while ((fn & 1) == 1) { fn >>= 1; sn >>= 1; }
        byte[] fr = path[0], sr = path[0];
        foreach (var c in path.Skip(1))
        {
            if (sn == 0) return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                fr = Sha256([0x01], c, fr);
                sr = Sha256([0x01], c, sr);
                if ((fn & 1) == 0)
                    while ((fn & 1) == 0 && fn != 0) { fn >>= 1; sn >>= 1; }
            }
            else sr = Sha256([0x01], sr, c);
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && fr.SequenceEqual(firstRoot) && sr.SequenceEqual(secondRoot);
    }

    /// <summary>The RFC 9162 tree hash of leaf hashes, by its recursive definition.</summary>
    public static byte[] TreeHash(IReadOnlyList<byte[]> leaves)
    {
        if (leaves.Count == 0) return SHA256.HashData([]);
        if (leaves.Count == 1) return leaves[0];
        var k = 1;
        while (k * 2 < leaves.Count) k *= 2;
        return Sha256([0x01], TreeHash(leaves.Take(k).ToList()), TreeHash(leaves.Skip(k).ToList()));
    }

    public static byte[] LeafHash(string entryHashHex) => Sha256([0x00], Bytes(entryHashHex));

    /// <summary>Checks an ECDSA P-256 / SHA-256 DER signature (base64) over UTF-8 text with a SubjectPublicKeyInfo PEM.</summary>
    public static bool VerifySignature(string publicKeyPem, string signedText, string signatureBase64)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(publicKeyPem);
        return key.VerifyData(Encoding.UTF8.GetBytes(signedText), Convert.FromBase64String(signatureBase64), HashAlgorithmName.SHA256,
            DSASignatureFormat.Rfc3279DerSequence);
    }
}

using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Commitments.Api.Http;

/// <summary>
/// The one opaque keyset cursor: base64url of "kind:key". The kind names the list it belongs to, so a cursor of one
/// list is refused by another; the key is the last item's sort key (a sequence number, a GUID).
/// </summary>
public static class Cursor
{
    private const int MaxLength = 200;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Encode(string kind, string key) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(kind + ":" + key));

    /// <summary>The key of a cursor of this kind; false for anything else (wrong kind, not base64url, too long, empty key).</summary>
    public static bool TryDecode(string? cursor, string kind, [NotNullWhen(true)] out string? key)
    {
        key = null;
        if (string.IsNullOrEmpty(cursor) || cursor.Length > MaxLength) return false;
        var bytes = new byte[Base64Url.GetMaxDecodedLength(cursor.Length)];
        if (Base64Url.DecodeFromChars(cursor, bytes, out _, out var written) != OperationStatus.Done) return false;
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes, 0, written);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        if (text.Length <= kind.Length + 1 || !text.StartsWith(kind, StringComparison.Ordinal) || text[kind.Length] != ':') return false;
        key = text[(kind.Length + 1)..];
        return true;
    }
}

using System.Security.Cryptography;
using System.Text;

namespace Learn.WeChat.Crypto;

/// <summary>
/// WeChat's push signatures: lowercase hex SHA-1 of the parts sorted and concatenated.
/// <c>signature</c> = sign(token, timestamp, nonce); <c>msg_signature</c> = sign(token, timestamp, nonce, Encrypt).
/// </summary>
public static class WeChatSignature
{
    /// <summary>Computes the signature of <paramref name="parts"/>.</summary>
    public static string Compute(params string[] parts)
    {
        var sorted = (string[])parts.Clone();
        // Ordinal, never culture-aware: a culture comparer orders '+', '/' and case differently from
        // WeChat's byte order and yields a wrong msg_signature for Base64 input.
        Array.Sort(sorted, StringComparer.Ordinal);
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes(string.Concat(sorted)));
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>True when <paramref name="expected"/> is the signature of <paramref name="parts"/> (constant-time compare).</summary>
    public static bool Matches(string? expected, params string[] parts)
    {
        if (string.IsNullOrEmpty(expected)) return false;
        var actual = Encoding.ASCII.GetBytes(Compute(parts));
        var given = Encoding.ASCII.GetBytes(expected.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(actual, given);
    }
}

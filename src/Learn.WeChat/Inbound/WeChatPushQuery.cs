using Microsoft.AspNetCore.Http;

namespace Learn.WeChat.Inbound;

/// <summary>The query string WeChat adds to every push and to the URL verification request.</summary>
/// <param name="Signature">SHA-1 of token, timestamp, nonce (plain mode and GET verification).</param>
/// <param name="Timestamp">Unix seconds.</param>
/// <param name="Nonce">Random number.</param>
/// <param name="EncryptType"><c>aes</c> in compatible and safe mode; absent or <c>raw</c> in plain mode.</param>
/// <param name="MsgSignature">SHA-1 of token, timestamp, nonce and Encrypt (safe mode).</param>
/// <param name="EchoStr">GET verification only: echoed back verbatim.</param>
public sealed record WeChatPushQuery(
    string? Signature, string? Timestamp, string? Nonce, string? EncryptType = null, string? MsgSignature = null, string? EchoStr = null)
{
    /// <summary>Reads the parameters from a request's query string.</summary>
    public static WeChatPushQuery From(IQueryCollection query) => new(
        Get(query, "signature"), Get(query, "timestamp"), Get(query, "nonce"),
        Get(query, "encrypt_type"), Get(query, "msg_signature"), Get(query, "echostr"));

    /// <summary>True when the body is encrypted (compatible or safe mode).</summary>
    public bool IsEncrypted => string.Equals(EncryptType, "aes", StringComparison.OrdinalIgnoreCase);

    private static string? Get(IQueryCollection query, string name) => query.TryGetValue(name, out var v) ? v.ToString() : null;
}

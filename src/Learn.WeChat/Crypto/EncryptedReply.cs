using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Learn.WeChat.Messages;

namespace Learn.WeChat.Crypto;

/// <summary>A reply encrypted for safe mode: WeChat checks <see cref="MsgSignature"/> over the other three fields.</summary>
/// <param name="Encrypt">Base64 ciphertext.</param>
/// <param name="MsgSignature">SHA-1 of token, timestamp, nonce and Encrypt.</param>
/// <param name="TimeStamp">Unix seconds we chose.</param>
/// <param name="Nonce">The push's nonce, echoed.</param>
public sealed record EncryptedReply(string Encrypt, string MsgSignature, long TimeStamp, string Nonce)
{
    /// <summary>Creates the reply envelope for <paramref name="message"/>.</summary>
    public static EncryptedReply Create(WeChatMessageCrypt crypt, string token, string message, long timestamp, string nonce, int keyIndex = 0)
        => FromEncrypt(crypt.Encrypt(message, keyIndex), token, timestamp, nonce);

    internal static EncryptedReply FromEncrypt(string encrypt, string token, long timestamp, string nonce)
    {
        var ts = timestamp.ToString(CultureInfo.InvariantCulture);
        return new EncryptedReply(encrypt, WeChatSignature.Compute(token, ts, nonce, encrypt), timestamp, nonce);
    }

    /// <summary>The XML form (Official Account, XML pushes).</summary>
    public string ToXml() =>
        "<xml><Encrypt>" + XmlText.CData(Encrypt) + "</Encrypt><MsgSignature>" + XmlText.CData(MsgSignature) +
        "</MsgSignature><TimeStamp>" + TimeStamp.ToString(CultureInfo.InvariantCulture) + "</TimeStamp><Nonce>" +
        XmlText.CData(Nonce) + "</Nonce></xml>";

    /// <summary>The JSON form (Mini Program JSON pushes).</summary>
    public string ToJson() => JsonSerializer.Serialize(new { Encrypt, MsgSignature, TimeStamp, Nonce }, JsonOptions);

    // WeChat's field names as they are (PascalCase), and Base64's '+' written plainly rather than as \u002B.
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}

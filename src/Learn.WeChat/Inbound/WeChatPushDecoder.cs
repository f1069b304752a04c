using System.Globalization;
using System.Text;
using Learn.WeChat.Configuration;
using Learn.WeChat.Crypto;
using Learn.WeChat.Messages;
using Microsoft.AspNetCore.Http;

namespace Learn.WeChat.Inbound;

/// <summary>
/// Verifies and decodes pushes for one app: signature (or msg_signature in safe mode), a timestamp
/// window against replays, size limit, decryption with key rotation, app id check, safe parsing.
/// Endpoints call <see cref="DecodeAsync"/> and answer a refusal with 400 (never 500), logging why.
/// </summary>
public sealed class WeChatPushDecoder
{
    private readonly string _token;
    private readonly WeChatMessageCrypt? _crypt;
    private readonly int _maxBodyBytes;
    private readonly TimeSpan _tolerance;
    private readonly TimeProvider _time;
    private readonly WeChatMessageMode _mode;

    /// <summary>
    /// Creates a decoder; <paramref name="encodingAesKey"/> may be empty in <see cref="WeChatMessageMode.Plain"/>.
    /// In <see cref="WeChatMessageMode.Safe"/> a push without the encrypted envelope is refused, however it is signed.
    /// </summary>
    public WeChatPushDecoder(string appId, string token, string encodingAesKey, string previousEncodingAesKey,
        int maxBodyBytes, TimeSpan tolerance, TimeProvider time, WeChatMessageMode mode = WeChatMessageMode.Compatible)
    {
        _mode = mode;
        _token = token;
        _crypt = string.IsNullOrEmpty(encodingAesKey) ? null : new WeChatMessageCrypt(appId, encodingAesKey, previousEncodingAesKey);
        _maxBodyBytes = maxBodyBytes;
        _tolerance = tolerance;
        _time = time;
    }

    /// <summary>GET URL verification: on success the value is the <c>echostr</c> to answer as text/plain.</summary>
    public PushOutcome<string> VerifyUrl(WeChatPushQuery query)
    {
        if (Check(query, query.Signature) is { } refused) return PushOutcome<string>.Refuse(refused.Refusal, refused.Detail);
        return string.IsNullOrEmpty(query.EchoStr)
            ? PushOutcome<string>.Refuse(PushRefusal.Malformed, "echostr is missing.")
            : PushOutcome<string>.Accept(query.EchoStr);
    }

    /// <summary>Reads the request body (at most the limit) and decodes it.</summary>
    public async Task<PushOutcome<InboundPush>> DecodeAsync(HttpRequest request, CancellationToken ct)
    {
        var query = WeChatPushQuery.From(request.Query);
        if (request.ContentLength > _maxBodyBytes) return TooLarge();
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > _maxBodyBytes) return TooLarge();
            buffer.Write(chunk, 0, read);
        }
        return Decode(query, buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    /// <summary>Verifies and decodes a push body.</summary>
    public PushOutcome<InboundPush> Decode(WeChatPushQuery query, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(_token)) return Refuse(PushRefusal.NotConfigured, "No push token configured for this app.");
        if (body.Length > _maxBodyBytes) return TooLarge();
        string text;
        try { text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body); }
        catch (DecoderFallbackException) { return Refuse(PushRefusal.Malformed, "Body is not UTF-8."); }

        try
        {
            if (!query.IsEncrypted)
            {
                // The plain signature covers timestamp and nonce only: in safe mode it proves nothing about the body.
                if (_mode == WeChatMessageMode.Safe) return Refuse(PushRefusal.NotEncrypted, "Plain push, but the app is in safe mode.");
                if (Check(query, query.Signature) is { } refused) return Refuse(refused.Refusal, refused.Detail);
                return Accept(text, FormatOf(text), encrypted: false, query, keyIndex: 0);
            }
            if (_mode == WeChatMessageMode.Plain) return Refuse(PushRefusal.Malformed, "Encrypted push, but the app is in plain mode.");
            if (_crypt is null) return Refuse(PushRefusal.NotConfigured, "Encrypted push but no EncodingAESKey configured.");

            var format = FormatOf(text);
            var envelope = format == PushFormat.Xml ? WeChatXmlParser.Parse(text, _maxBodyBytes) : WeChatJsonParser.Parse(text);
            var encrypt = envelope["Encrypt"];
            if (string.IsNullOrEmpty(encrypt)) return Refuse(PushRefusal.Malformed, "encrypt_type=aes but no Encrypt field.");
            // Safe mode is authenticated by msg_signature over the ciphertext, not by signature.
            if (Check(query, query.MsgSignature, encrypt) is { } bad) return Refuse(bad.Refusal, bad.Detail);

            var (plain, keyIndex) = _crypt.Decrypt(encrypt);
            return Accept(plain, FormatOf(plain), encrypted: true, query, keyIndex);
        }
        catch (WeChatMessageFormatException ex) { return Refuse(PushRefusal.Malformed, ex.Message); }
        catch (WeChatCryptoException ex) when (ex.Failure == CryptoFailure.WrongAppId) { return Refuse(PushRefusal.WrongAppId, ex.Message); }
        catch (WeChatCryptoException ex) { return Refuse(PushRefusal.Malformed, ex.Message); }
    }

    /// <summary>
    /// The response body for <paramref name="push"/>: <paramref name="reply"/> as is for plain pushes,
    /// encrypted (with the key that decrypted the push) for safe-mode ones. "success" and "" need no encryption.
    /// </summary>
    public string Reply(InboundPush push, string reply)
    {
        if (!push.WasEncrypted || _crypt is null || reply.Length == 0 || reply == PassiveReply.Success) return reply;
        var envelope = EncryptedReply.Create(_crypt, _token, reply, _time.GetUtcNow().ToUnixTimeSeconds(), push.Nonce, push.KeyIndex);
        return push.Format == PushFormat.Json ? envelope.ToJson() : envelope.ToXml();
    }

    private (PushRefusal Refusal, string Detail)? Check(WeChatPushQuery query, string? signature, string? encrypt = null)
    {
        if (string.IsNullOrEmpty(_token)) return (PushRefusal.NotConfigured, "No push token configured for this app.");
        if (string.IsNullOrEmpty(signature) || query.Timestamp is null || query.Nonce is null)
            return (PushRefusal.BadSignature, "signature, timestamp or nonce is missing.");
        var ok = encrypt is null
            ? WeChatSignature.Matches(signature, _token, query.Timestamp, query.Nonce)
            : WeChatSignature.Matches(signature, _token, query.Timestamp, query.Nonce, encrypt);
        if (!ok) return (PushRefusal.BadSignature, "Signature does not match.");

        // WeChat defines no window; with de-duplication a ±5 minute window keeps replays out.
        if (!long.TryParse(query.Timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var ts))
            return (PushRefusal.Malformed, "timestamp is not a number.");
        var skew = Math.Abs(_time.GetUtcNow().ToUnixTimeSeconds() - ts);
        return skew > _tolerance.TotalSeconds ? (PushRefusal.StaleTimestamp, $"timestamp is {skew} s away from now.") : null;
    }

    private PushOutcome<InboundPush> Accept(string plain, PushFormat format, bool encrypted, WeChatPushQuery query, int keyIndex)
    {
        var message = format == PushFormat.Xml ? WeChatXmlParser.Parse(plain, _maxBodyBytes) : WeChatJsonParser.Parse(plain);
        return PushOutcome<InboundPush>.Accept(new InboundPush(message, plain, format, encrypted, query.Nonce ?? "", keyIndex));
    }

    private static PushFormat FormatOf(string text)
    {
        var trimmed = text.AsSpan().TrimStart();
        if (trimmed.StartsWith("<")) return PushFormat.Xml;
        if (trimmed.StartsWith("{")) return PushFormat.Json;
        throw new WeChatMessageFormatException("The body is neither XML nor JSON.");
    }

    private PushOutcome<InboundPush> TooLarge() => Refuse(PushRefusal.TooLarge, $"Body larger than {_maxBodyBytes} bytes.");

    private static PushOutcome<InboundPush> Refuse(PushRefusal refusal, string detail) => PushOutcome<InboundPush>.Refuse(refusal, detail);
}

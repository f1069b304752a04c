using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Learn.TestSupport;
using Learn.WeChat.Crypto;
using Learn.WeChat.Messages;

namespace Learn.Api.Tests.WeChat;

/// <summary>
/// Plays WeChat's side of a push: fresh timestamp from the test clock, a random nonce, <c>signature</c>
/// always, and in safe mode the body encrypted with WXBizMsgCrypt and authenticated by <c>msg_signature</c>.
/// </summary>
public sealed class WeChatSender(HttpClient client, TestClock clock, string path, string token, string aesKey, string appId)
{
    private readonly WeChatMessageCrypt _crypt = new(appId, aesKey);

    public HttpClient Client => client;

    /// <summary>The query WeChat would put on a push at the current test time.</summary>
    public Dictionary<string, string> Query(string? encrypt = null)
    {
        var ts = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue).ToString(CultureInfo.InvariantCulture);
        var q = new Dictionary<string, string>
        {
            ["signature"] = WeChatSignature.Compute(token, ts, nonce), ["timestamp"] = ts, ["nonce"] = nonce,
            ["openid"] = "o_query_openid",
        };
        if (encrypt is not null)
        {
            q["encrypt_type"] = "aes";
            q["msg_signature"] = WeChatSignature.Compute(token, ts, nonce, encrypt);
        }
        return q;
    }

    public Task<HttpResponseMessage> PlainAsync(string body, Action<Dictionary<string, string>>? tamper = null)
        => PostAsync(Query(), body, tamper);

    /// <summary>Safe mode: only Encrypt travels (XML or JSON envelope, as the plaintext's own format).</summary>
    public Task<HttpResponseMessage> SafeAsync(string plain, Action<Dictionary<string, string>>? tamper = null)
    {
        var encrypt = _crypt.Encrypt(plain);
        return PostAsync(Query(encrypt), Envelope(plain, encrypt), tamper);
    }

    /// <summary>Compatible mode: the plaintext fields and Encrypt side by side (XML).</summary>
    public Task<HttpResponseMessage> CompatibleAsync(string plainXml)
    {
        var encrypt = _crypt.Encrypt(plainXml);
        return PostAsync(Query(encrypt), plainXml.Replace("</xml>", $"<Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>", StringComparison.Ordinal), null);
    }

    public Task<HttpResponseMessage> RawAsync(Dictionary<string, string> query, string body) => PostAsync(query, body, null);

    /// <summary>Checks an encrypted reply's msg_signature as WeChat does, then decrypts it (which checks the app id).</summary>
    public string DecryptReply(string body)
    {
        var envelope = body.TrimStart().StartsWith('{') ? WeChatJsonParser.Parse(body) : WeChatXmlParser.Parse(body);
        var expected = WeChatSignature.Compute(token, envelope["TimeStamp"]!, envelope["Nonce"]!, envelope["Encrypt"]!);
        envelope["MsgSignature"].ShouldBe(expected, "the reply's MsgSignature");
        return _crypt.Decrypt(envelope["Encrypt"]!).Message;
    }

    private static string Envelope(string plain, string encrypt) => plain.TrimStart().StartsWith('{')
        ? JsonSerializer.Serialize(new { ToUserName = "gh_97417a04a28d", Encrypt = encrypt })
        : $"<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>";

    private async Task<HttpResponseMessage> PostAsync(Dictionary<string, string> query, string body, Action<Dictionary<string, string>>? tamper)
    {
        tamper?.Invoke(query);
        var url = path + "?" + string.Join("&", query.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(body.TrimStart().StartsWith('{') ? "application/json" : "text/xml") { CharSet = "utf-8" };
        return await client.PostAsync(url, content);
    }
}

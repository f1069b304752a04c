using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Learn.WeChat.Crypto;

/// <summary>The configuration a page passes to <c>wx.config</c>.</summary>
/// <param name="AppId">Official Account app id.</param>
/// <param name="Timestamp">Unix seconds.</param>
/// <param name="NonceStr">Random string.</param>
/// <param name="Signature">SHA-1 over ticket, nonce, timestamp and URL.</param>
public sealed record JsSdkConfig(string AppId, long Timestamp, string NonceStr, string Signature);

/// <summary>JS-SDK signature: SHA-1 of <c>jsapi_ticket=…&amp;noncestr=…&amp;timestamp=…&amp;url=…</c>.</summary>
public static class JsSdk
{
    /// <summary>Signs <paramref name="url"/> (the page's full URL; the <c>#fragment</c> is not part of it).</summary>
    public static string Sign(string jsApiTicket, string nonceStr, long timestamp, string url)
    {
        var hash = url.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0) url = url[..hash];
        // The keys are already in ASCII order and are concatenated raw, without URL-encoding.
        var text = $"jsapi_ticket={jsApiTicket}&noncestr={nonceStr}&timestamp={timestamp.ToString(CultureInfo.InvariantCulture)}&url={url}";
        return Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(text)));
    }
}

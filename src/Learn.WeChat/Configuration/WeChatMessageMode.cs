namespace Learn.WeChat.Configuration;

/// <summary>
/// The message encryption mode chosen in the WeChat console (明文 / 兼容 / 安全模式). Set explicitly:
/// whether a signed plain push may be trusted depends on it, since the plain signature covers only
/// timestamp and nonce, not the body.
/// </summary>
public enum WeChatMessageMode
{
    /// <summary>明文模式: plain pushes only; no EncodingAESKey.</summary>
    Plain = 1,
    /// <summary>兼容模式: WeChat sends both; we accept plain and encrypted pushes. Needs an EncodingAESKey.</summary>
    Compatible,
    /// <summary>安全模式: only encrypted pushes (authenticated by msg_signature over the ciphertext). Needs an EncodingAESKey.</summary>
    Safe,
}

namespace Learn.WeChat;

/// <summary>Which of our two WeChat apps a call or push belongs to; each has its own app id, secret and token.</summary>
public enum WeChatApp
{
    /// <summary>The Mini Program (小程序).</summary>
    MiniProgram,

    /// <summary>The Official Account (公众号).</summary>
    OfficialAccount,
}

using Learn.WeChat.Configuration;
using Microsoft.Extensions.Options;

namespace Learn.WeChat.Inbound;

/// <summary>The push decoders of both apps, built from configuration (registered as a singleton).</summary>
public sealed class WeChatInbound
{
    /// <summary>Builds both decoders.</summary>
    public WeChatInbound(IOptions<WeChatOptions> options, TimeProvider time)
    {
        var o = options.Value;
        OfficialAccount = new WeChatPushDecoder(o.OfficialAccount.AppId, o.OfficialAccount.Token, o.OfficialAccount.EncodingAESKey,
            o.OfficialAccount.PreviousEncodingAESKey, o.MaxPushBodyBytes, o.PushTimestampTolerance, time,
            o.OfficialAccount.MessageMode ?? WeChatMessageMode.Safe);
        MiniProgram = new WeChatPushDecoder(o.MiniProgram.AppId, o.MiniProgram.Token, o.MiniProgram.EncodingAESKey,
            o.MiniProgram.PreviousEncodingAESKey, o.MaxPushBodyBytes, o.PushTimestampTolerance, time,
            WeChatMessageMode.Compatible); // the Mini Program's mode is not configured (issue 14 covers the Official Account)
    }

    /// <summary>For <c>/wechat/mp</c>.</summary>
    public WeChatPushDecoder OfficialAccount { get; }

    /// <summary>For <c>/wechat/miniprogram</c>.</summary>
    public WeChatPushDecoder MiniProgram { get; }

    /// <summary>The decoder of <paramref name="app"/>.</summary>
    public WeChatPushDecoder For(WeChatApp app) => app == WeChatApp.OfficialAccount ? OfficialAccount : MiniProgram;
}

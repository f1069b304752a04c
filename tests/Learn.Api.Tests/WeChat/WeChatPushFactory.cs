using Learn.Api.WeChat;
using Learn.Core.WeChatEvents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.Api.Tests.WeChat;

/// <summary>
/// Learn.Api with both apps' message push configured with keys (the Official Account in compatible mode). The Official Account uses Tencent's published sample
/// credentials (Mini Program 消息推送 guide, 安全模式 example: Token "AAAAA", EncodingAESKey 43 × 'A',
/// AppId wxba5fad812f8e6fb9); the Mini Program those of Tencent's WXBizMsgCrypt sample code (Sample.py).
/// </summary>
public class WeChatPushFactory : ApiFactory
{
    public const string OfficialAccountToken = "AAAAA";
    public static readonly string OfficialAccountAesKey = new('A', 43);
    public const string OfficialAccountAppId = "wxba5fad812f8e6fb9";
    public const string MiniProgramToken = "spamtest";
    public const string MiniProgramAesKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    public const string MiniProgramAppId = "wx2c2769f8efd9abc2";
    public const string BindingPageUrl = "https://learn.example.cn/h5/bind";

    /// <summary>The Official Account's <c>MessageMode</c>; compatible accepts every kind of push.</summary>
    protected virtual string MessageMode => "Compatible";

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        settings["WeChat:OfficialAccount:AppId"] = OfficialAccountAppId;
        settings["WeChat:OfficialAccount:Token"] = OfficialAccountToken;
        settings["WeChat:OfficialAccount:MessageMode"] = MessageMode;
        settings["WeChat:OfficialAccount:EncodingAESKey"] = MessageMode == "Plain" ? "" : OfficialAccountAesKey;
        settings["WeChat:MiniProgram:AppId"] = MiniProgramAppId;
        settings["WeChat:MiniProgram:Token"] = MiniProgramToken;
        settings["WeChat:MiniProgram:EncodingAESKey"] = MiniProgramAesKey;
        settings["WeChatPush:BindingPageUrl"] = BindingPageUrl;
        settings["WeChatPush:DeliveryDrainInterval"] = "00:00:00.100";
    }

    /// <summary>Pushes to <c>/wechat/mp</c> exactly as WeChat sends them.</summary>
    public WeChatSender OfficialAccount() =>
        new(CreateClient(), Clock, "/wechat/mp", OfficialAccountToken, OfficialAccountAesKey, OfficialAccountAppId);

    /// <summary>Pushes to <c>/wechat/miniprogram</c> exactly as WeChat sends them.</summary>
    public WeChatSender MiniProgram() =>
        new(CreateClient(), Clock, "/wechat/miniprogram", MiniProgramToken, MiniProgramAesKey, MiniProgramAppId);

    /// <summary>
    /// Delivery reports reach the table through a buffer drained in the background: waits until
    /// <paramref name="count"/> rows of <paramref name="openId"/> are there (or fails after 20 s).
    /// </summary>
    public async Task<List<WeChatDeliveryEvent>> DeliveryEventsAsync(string openId, int count)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var rows = await WithDbAsync(db => db.Set<WeChatDeliveryEvent>().AsNoTracking()
                .Where(e => e.OpenId == openId).OrderBy(e => e.Id).ToListAsync());
            if (rows.Count >= count || DateTime.UtcNow > until) return rows;
            await Task.Delay(50);
        }
    }

    /// <summary>Waits until nothing is left in the delivery-report buffer and the last batch has had time to land.</summary>
    public async Task DeliveryBufferDrainedAsync()
    {
        var buffer = Services.GetRequiredService<DeliveryEventBuffer>();
        var until = DateTime.UtcNow.AddSeconds(20);
        while (await buffer.CountAsync() > 0 && DateTime.UtcNow < until) await Task.Delay(50);
        await Task.Delay(500);
    }
}

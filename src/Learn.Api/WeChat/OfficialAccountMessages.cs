using Learn.Core.Identity;
using Learn.WeChat.Configuration;
using Learn.WeChat.Inbound;
using Learn.WeChat.Messages;
using Microsoft.Extensions.Options;

namespace Learn.Api.WeChat;

/// <summary>
/// What the Official Account does with each push, and the passive reply (plaintext; the receiver encrypts it).
/// Everything here is quick (one row, one Redis push): WeChat waits 5 s at most.
/// </summary>
internal sealed class OfficialAccountMessages(
    OfficialAccountFollowers followers, ITodayStudyReply todayStudy, DeliveryEventBuffer deliveries,
    IOptions<WeChatPushOptions> options, IOptions<WeChatOptions> weChat, TimeProvider time)
{
    public async Task<string> HandleAsync(InboundPush push, CancellationToken ct)
    {
        var m = push.Message;
        if (DeliveryReports.IsDeliveryReport(m))
        {
            var appId = weChat.Value.OfficialAccount.AppId;
            await deliveries.AddAsync(DeliveryReports.Rows(WeChatAppKind.OfficialAccount, appId, m, time.GetUtcNow().UtcDateTime));
            return PassiveReply.Success;
        }
        if (m.IsEvent) return await OnEventAsync(m, ct);
        return m.MsgType == "text" ? OnText(m) : PassiveReply.Success;
    }

    private async Task<string> OnEventAsync(WeChatMessage m, CancellationToken ct)
    {
        var o = options.Value;
        switch (m.Event?.ToLowerInvariant())
        {
            case "subscribe":
                await followers.FollowedAsync(m, ct);
                return Text(m, o.Fill(o.WelcomeText));
            case "unsubscribe":
                await followers.UnfollowedAsync(m, ct);
                return PassiveReply.Success;
            case "click" when string.Equals(m.EventKey, o.TodayStudyMenuKey, StringComparison.Ordinal):
                return await TodayStudyAsync(m, ct);
            default:
                return PassiveReply.Success;
        }
    }

    private async Task<string> TodayStudyAsync(WeChatMessage m, CancellationToken ct)
    {
        var article = await todayStudy.TodayAsync(ct);
        return article is null
            ? Text(m, options.Value.NoStudyTodayText)
            // Since 2018 WeChat shows one article per news reply, whatever the count.
            : PassiveReply.News(m, [new NewsArticle(article.Title, article.Summary, article.CoverUrl, article.Url)], Now);
    }

    private string OnText(WeChatMessage m)
    {
        var o = options.Value;
        var content = m.Content?.Trim() ?? "";
        return o.Keywords.TryGetValue(content, out var reply) && !string.IsNullOrWhiteSpace(reply)
            ? Text(m, o.Fill(reply))
            : PassiveReply.Success;
    }

    private string Text(WeChatMessage m, string content) => PassiveReply.Text(m, content, Now);

    private long Now => time.GetUtcNow().ToUnixTimeSeconds();
}

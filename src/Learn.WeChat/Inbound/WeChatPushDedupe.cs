using Learn.WeChat.Configuration;
using Learn.WeChat.Messages;
using Learn.WeChat.Tokens;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Learn.WeChat.Inbound;

/// <summary>
/// WeChat redelivers a push it got no answer to within 5 s (about three times), possibly to another
/// instance. Claiming the push's key with Redis <c>SET NX EX</c> lets exactly one instance process it;
/// the others answer a duplicate like the first time (or "success"), never with an error.
/// </summary>
public sealed class WeChatPushDedupe(WeChatRedis redis, IOptions<WeChatOptions> options)
{
    /// <summary>
    /// The identity of a push: ordinary messages by FromUserName + MsgId; events (which have no MsgId,
    /// or share one across retries) by FromUserName + CreateTime + Event + EventKey.
    /// </summary>
    public static string KeyFor(WeChatMessage message)
    {
        var scope = $"{message.ToUserName}:{message.FromUserName}";
        return !message.IsEvent && !string.IsNullOrEmpty(message.MsgId)
            ? $"wechat:push:{scope}:msg:{message.MsgId}"
            : $"wechat:push:{scope}:event:{message.CreateTime}:{message.Event}:{message.EventKey}";
    }

    /// <summary>True for the first claim of this push within the window; false for a redelivery.</summary>
    public Task<bool> TryClaimAsync(WeChatMessage message) => TryClaimAsync(KeyFor(message));

    /// <summary>True for the first claim of <paramref name="key"/> within the window.</summary>
    public Task<bool> TryClaimAsync(string key)
        => redis.Database.StringSetAsync(key, "1", options.Value.DedupeWindow, When.NotExists);
}

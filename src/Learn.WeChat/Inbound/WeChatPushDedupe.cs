using Learn.WeChat.Configuration;
using Learn.WeChat.Messages;
using Learn.WeChat.Tokens;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Learn.WeChat.Inbound;

/// <summary>
/// WeChat redelivers a push it got no answer to within 5 s (about three times), possibly to another
/// instance. Claiming the push's key with Redis <c>SET NX EX</c> lets exactly one instance process it;
/// the others answer a duplicate like the first time (the remembered reply) or "success", never with an error.
/// </summary>
public sealed class WeChatPushDedupe(WeChatRedis redis, IOptions<WeChatOptions> options)
{
    // The key's value: "1" while the first delivery is being handled, then "r:" + the reply it got.
    private const string Claimed = "1";
    private const string ReplyPrefix = "r:";

    /// <summary>
    /// The identity of a push: ordinary messages by FromUserName + MsgId; events (which have no MsgId,
    /// or share one across retries) by FromUserName + CreateTime + Event + EventKey, plus the MsgID that
    /// delivery reports carry (two template messages can finish for one member in the same second).
    /// </summary>
    public static string KeyFor(WeChatMessage message)
    {
        var scope = $"{message.ToUserName}:{message.FromUserName}";
        if (!message.IsEvent && !string.IsNullOrEmpty(message.MsgId)) return $"wechat:push:{scope}:msg:{message.MsgId}";
        var key = $"wechat:push:{scope}:event:{message.CreateTime}:{message.Event}:{message.EventKey}";
        return message["MsgID"] is { Length: > 0 } msgId ? key + ":" + msgId : key;
    }

    /// <summary>True for the first claim of this push within the window; false for a redelivery.</summary>
    public Task<bool> TryClaimAsync(WeChatMessage message) => TryClaimAsync(KeyFor(message));

    /// <summary>True for the first claim of <paramref name="key"/> within the window.</summary>
    public Task<bool> TryClaimAsync(string key)
        => redis.Database.StringSetAsync(key, Claimed, options.Value.DedupeWindow, When.NotExists);

    /// <summary>Remembers what the first delivery was answered, so a redelivery can get the same answer.</summary>
    public Task RememberReplyAsync(string key, string reply)
        => redis.Database.StringSetAsync(key, ReplyPrefix + reply, options.Value.DedupeWindow, When.Exists);

    /// <summary>The remembered reply of <paramref name="key"/>, or null while the first delivery is still being handled.</summary>
    public async Task<string?> RememberedReplyAsync(string key)
    {
        string? value = await redis.Database.StringGetAsync(key);
        return value is not null && value.StartsWith(ReplyPrefix, StringComparison.Ordinal) ? value[ReplyPrefix.Length..] : null;
    }

    /// <summary>Gives up a claim after handling failed, so WeChat's next retry is handled afresh rather than lost.</summary>
    public Task ReleaseAsync(string key) => redis.Database.KeyDeleteAsync(key);
}

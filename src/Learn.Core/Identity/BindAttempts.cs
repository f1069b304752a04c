using Learn.Core.Redis;
using StackExchange.Redis;

namespace Learn.Core.Identity;

/// <summary>
/// Failed binding attempts per WeChat identity, counted in Redis so the limit holds across every
/// API instance: after <see cref="MaxFailures"/> failures within <see cref="Window"/> the identity
/// must wait (guessing invitation codes or names is the attack).
/// </summary>
public sealed class BindAttempts(RedisStore redis)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    private static RedisKey Key(long identityId) => "bind:fail:" + identityId;

    public async Task<bool> IsBlockedAsync(long identityId) =>
        (long?)await redis.Database.StringGetAsync(Key(identityId)) >= MaxFailures;

    public async Task RecordFailureAsync(long identityId)
    {
        var key = Key(identityId);
        var count = await redis.Database.StringIncrementAsync(key);
        if (count == 1) await redis.Database.KeyExpireAsync(key, Window);
    }

    public Task ResetAsync(long identityId) => redis.Database.KeyDeleteAsync(Key(identityId));
}

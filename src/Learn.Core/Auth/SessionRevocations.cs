using Learn.Core.Redis;
using Microsoft.Extensions.Caching.Memory;
using StackExchange.Redis;

namespace Learn.Core.Auth;

/// <summary>
/// Revoked login sessions, shared by all API instances through Redis. A revoked session's access
/// tokens stop working at once on the instance that revoked it, and on the others as soon as the
/// Redis pub/sub notice arrives (milliseconds) — at the latest after <see cref="CheckedFor"/>: a
/// "not revoked" answer from Redis is reused for that long, so an authenticated request usually
/// costs no Redis round trip (docs/decisions/0303-answer-path-throughput.md). With Redis down the
/// instance's own list still applies, so sessions are still checked (docs/decisions/0305).
/// </summary>
public sealed class SessionRevocations(RedisStore redis, AccessTokens tokens, IMemoryCache cache)
{
    /// <summary>How long one instance trusts a "not revoked" answer (the cross-instance staleness bound).</summary>
    public static readonly TimeSpan CheckedFor = TimeSpan.FromSeconds(1);

    private const string Channel = "auth:revoked";
    private int _subscribed;

    private static RedisKey Key(string sessionId) => "auth:revoked:" + sessionId;

    public async Task RevokeAsync(string sessionId)
    {
        Remember(sessionId);
        await redis.Database.StringSetAsync(Key(sessionId), "1", tokens.Lifetime + TimeSpan.FromMinutes(1));
        await redis.Subscriber.PublishAsync(redis.Channel(Channel), sessionId);
    }

    public async Task<bool> IsRevokedAsync(string sessionId)
    {
        EnsureSubscribed();
        if (cache.TryGetValue(("session-revoked", sessionId), out _)) return true;
        if (cache.TryGetValue(("session-ok", sessionId), out _)) return false;
        try
        {
            if (await redis.Database.KeyExistsAsync(Key(sessionId)))
            {
                Remember(sessionId);
                return true;
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Redis down: this instance's own list decides (revocations it made or heard of on pub/sub
            // before the outage). A revocation made elsewhere during the outage is missed until Redis
            // returns: the staleness bound is the outage, at most the access-token lifetime.
            return false;
        }
        cache.Set(("session-ok", sessionId), true, CheckedFor);
        return false;
    }

    /// <summary>Revoked is checked before "ok", so a notice that races a Redis read still wins.</summary>
    private void Remember(string sessionId) => cache.Set(("session-revoked", sessionId), true, tokens.Lifetime);

    private void EnsureSubscribed()
    {
        if (Interlocked.Exchange(ref _subscribed, 1) == 1) return;
        // Until the subscription is up, the 1-second bound alone applies.
        _ = redis.Subscriber.SubscribeAsync(redis.Channel(Channel), (_, sessionId) => Remember(sessionId.ToString()));
    }
}

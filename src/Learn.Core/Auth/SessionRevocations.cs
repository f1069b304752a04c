using Learn.Core.Redis;
using StackExchange.Redis;

namespace Learn.Core.Auth;

/// <summary>
/// Revoked login sessions, shared by all API instances through Redis. A revoked session's access
/// tokens stop working at once; the key lives as long as an access token could.
/// </summary>
public sealed class SessionRevocations(RedisStore redis, AccessTokens tokens)
{
    private static RedisKey Key(string sessionId) => "auth:revoked:" + sessionId;

    public Task RevokeAsync(string sessionId) =>
        redis.Database.StringSetAsync(Key(sessionId), "1", tokens.Lifetime + TimeSpan.FromMinutes(1));

    public Task<bool> IsRevokedAsync(string sessionId) => redis.Database.KeyExistsAsync(Key(sessionId));
}

using System.Collections.Concurrent;
using System.Globalization;
using Learn.WeChat.Configuration;
using Learn.WeChat.Errors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Learn.WeChat.Tokens;

/// <summary>A credential WeChat issued (access token, jsapi_ticket) and its lifetime in seconds.</summary>
internal readonly record struct IssuedCredential(string Value, int ExpiresIn);

/// <summary>
/// Keeps one credential per key in Redis, shared by every instance. Refreshing happens under a Redis
/// lock (<c>SET NX PX</c> with an owner value), re-checked after the lock is taken, so only one
/// instance ever calls WeChat; the others wait and re-read. Inside one process a semaphore keeps
/// callers from polling Redis in parallel.
/// </summary>
internal sealed class RedisCredentialCache(WeChatRedis redis, TimeProvider time, IOptions<WeChatOptions> options, ILogger<RedisCredentialCache> logger)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MinRetry = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);
    private readonly string _owner = Guid.NewGuid().ToString("N");

    public delegate Task<IssuedCredential> Fetch(bool force, CancellationToken ct);

    public async Task<string> GetAsync(string key, Fetch fetch, CancellationToken ct)
    {
        var cached = await ReadAsync(key);
        if (cached is { } c && c.RefreshAt > Now) return c.Value;
        return await RefreshAsync(key, rejected: null, fetch, ct);
    }

    /// <summary>Returns a credential other than <paramref name="rejected"/>, fetching one if nobody has yet.</summary>
    public async Task<string> RefreshAsync(string key, string? rejected, Fetch fetch, CancellationToken ct)
    {
        var o = options.Value;
        var lockTtl = o.HttpTimeout * o.Retry.MaxAttempts + TimeSpan.FromSeconds(10);
        var deadline = Now + lockTtl + TimeSpan.FromSeconds(5);
        var gate = _gates.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            var db = redis.Database;
            while (true)
            {
                var cached = await ReadAsync(key);
                if (Fresh(cached, rejected)) return cached!.Value.Value;

                if (await db.LockTakeAsync(key + ":lock", _owner, lockTtl))
                {
                    try
                    {
                        cached = await ReadAsync(key); // another instance may have finished just before we took the lock
                        if (Fresh(cached, rejected)) return cached!.Value.Value;
                        var issued = await fetch(force: rejected is not null, ct);
                        var expiresAt = Now.AddSeconds(issued.ExpiresIn);
                        await db.StringSetAsync(key, Encode(issued.Value, RefreshAt(expiresAt), expiresAt), TimeSpan.FromSeconds(issued.ExpiresIn));
                        logger.LogInformation("Refreshed WeChat credential {Key}, valid for {Seconds} s", key, issued.ExpiresIn);
                        return issued.Value;
                    }
                    finally
                    {
                        await db.LockReleaseAsync(key + ":lock", _owner);
                    }
                }

                // Someone else is refreshing. Early refresh leaves the current value valid: keep using it.
                if (rejected is null && cached is { } still && still.ExpiresAt > Now) return still.Value;
                if (Now > deadline)
                    throw new WeChatApiException(key, WeChatErrorCodes.LocalTimeout, "timed out waiting for another instance to refresh", isTransient: true);
                await Task.Delay(PollInterval, time, ct);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private bool Fresh(Cached? cached, string? rejected)
        => cached is { } c && !string.Equals(c.Value, rejected, StringComparison.Ordinal) && (rejected is not null ? c.ExpiresAt > Now : c.RefreshAt > Now);

    // Refresh ahead of expiry. stable_token answers with the same token (and its remaining lifetime) until
    // it really expires, so a refresh inside the window may bring back a short-lived token: then try again
    // after MinRetry rather than on every call, and fetch a new one once Redis drops the expired key.
    private DateTimeOffset RefreshAt(DateTimeOffset expiresAt)
    {
        var early = expiresAt - options.Value.TokenRefreshAhead;
        var soonest = Now + MinRetry;
        return early > soonest ? early : (soonest < expiresAt ? soonest : expiresAt);
    }

    private DateTimeOffset Now => time.GetUtcNow();

    private async Task<Cached?> ReadAsync(string key)
    {
        // Stored as "refreshAt:expiresAt:value" (unix seconds), one string so a reader never sees half an update.
        var raw = (string?)await redis.Database.StringGetAsync(key);
        var parts = raw?.Split(':', 3);
        if (parts is not { Length: 3 }
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var refreshAt)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var expiresAt)) return null;
        return new Cached(parts[2], DateTimeOffset.FromUnixTimeSeconds(refreshAt), DateTimeOffset.FromUnixTimeSeconds(expiresAt));
    }

    private static string Encode(string value, DateTimeOffset refreshAt, DateTimeOffset expiresAt)
        => string.Create(CultureInfo.InvariantCulture, $"{refreshAt.ToUnixTimeSeconds()}:{expiresAt.ToUnixTimeSeconds()}:{value}");

    private readonly record struct Cached(string Value, DateTimeOffset RefreshAt, DateTimeOffset ExpiresAt);
}

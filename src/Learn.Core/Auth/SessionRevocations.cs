using System.Collections.Concurrent;
using Learn.Core.Redis;
using StackExchange.Redis;

namespace Learn.Core.Auth;

/// <summary>
/// Revoked login sessions, held in each instance so checking a request costs no network trip
/// (docs/decisions/0306-answer-critical-path.md). A revocation is recorded in one Redis sorted set
/// (session id scored by when it was revoked) and announced on pub/sub: the revoking instance
/// refuses the session at once, the others when the notice arrives (milliseconds) or, if they
/// missed it, at their next poll of the set — at most <see cref="PollEvery"/> plus one Redis trip later.
/// While Redis is down each instance keeps the revocations it knows, and the first poll after the
/// outage reads everything revoked since its last good poll, so the bound is the outage.
/// </summary>
public sealed class SessionRevocations(RedisStore redis, AccessTokens tokens) : IDisposable
{
    /// <summary>How often each instance re-reads the shared set (the staleness bound when a pub/sub notice is missed).</summary>
    public static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(2);

    // Polls read back a little before the last good poll: a revocation written just as it ran is read next time.
    private static readonly TimeSpan Overlap = TimeSpan.FromSeconds(5);
    private const string Channel = "auth:revoked";
    private static readonly RedisKey Key = "auth:revocations";

    private readonly ConcurrentDictionary<string, DateTimeOffset> _revoked = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private int _started;

    public async Task RevokeAsync(string sessionId)
    {
        Start();
        var now = TimeProvider.System.GetUtcNow();
        Remember(sessionId, now);
        await redis.Database.SortedSetAddAsync(Key, sessionId, now.ToUnixTimeMilliseconds());
        await redis.Subscriber.PublishAsync(redis.Channel(Channel), sessionId);
    }

    /// <summary>Answered from this instance's set: no Redis trip, and still checked while Redis is down.</summary>
    public Task<bool> IsRevokedAsync(string sessionId)
    {
        Start();
        return Task.FromResult(_revoked.ContainsKey(sessionId));
    }

    private void Remember(string sessionId, DateTimeOffset at) => _revoked.TryAdd(sessionId, at);

    private void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 1) return;
        _ = redis.Subscriber.SubscribeAsync(redis.Channel(Channel), (_, id) => Remember(id.ToString(), TimeProvider.System.GetUtcNow()));
        _ = Task.Run(() => PollAsync(_stop.Token));
    }

    private async Task PollAsync(CancellationToken stop)
    {
        // Wall time: the shared set is scored in wall time by every instance; token lifetime bounds what matters.
        var since = TimeProvider.System.GetUtcNow() - tokens.Lifetime;
        using var timer = new PeriodicTimer(PollEvery);
        do
        {
            var now = TimeProvider.System.GetUtcNow();
            try
            {
                var db = redis.Database;
                foreach (var id in await db.SortedSetRangeByScoreAsync(Key, (since - Overlap).ToUnixTimeMilliseconds()))
                    Remember(id.ToString(), now);
                since = now;
                // Expired tokens cannot be used anyway: keep the set and this instance's copy to the token lifetime.
                var cutoff = now - tokens.Lifetime - TimeSpan.FromMinutes(1);
                await db.SortedSetRemoveRangeByScoreAsync(Key, double.NegativeInfinity, cutoff.ToUnixTimeMilliseconds());
                foreach (var (id, at) in _revoked)
                    if (at < cutoff) _revoked.TryRemove(id, out _);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                // Redis down: keep what we know; the next good poll reads from the last good one.
            }
        }
        while (await NextAsync(timer, stop));
    }

    private static async Task<bool> NextAsync(PeriodicTimer timer, CancellationToken stop)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stop);
        }
        catch (OperationCanceledException)
        {
            return false; // the host is stopping
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}

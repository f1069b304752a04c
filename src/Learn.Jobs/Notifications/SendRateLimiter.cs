using System.Globalization;
using Learn.Core.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Learn.Jobs.Notifications;

/// <summary>
/// Sends per second, globally and per template, shared by every Learn.Jobs node: one Redis counter per
/// second and scope (INCR + EXPIRE only, which Garnet in the embedded default supports as well as Redis).
/// Counts real seconds on purpose: it limits throughput, not a business date, so tests moving the
/// business clock must not stall or unleash it.
/// </summary>
public sealed class SendRateLimiter(RedisStore redis, IOptions<DispatcherOptions> options)
{
    private static readonly TimeProvider Wall = TimeProvider.System;

    public async Task WaitAsync(string template, CancellationToken ct)
    {
        var o = options.Value;
        while (true)
        {
            var now = Wall.GetUtcNow();
            var second = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            var db = redis.Database;
            var global = db.StringIncrementAsync("notify:rate:all:" + second);
            var perTemplate = db.StringIncrementAsync($"notify:rate:t:{template}:{second}");
            db.KeyExpire("notify:rate:all:" + second, TimeSpan.FromSeconds(5), CommandFlags.FireAndForget);
            db.KeyExpire($"notify:rate:t:{template}:{second}", TimeSpan.FromSeconds(5), CommandFlags.FireAndForget);
            if (await global <= o.GlobalPerSecond && await perTemplate <= o.RateOf(template)) return;
            // Over the limit in this second: wait for the next one, with a little jitter so nodes do not stampede.
            await Task.Delay(TimeSpan.FromMilliseconds(1000 - now.Millisecond + Random.Shared.Next(0, 50)), Wall, ct);
        }
    }
}

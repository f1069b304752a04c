using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Learn.Api.Contests;

/// <summary>
/// Per-member, per-contest answer rate limit held in each API instance: a token bucket (refill
/// <see cref="ContestOptions.AnswersPerSecondPerMember"/>/s, holding twice that) kept as one GCRA
/// timestamp per member. In memory on purpose (docs/decisions/0306-answer-critical-path.md): it costs the
/// answer no network trip and works the same while Redis is down. With N instances behind a
/// balancer a member can get at most N buckets; that is acceptable because the limit only throttles
/// abuse and records nothing — "one answer per question" is the database's rule.
/// </summary>
public sealed class AnswerRateLimit(IOptions<ContestOptions> options)
{
    // Wall time on purpose, like SendRateLimiter: it limits throughput, and tests moving the business
    // clock must neither stall nor unleash it.
    private static readonly TimeProvider Wall = TimeProvider.System;
    private static readonly long SweepEveryMs = 60_000;

    private readonly ConcurrentDictionary<(long Contest, long Member), long> _tat = new();
    private long _sweptAt;

    /// <summary>0 when the answer may go ahead, else milliseconds until the member's bucket has a token again.</summary>
    public long WaitMs(AnswerSubmission s)
    {
        var perSecond = options.Value.AnswersPerSecondPerMember;
        var interval = 1000L / perSecond;
        var tolerance = interval * (2 * perSecond - 1);
        var now = Wall.GetUtcNow().ToUnixTimeMilliseconds();
        Sweep(now);
        var key = (s.ContestId, s.MemberId);
        while (true)
        {
            var known = _tat.TryGetValue(key, out var stored);
            var tat = Math.Max(known ? stored : 0, now);
            if (tat - now > tolerance) return tat - now - tolerance;
            var next = tat + interval;
            if (known ? _tat.TryUpdate(key, next, stored) : _tat.TryAdd(key, next)) return 0;
        }
    }

    /// <summary>Forgets members whose bucket is full again, so memory follows the members answering now.</summary>
    private void Sweep(long now)
    {
        var last = Interlocked.Read(ref _sweptAt);
        if (now - last < SweepEveryMs || Interlocked.CompareExchange(ref _sweptAt, now, last) != last) return;
        foreach (var (key, tat) in _tat)
            if (tat < now) _tat.TryRemove(new KeyValuePair<(long, long), long>(key, tat));
    }
}

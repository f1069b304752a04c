using Learn.Core.Contests.Boards;
using Learn.Core.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Learn.Api.Contests;

/// <summary>
/// Per-member, per-contest answer rate limit shared by every API instance through Redis: a token
/// bucket (refill <see cref="ContestOptions.AnswersPerSecondPerMember"/>/s, holding twice that) kept
/// as one GCRA timestamp per member. <see cref="AnswerBatch"/> checks a whole group-commit batch with
/// one Lua script (atomic on Redis, and on Garnet with --lua), sent while the database look-up runs, so
/// the answer path gains no round trip. It throttles abuse and records nothing: when Redis is
/// unreachable answers go through, because "one answer per question" is the database's rule.
/// </summary>
public sealed class AnswerRateLimit(RedisStore redis, IOptions<ContestOptions> options, ILogger<AnswerRateLimit> log)
{
    // Wall time on purpose, like SendRateLimiter: it limits throughput, and tests moving the business
    // clock must neither stall nor unleash it. Time comes from the caller because Garnet's Lua has no TIME.
    private static readonly TimeProvider Wall = TimeProvider.System;

    /// <summary>KEYS = one timestamp per answer (a member may appear twice); ARGV now ms, emission interval ms, burst tolerance ms. Returns 0 or the wait in ms, per key.</summary>
    private const string Script = """
        local now, interval, tolerance = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
        local waits = {}
        for i, key in ipairs(KEYS) do
          local tat = tonumber(redis.call('GET', key) or '0')
          if tat < now then tat = now end
          if tat - now > tolerance then
            waits[i] = tat - now - tolerance
          else
            tat = tat + interval
            redis.call('SET', key, tat, 'PX', tat - now + 1000)
            waits[i] = 0
          end
        end
        return waits
        """;

    public static RedisKey Key(long contestId, long memberId) => BoardKeys.Of(contestId, "rate:" + memberId);

    /// <summary>Per submission, in order: 0 when it may go ahead, else milliseconds until the member's bucket has a token again.</summary>
    public async Task<long[]> WaitsAsync(IReadOnlyList<AnswerSubmission> submissions)
    {
        var perSecond = options.Value.AnswersPerSecondPerMember;
        var interval = 1000 / perSecond;
        try
        {
            var now = Wall.GetUtcNow().ToUnixTimeMilliseconds();
            // One script per contest in the batch: a contest's keys share one hash tag (one Redis Cluster slot), two contests' need not.
            var waits = new long[submissions.Count];
            var groups = Enumerable.Range(0, submissions.Count).GroupBy(i => submissions[i].ContestId).ToList();
            var results = await Task.WhenAll(groups.Select(g => redis.Database.ScriptEvaluateAsync(Script,
                g.Select(i => Key(submissions[i].ContestId, submissions[i].MemberId)).ToArray(), [now, interval, interval * (2 * perSecond - 1)])));
            for (var k = 0; k < groups.Count; k++)
            {
                var each = (long[])results[k]!;
                var j = 0;
                foreach (var i in groups[k]) waits[i] = each[j++];
            }
            return waits;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            log.LogWarning(ex, "Answer rate limit unavailable (Redis); letting {Count} answer(s) through", submissions.Count);
            return new long[submissions.Count];
        }
    }
}

using System.Globalization;
using Learn.Core.Auth;
using Learn.Core.Problems;
using Learn.Core.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Learn.Api.Contests;

/// <summary>
/// Per-member, per-contest answer rate limit shared by every API instance through Redis: a token
/// bucket (refill <see cref="ContestOptions.AnswersPerSecondPerMember"/>/s, holding twice that) kept
/// as one GCRA timestamp per member, checked and advanced by one Lua script (one round trip, atomic on
/// Redis and on Garnet with --lua). It throttles abuse and records nothing: when Redis is unreachable
/// the answer goes through, because the durable rule "one answer per question" lives in the database.
/// </summary>
public sealed class AnswerRateLimit(RedisStore redis, IOptions<ContestOptions> options, ILogger<AnswerRateLimit> log) : IEndpointFilter
{
    // Wall time on purpose, like SendRateLimiter: it limits throughput, and tests moving the business
    // clock must neither stall nor unleash it. Time comes from the caller because Garnet's Lua has no TIME.
    private static readonly TimeProvider Wall = TimeProvider.System;

    /// <summary>KEYS[1] = the member's timestamp; ARGV now ms, emission interval ms, burst tolerance ms. Returns 0 or the wait in ms.</summary>
    private const string Script = """
        local now, interval, tolerance = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
        local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
        if tat < now then tat = now end
        if tat - now > tolerance then return tat - now - tolerance end
        tat = tat + interval
        redis.call('SET', KEYS[1], tat, 'PX', tat - now + 1000)
        return 0
        """;

    public static RedisKey Key(long contestId, long memberId) => $"contest:{contestId}:rate:{memberId}";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.User.MemberIdOf() is not { } memberId
            || !long.TryParse(http.Request.RouteValues["id"] as string, CultureInfo.InvariantCulture, out var contestId))
            return await next(context);
        var waitMs = await WaitMsAsync(contestId, memberId);
        if (waitMs <= 0) return await next(context);
        var seconds = (int)Math.Ceiling(waitMs / 1000.0);
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Problems.Of(StatusCodes.Status429TooManyRequests, ProblemTypes.TooManyRequests, "答题过于频繁，请稍后再试",
            $"请 {seconds} 秒后再提交");
    }

    /// <summary>0 when this answer may go ahead; else how long until the member's bucket has a token again.</summary>
    public async Task<long> WaitMsAsync(long contestId, long memberId)
    {
        var perSecond = options.Value.AnswersPerSecondPerMember;
        var interval = 1000 / perSecond;
        try
        {
            var now = Wall.GetUtcNow().ToUnixTimeMilliseconds();
            return (long)await redis.Database.ScriptEvaluateAsync(Script, [Key(contestId, memberId)],
                [now, interval, interval * (2 * perSecond - 1)]);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            log.LogWarning(ex, "Answer rate limit unavailable (Redis); letting the answer through");
            return 0;
        }
    }
}

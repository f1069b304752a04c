using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Learn.Core.Problems;
using Learn.Core.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Learn.Api.Auth;

public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Member login and bind attempts per client address and minute; generous for carrier NAT (docs/decisions/0900).</summary>
    [Range(1, 1_000_000)]
    public int MemberLoginPerAddressPerMinute { get; set; } = 120;
}

/// <summary>
/// Login and bind attempts per client address and wall-clock minute, counted in Redis so every Learn.Api
/// instance shares one count (INCR + EXPIRE, which Garnet supports too). The address is
/// <see cref="ConnectionInfo.RemoteIpAddress"/> after the forwarded-headers middleware, which believes
/// X-Forwarded-For only from the configured proxy. While Redis is down each instance counts on its own
/// rather than refusing or stalling logins: with N instances an address gets at most N times the limit.
/// </summary>
public sealed class LoginAddressLimit(RedisStore redis, IOptions<RateLimitOptions> options, ILogger<LoginAddressLimit> log)
{
    // Wall time on purpose, like AnswerRateLimit: a throughput limit, not a business date.
    private static readonly TimeProvider Wall = TimeProvider.System;
    private static readonly TimeSpan RedisBudget = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<(string Address, long Minute), int> _local = new();

    /// <summary>0 when the attempt may go ahead, else seconds until the address's minute is over.</summary>
    public async Task<int> RetryAfterSecondsAsync(string address, CancellationToken ct)
    {
        var now = Wall.GetUtcNow().ToUnixTimeSeconds();
        var minute = now / 60;
        var count = await CountAsync(address, minute, ct) ?? CountLocally(address, minute);
        return count <= options.Value.MemberLoginPerAddressPerMinute ? 0 : (int)(60 - now % 60);
    }

    private async Task<long?> CountAsync(string address, long minute, CancellationToken ct)
    {
        try
        {
            if (!redis.Connection.IsConnected) return null;
            var key = $"auth:login-rate:{address}:{minute.ToString(CultureInfo.InvariantCulture)}";
            var db = redis.Database;
            var count = await db.StringIncrementAsync(key).WaitAsync(RedisBudget, ct);
            if (count == 1) db.KeyExpire(key, TimeSpan.FromSeconds(120), CommandFlags.FireAndForget);
            return count;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            log.LogWarning(e, "Redis unavailable for the login rate limit; counting on this instance");
            return null;
        }
    }

    private int CountLocally(string address, long minute)
    {
        foreach (var key in _local.Keys)
            if (key.Minute < minute) _local.TryRemove(key, out _); // only this minute's counts matter
        return _local.AddOrUpdate((address, minute), 1, (_, n) => n + 1);
    }
}

public static class LoginAddressLimitRegistration
{
    public static IServiceCollection AddLoginAddressLimit(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<LoginAddressLimit>();
        return services;
    }
}

/// <summary>Endpoint filter: answers 429 with Retry-After once the client's address is over the login limit.</summary>
public sealed class LoginAddressLimitFilter(LoginAddressLimit limit) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var seconds = await limit.RetryAfterSecondsAsync(address, http.RequestAborted);
        if (seconds == 0) return await next(context);
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Core.Problems.Problems.Of(StatusCodes.Status429TooManyRequests, ProblemTypes.TooManyRequests, "登录尝试过于频繁，请稍后再试", $"请 {seconds} 秒后再试");
    }
}

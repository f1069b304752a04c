using System.Security.Cryptography;
using Learn.Core.Redis;
using StackExchange.Redis;

namespace Learn.Admin.Hosting;

/// <summary>
/// An uploaded file waiting between "check" and "confirm" (the roster's dry-run report, then the
/// import). Kept in Redis for <see cref="Lifetime"/>, not in process memory: the confirm may reach
/// another instance. The key names the organiser, so nobody confirms another's upload.
/// </summary>
public sealed class PendingUploads(RedisStore redis)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    public sealed record Upload(string FileName, byte[] Content);

    public async Task<string> StoreAsync(long accountId, string fileName, byte[] content)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var key = Key(accountId, token);
        var tx = redis.Database.CreateTransaction();
        _ = tx.HashSetAsync(key, [new HashEntry("name", fileName), new HashEntry("content", content)]);
        _ = tx.KeyExpireAsync(key, Lifetime);
        await tx.ExecuteAsync();
        return token;
    }

    /// <summary>
    /// Takes the upload for its confirm: the first caller gets it, every other (a double click, a second
    /// tab, another instance) gets null until <see cref="ReleaseAsync"/> — so one check imports once.
    /// </summary>
    public async Task<Upload?> ClaimAsync(long accountId, string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length != 32 || !token.All(char.IsAsciiHexDigitLower)) return null;
        var result = await redis.Database.ScriptEvaluateAsync(ClaimScript, [Key(accountId, token)]);
        if (result.IsNull) return null;
        var values = (RedisValue[])result!;
        return values[1].IsNull ? null : new Upload(values[0].ToString(), (byte[])values[1]!);
    }

    private const string ClaimScript = """
        if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('HSETNX', KEYS[1], 'claimed', 1) == 0 then return nil end
        return redis.call('HMGET', KEYS[1], 'name', 'content')
        """;

    /// <summary>The confirm did not import (the roster changed meanwhile): the upload may be confirmed again.</summary>
    public Task ReleaseAsync(long accountId, string token) => redis.Database.HashDeleteAsync(Key(accountId, token), "claimed");

    public Task RemoveAsync(long accountId, string token) => redis.Database.KeyDeleteAsync(Key(accountId, token));

    private static RedisKey Key(long accountId, string token) => $"admin:upload:{accountId}:{token}";
}

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

    public async Task<Upload?> GetAsync(long accountId, string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length != 32 || !token.All(char.IsAsciiHexDigitLower)) return null;
        var values = await redis.Database.HashGetAsync(Key(accountId, token), ["name", "content"]);
        return values[1].IsNull ? null : new Upload(values[0].ToString(), (byte[])values[1]!);
    }

    public Task RemoveAsync(long accountId, string token) => redis.Database.KeyDeleteAsync(Key(accountId, token));

    private static RedisKey Key(long accountId, string token) => $"admin:upload:{accountId}:{token}";
}

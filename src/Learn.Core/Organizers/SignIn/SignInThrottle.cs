using Learn.Core.Redis;
using StackExchange.Redis;

namespace Learn.Core.Organizers;

/// <summary>Which limit stopped a guess, or which limit a guess reached.</summary>
public enum SignInLimit { None, AccountFromAddress, Account, Address }

/// <summary>The guess may be checked; <see cref="Reached"/> is the limit it used up, if any.</summary>
public readonly record struct SignInClaim(SignInLimit Blocked, SignInLimit Reached);

/// <summary>
/// Failed organiser sign-ins counted in Redis, so every Learn.Api and Learn.Admin instance shares
/// them (docs/decisions/0110-organizer-sign-in.md). A guess <em>claims</em> a slot atomically
/// before its password is checked, so parallel guesses cannot all slip past a read-then-write check:
/// the limit is the number of passwords checked, exactly. Three counters, one script:
/// user name from one address (the lockout people see), one address over all user names (spraying),
/// and one user name over all addresses (a botnet) — a stranger from one address can lock a user
/// name only for that address. Times come from <see cref="TimeProvider"/>; Redis TTLs only collect garbage.
/// </summary>
public sealed class SignInThrottle(RedisStore redis, TimeProvider clock)
{
    public const int PerAccountFromAddress = 5;
    public const int PerAddress = 20;
    public const int PerAccount = 50;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    // Each key is a hash {n: guesses in the window, t: window start}. A window that reaches its limit
    // restarts at that guess, so a lock always lasts a full window. All keys share the {signin} hash
    // tag: one script may touch them on Redis Cluster too.
    private const string ClaimScript = """
        local now = tonumber(ARGV[1])
        local window = tonumber(ARGV[2])
        local counts = {}
        for i = 1, #KEYS do
          local n = tonumber(redis.call('HGET', KEYS[i], 'n') or '0')
          local t = tonumber(redis.call('HGET', KEYS[i], 't') or '0')
          if now - t >= window then n = 0 end
          if n >= tonumber(ARGV[2 + i]) then return {-i} end
          counts[i] = n
        end
        for i = 1, #KEYS do
          local n = counts[i] + 1
          if counts[i] == 0 or n == tonumber(ARGV[2 + i]) then redis.call('HSET', KEYS[i], 't', now) end
          redis.call('HSET', KEYS[i], 'n', n)
          redis.call('PEXPIRE', KEYS[i], window * 2)
          counts[i] = n
        end
        return counts
        """;

    private static readonly SignInLimit[] Order = [SignInLimit.AccountFromAddress, SignInLimit.Account, SignInLimit.Address];

    private static RedisKey[] Keys(string userName, string address)
    {
        var user = userName.Trim().ToLowerInvariant();
        return ["{signin}:pair:" + user + "|" + address, "{signin}:user:" + user, "{signin}:addr:" + address];
    }

    /// <summary>Counts this guess against every limit, or says which limit refuses it unchecked.</summary>
    public async Task<SignInClaim> ClaimAsync(string userName, string address)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var result = (RedisResult[])(await redis.Database.ScriptEvaluateAsync(ClaimScript, Keys(userName, address),
            [now, (long)Window.TotalMilliseconds, PerAccountFromAddress, PerAccount, PerAddress]))!;
        var counts = result.Select(r => (long)r).ToArray();
        if (counts[0] < 0) return new SignInClaim(Order[-counts[0] - 1], SignInLimit.None);
        long[] limits = [PerAccountFromAddress, PerAccount, PerAddress];
        var reached = Enumerable.Range(0, 3).Where(i => counts[i] == limits[i]).Select(i => Order[i]).FirstOrDefault();
        return new SignInClaim(SignInLimit.None, reached);
    }

    /// <summary>A right password: the user name's failures are forgotten, and the address gets its guess back.</summary>
    public async Task SucceededAsync(string userName, string address)
    {
        var keys = Keys(userName, address);
        await redis.Database.KeyDeleteAsync([keys[0], keys[1]]);
        await redis.Database.HashDecrementAsync(keys[2], "n");
    }
}

using System.Globalization;
using System.Security.Cryptography;
using Learn.Core.Redis;
using StackExchange.Redis;

namespace Learn.Core.Identity;

/// <summary>A one-time code a member shows in the Mini Program and types on the Official Account's binding page.</summary>
public sealed record LinkCode(string Code, DateTime ExpiresAt);

/// <summary>
/// Short one-time codes that prove, on the Official Account's binding page, that the person is the member signed
/// in to the Mini Program. Kept in Redis (every API instance sees them): <c>oa-link:code:{code}</c> holds
/// <c>{memberId}:{expiresUnix}</c>. Redeeming reads and deletes in one MULTI, so a code works once even when two
/// pages submit it together; a member's new code replaces their previous one.
/// </summary>
public sealed class OfficialAccountLinkCodes(RedisStore redis, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private const int Digits = 6;

    private static RedisKey CodeKey(string code) => "oa-link:code:" + code;
    private static RedisKey MemberKey(long memberId) => "oa-link:member:" + memberId.ToString(CultureInfo.InvariantCulture);

    public async Task<LinkCode> IssueAsync(long memberId)
    {
        var db = redis.Database;
        var expires = clock.GetUtcNow().Add(Lifetime);
        var value = $"{memberId.ToString(CultureInfo.InvariantCulture)}:{expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}";
        string code;
        // Six digits are easy to type on a phone; a collision with a live code (rare) just draws again.
        do code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        while (!await db.StringSetAsync(CodeKey(code), value, Lifetime, When.NotExists));

        var previous = (string?)await db.StringGetSetAsync(MemberKey(memberId), code);
        await db.KeyExpireAsync(MemberKey(memberId), Lifetime);
        if (previous is not null && previous != code) await DeleteIfOwnedAsync(db, previous, memberId);
        return new LinkCode(code, expires.UtcDateTime);
    }

    /// <summary>The member the code was issued to, spending it; null when it is unknown, used or expired.</summary>
    public async Task<long?> RedeemAsync(string? input)
    {
        var code = new string((input ?? "").Where(char.IsAsciiDigit).ToArray());
        if (code.Length != Digits) return null;
        // GETDEL: read and spend in one command, so a code redeems at most once.
        var value = (string?)await redis.Database.StringGetDeleteAsync(CodeKey(code));
        if (value?.Split(':') is not [var member, var expires]) return null;
        // Redis expires the key on its own clock; the rule is ours (and the tests' clock).
        if (long.Parse(expires, CultureInfo.InvariantCulture) <= clock.GetUtcNow().ToUnixTimeSeconds()) return null;
        return long.Parse(member, CultureInfo.InvariantCulture);
    }

    // Only while it is still this member's: an expired code may have been drawn again for someone else.
    private static async Task DeleteIfOwnedAsync(IDatabase db, string code, long memberId)
    {
        var stored = await db.StringGetAsync(CodeKey(code));
        if (!stored.HasValue || !((string?)stored)!.StartsWith(memberId.ToString(CultureInfo.InvariantCulture) + ":", StringComparison.Ordinal)) return;
        await db.LockReleaseAsync(CodeKey(code), stored);
    }
}

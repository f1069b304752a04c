using System.Security.Cryptography;
using System.Text;
using Learn.Core.Auth;
using Learn.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Learn.Core.Identity;

/// <summary>What the Mini Program keeps after logging in. The WeChat session_key is never part of it.</summary>
public sealed record LoginTokens(string AccessToken, string RefreshToken, int ExpiresIn, bool Bound);

/// <summary>
/// Mini Program login sessions: short-lived access tokens (<see cref="AccessTokens"/>) and rotating
/// refresh tokens stored hashed. Refresh swaps the hash with a compare-and-set, so of two uses of
/// one refresh token only one wins; a stale token revokes the session, since only a thief has one.
/// </summary>
public sealed class LoginSessions(LearnDbContext db, AccessTokens tokens, SessionRevocations revocations,
    IOptions<MemberTokenOptions> options, TimeProvider clock)
{
    private TimeSpan RefreshLifetime => TimeSpan.FromDays(options.Value.RefreshTokenDays);

    public async Task<LoginTokens> StartAsync(WeChatIdentity identity, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (refresh, hash, sessionId) = NewRefreshToken(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        db.Add(new LoginSession { Id = sessionId, IdentityId = identity.Id, RefreshTokenHash = hash, CreatedAt = now, ExpiresAt = now + RefreshLifetime });
        await db.SaveChangesAsync(ct);
        return Issue(identity.Id, identity.MemberId, sessionId, refresh);
    }

    /// <summary>New tokens for a valid refresh token; null (and the session revoked, if it was a stale one) otherwise.</summary>
    public async Task<LoginTokens?> RefreshAsync(string? refreshToken, CancellationToken ct = default)
    {
        var dot = refreshToken?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (refreshToken is null || dot <= 0) return null;
        var sessionId = refreshToken[..dot];
        var now = clock.GetUtcNow().UtcDateTime;
        var session = await db.Set<LoginSession>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId, ct);
        if (session is null || session.RevokedAt is not null || session.ExpiresAt <= now) return null;

        var presented = Hash(refreshToken);
        var (next, nextHash, _) = NewRefreshToken(sessionId);
        var swapped = await db.Set<LoginSession>()
            .Where(s => s.Id == sessionId && s.RefreshTokenHash == presented && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RefreshTokenHash, nextHash)
                .SetProperty(x => x.LastRefreshedAt, now).SetProperty(x => x.ExpiresAt, now + RefreshLifetime), ct);
        if (swapped == 0)
        {
            await RevokeAsync(sessionId, ct); // a used refresh token came back: someone copied it
            return null;
        }
        var memberId = await db.WeChatIdentities.Where(w => w.Id == session.IdentityId).Select(w => w.MemberId).SingleAsync(ct);
        return Issue(session.IdentityId, memberId, sessionId, next);
    }

    /// <summary>A new access token for the same session after binding (it now carries the member id).</summary>
    public (string AccessToken, int ExpiresIn) Reissue(long identityId, long? memberId, string sessionId) =>
        (tokens.Issue(identityId, memberId, sessionId), (int)tokens.Lifetime.TotalSeconds);

    public async Task RevokeAsync(string sessionId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Set<LoginSession>().Where(s => s.Id == sessionId && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now), ct);
        await revocations.RevokeAsync(sessionId);
    }

    private LoginTokens Issue(long identityId, long? memberId, string sessionId, string refresh) =>
        new(tokens.Issue(identityId, memberId, sessionId), refresh, (int)tokens.Lifetime.TotalSeconds, memberId is not null);

    private static (string Token, string Hash, string SessionId) NewRefreshToken(string sessionId)
    {
        var token = sessionId + "." + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (token, Hash(token), sessionId);
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

using System.Security.Cryptography;
using System.Text;
using Learn.Core.Auditing;
using Learn.Core.Data;
using Learn.Core.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Learn.Core.Organizers;

public sealed record OrganizerSignInResult(string Token, DateTime ExpiresAt, OrganizerScope Scope);

/// <summary>
/// Password sign-in for organisers (docs/decisions/0110-organizer-sign-in.md). Every guess is first
/// claimed from <see cref="SignInThrottle"/>, then checked: a known user, an unknown user and an
/// inactive account all run one password hash and get one answer, so nothing tells them apart.
/// </summary>
public sealed class OrganizerSignIn(LearnDbContext db, Auditor auditor, SignInThrottle throttle, TimeProvider clock)
{
    public const int MaxFailures = SignInThrottle.PerAccountFromAddress;
    public static readonly int LockoutMinutes = (int)SignInThrottle.Window.TotalMinutes;
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(8);
    private static readonly PasswordHasher<OrganizerAccount> Hasher = new();

    // Unknown user names are checked against this, so they cost the same hash as a wrong password.
    private static readonly OrganizerAccount Nobody = new() { UserName = "", DisplayName = "" };
    private static readonly string NobodysHash = Hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));

    public static string HashPassword(OrganizerAccount account, string password) => Hasher.HashPassword(account, password);

    public async Task<Outcome<OrganizerSignInResult>> SignInAsync(string? userName, string? password, string? clientIp, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(userName) || string.IsNullOrEmpty(password) || userName.Length > 64 || password.Length > 256)
            return Failed;
        var address = clientIp ?? "unknown";
        var account = await db.OrganizerAccounts.Include(a => a.Organization).AsNoTracking().SingleOrDefaultAsync(a => a.UserName == userName, ct);
        var claim = await throttle.ClaimAsync(userName, address);
        if (claim.Blocked != SignInLimit.None) return Blocked(claim.Blocked);

        var verdict = Hasher.VerifyHashedPassword(account ?? Nobody, account?.PasswordHash ?? NobodysHash, password);
        if (account is not { IsActive: true } || verdict == PasswordVerificationResult.Failed)
        {
            if (claim.Reached != SignInLimit.None) await AuditLockoutAsync(claim.Reached, userName, account, address, ct);
            return Failed;
        }
        await throttle.SucceededAsync(userName, address);
        return await StartSessionAsync(account, password, verdict, clientIp, ct);
    }

    private static Refusal Failed => new(StatusCodes.Status401Unauthorized, MemberProblemTypes.SignInFailed, "用户名或密码不正确");

    private static Refusal Blocked(SignInLimit limit) => limit == SignInLimit.Address
        ? new(StatusCodes.Status429TooManyRequests, ProblemTypes.TooManyRequests, $"登录失败次数过多，请{LockoutMinutes}分钟后再试")
        : new(StatusCodes.Status423Locked, MemberProblemTypes.AccountLocked, $"密码错误次数过多，账号已锁定，请{LockoutMinutes}分钟后再试");

    /// <summary>Every lockout is audited, unknown user names and addresses included: they are the attack.</summary>
    private async Task AuditLockoutAsync(SignInLimit limit, string userName, OrganizerAccount? account, string address, CancellationToken ct)
    {
        var actor = account is null
            ? new AuditActor(AuditActorKind.System, null, "登录限制", address)
            : new AuditActor(AuditActorKind.Organizer, account.Id, account.DisplayName, address);
        var lockedUntil = clock.GetUtcNow().UtcDateTime + SignInThrottle.Window;
        var (action, entityType, entityId) = limit == SignInLimit.Address
            ? ("organizer.address-lockout", "ClientAddress", (object?)address)
            : ("organizer.lockout", nameof(OrganizerAccount), account?.Id);
        auditor.Record(actor, action, entityType, entityId, after: new { userName, address, limit = limit.ToString(), lockedUntil },
            organizationPath: account?.Organization?.Path);
        await db.SaveChangesAsync(ct);
    }

    private async Task<OrganizerSignInResult> StartSessionAsync(OrganizerAccount account, string password, PasswordVerificationResult verdict,
        string? clientIp, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.Attach(account);
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded) account.PasswordHash = Hasher.HashPassword(account, password);
        account.LastSignInAt = now;

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var session = new OrganizerSession { AccountId = account.Id, TokenHash = HashToken(token), CreatedAt = now, ExpiresAt = now + SessionLifetime, ClientIp = clientIp };
        db.Add(session);
        var actor = new AuditActor(AuditActorKind.Organizer, account.Id, account.DisplayName, clientIp);
        auditor.Record(actor, "organizer.sign-in", nameof(OrganizerAccount), account.Id, organizationPath: account.Organization?.Path);
        await db.SaveChangesAsync(ct);
        return new OrganizerSignInResult(token, session.ExpiresAt,
            new OrganizerScope(account.Id, account.DisplayName, account.Role, account.OrganizationId, account.Organization?.Path));
    }

    public async Task SignOutAsync(long sessionId, CancellationToken ct = default) =>
        await db.Set<OrganizerSession>().Where(s => s.Id == sessionId && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, clock.GetUtcNow().UtcDateTime), ct);

    public static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

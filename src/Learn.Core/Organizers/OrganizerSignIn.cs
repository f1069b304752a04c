using System.Security.Cryptography;
using System.Text;
using Learn.Core.Auditing;
using Learn.Core.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Learn.Core.Organizers;

public sealed record OrganizerSignInResult(string Token, DateTime ExpiresAt, OrganizerScope Scope);

/// <summary>
/// Password sign-in for organisers: <see cref="PasswordHasher{TUser}"/> hashes, and after
/// <see cref="MaxFailures"/> wrong passwords in a row the account locks for <see cref="LockoutMinutes"/>.
/// Wrong user name, wrong password and inactive account answer alike (no user-name probing).
/// </summary>
public sealed class OrganizerSignIn(LearnDbContext db, Auditor auditor, TimeProvider clock)
{
    public const int MaxFailures = 5;
    public const int LockoutMinutes = 15;
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(8);
    private static readonly PasswordHasher<OrganizerAccount> Hasher = new();

    public static string HashPassword(OrganizerAccount account, string password) => Hasher.HashPassword(account, password);

    public async Task<Outcome<OrganizerSignInResult>> SignInAsync(string? userName, string? password, string? clientIp, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var failed = new Refusal(StatusCodes.Status401Unauthorized, MemberProblemTypes.SignInFailed, "用户名或密码不正确");
        if (string.IsNullOrEmpty(userName) || string.IsNullOrEmpty(password)) return failed;
        var account = await db.OrganizerAccounts.Include(a => a.Organization).SingleOrDefaultAsync(a => a.UserName == userName, ct);
        if (account is null || !account.IsActive) return failed;
        if (account.LockoutEndsAt > now)
            return new Refusal(StatusCodes.Status423Locked, MemberProblemTypes.AccountLocked, $"密码错误次数过多，账号已锁定，请{LockoutMinutes}分钟后再试");

        var actor = new AuditActor(AuditActorKind.Organizer, account.Id, account.DisplayName, clientIp);
        var verdict = Hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            account.FailedSignInCount++;
            if (account.FailedSignInCount >= MaxFailures)
            {
                account.LockoutEndsAt = now.AddMinutes(LockoutMinutes);
                account.FailedSignInCount = 0;
                auditor.Record(actor, "organizer.lockout", nameof(OrganizerAccount), account.Id,
                    after: new { account.LockoutEndsAt }, organizationPath: account.Organization?.Path);
            }
            await db.SaveChangesAsync(ct);
            return failed;
        }
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded) account.PasswordHash = Hasher.HashPassword(account, password);
        account.FailedSignInCount = 0;
        account.LockoutEndsAt = null;
        account.LastSignInAt = now;

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var session = new OrganizerSession { AccountId = account.Id, TokenHash = HashToken(token), CreatedAt = now, ExpiresAt = now + SessionLifetime, ClientIp = clientIp };
        db.Add(session);
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

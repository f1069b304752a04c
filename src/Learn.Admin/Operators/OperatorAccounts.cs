using Learn.Core.Auditing;
using Learn.Core.Data;
using Learn.Core.Organizers;
using Microsoft.EntityFrameworkCore;

namespace Learn.Admin.Operators;

/// <summary>
/// What the server operator may do from a shell, with nobody signed in: create a super administrator
/// (the first one on a fresh database) and set a new password for a locked-out one. Each change is
/// audited as the system acting "from the command line", in the same transaction as the change.
/// </summary>
public sealed class OperatorAccounts(LearnDbContext db, Auditor auditor, SignInThrottle throttle, TimeProvider clock)
{
    private static readonly AuditActor CommandLine = new(AuditActorKind.System, null, "命令行（服务器运维）");

    /// <summary>Null on success, else the reason in Chinese.</summary>
    public async Task<string?> CreateSuperAdminAsync(string userName, string password, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(userName) || userName.Length > 64 || userName.Trim() != userName)
            return "用户名不能为空、不能有首尾空格，且不超过64个字符";
        if (PasswordRule.Check(userName, password) is { } weak) return weak;
        if (await db.OrganizerAccounts.AnyAsync(a => a.UserName == userName, ct))
            return $"用户 {userName} 已存在；如需重设密码请用 admin reset-password {userName}";

        var account = new OrganizerAccount
        {
            UserName = userName, DisplayName = userName, Role = OrganizerRole.SuperAdmin,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        account.PasswordHash = OrganizerSignIn.HashPassword(account, password);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.OrganizerAccounts.Add(account);
        await db.SaveChangesAsync(ct);
        auditor.Record(CommandLine, "organizer.create", nameof(OrganizerAccount), account.Id,
            after: OrganizerAccountView.Of(account), reason: "admin create");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return null;
    }

    /// <summary>New password, lockout lifted, every open session of the account revoked.</summary>
    public async Task<string?> ResetPasswordAsync(string userName, string password, CancellationToken ct)
    {
        var account = await db.OrganizerAccounts.Include(a => a.Organization).SingleOrDefaultAsync(a => a.UserName == userName, ct);
        if (account is null) return $"用户 {userName} 不存在；创建超级管理员请用 admin create {userName}";
        if (PasswordRule.Check(userName, password) is { } weak) return weak;

        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        account.PasswordHash = OrganizerSignIn.HashPassword(account, password);
        // Whoever knew the old password may still hold a session: it ends with the old password.
        await db.Set<OrganizerSession>().Where(s => s.AccountId == account.Id && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now), ct);
        auditor.Record(CommandLine, "organizer.reset-password", nameof(OrganizerAccount), account.Id,
            organizationPath: account.Organization?.Path, reason: "admin reset-password");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await throttle.ForgetAsync(userName); // the lockout lives in Redis (docs/decisions/0110-organizer-sign-in.md)
        return null;
    }
}

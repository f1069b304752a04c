using Learn.Core.Auditing;
using Learn.Core.Data;
using Learn.Core.Problems;
using Microsoft.EntityFrameworkCore;

namespace Learn.Core.Organizers;

public sealed record OrganizerAccountRow(long Id, string UserName, string DisplayName, OrganizerRole Role, long? OrganizationId,
    string? OrganizationName, bool IsActive, DateTime CreatedAt, DateTime? LastSignInAt);

/// <summary>
/// Listing, disabling, re-enabling organiser accounts and resetting their passwords. An organisation admin
/// reaches only accounts whose organisation lies in their subtree (super admins have none, so they stay out of
/// reach); a super admin reaches every account. Nobody changes their own account here, so an admin cannot lock
/// themselves out by a slip. Disabling and a new password revoke every open session of the account — cookie
/// sessions of the site and bearer tokens of <c>/api/admin</c> are the same rows — so they end on the next request.
/// </summary>
public sealed class OrganizerAccountChanges(LearnDbContext db, Auditor auditor, SignInThrottle throttle, TimeProvider clock)
{
    public async Task<IReadOnlyList<OrganizerAccountRow>> ListAsync(OrganizerScope scope, CancellationToken ct = default) =>
        !scope.CanManageTree ? [] : await scope.Filter(db.OrganizerAccounts.AsNoTracking(), a => a.Organization!.Path)
            .OrderBy(a => a.Organization == null ? "" : a.Organization.Path).ThenByDescending(a => a.Role).ThenBy(a => a.UserName)
            .Select(a => new OrganizerAccountRow(a.Id, a.UserName, a.DisplayName, a.Role, a.OrganizationId,
                a.Organization == null ? null : a.Organization.Name, a.IsActive, a.CreatedAt, a.LastSignInAt))
            .ToListAsync(ct);

    /// <summary>One account the organiser may change, or why not (404 outside the subtree, so ids cannot be probed).</summary>
    public async Task<Outcome<OrganizerAccountRow>> FindAsync(OrganizerScope scope, long id, CancellationToken ct = default)
    {
        var found = await ManageableAsync(scope, id, ct);
        if (found.Refusal is { } refusal) return refusal;
        var a = found.Value!;
        return new OrganizerAccountRow(a.Id, a.UserName, a.DisplayName, a.Role, a.OrganizationId, a.Organization?.Name, a.IsActive, a.CreatedAt, a.LastSignInAt);
    }

    public Task<Outcome<OrganizerAccountView>> DisableAsync(OrganizerScope scope, long id, CancellationToken ct = default) =>
        SetActiveAsync(scope, id, false, ct);

    public Task<Outcome<OrganizerAccountView>> EnableAsync(OrganizerScope scope, long id, CancellationToken ct = default) =>
        SetActiveAsync(scope, id, true, ct);

    private async Task<Outcome<OrganizerAccountView>> SetActiveAsync(OrganizerScope scope, long id, bool active, CancellationToken ct)
    {
        var found = await ManageableAsync(scope, id, ct);
        if (found.Refusal is { } refusal) return refusal;
        var account = found.Value!;
        if (account.IsActive == active) return OrganizerAccountView.Of(account); // a second click changes nothing
        var before = OrganizerAccountView.Of(account);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        account.IsActive = active;
        if (!active) await RevokeSessionsAsync(account.Id, ct);
        auditor.Record(scope.Actor(), active ? "organizer.enable" : "organizer.disable", nameof(OrganizerAccount), account.Id,
            before: before, after: OrganizerAccountView.Of(account), organizationPath: account.Organization?.Path);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return OrganizerAccountView.Of(account);
    }

    /// <summary>A new password (the same rule as everywhere), lockout lifted, every open session ended.</summary>
    public async Task<Outcome<OrganizerAccountView>> ResetPasswordAsync(OrganizerScope scope, long id, string? password, CancellationToken ct = default)
    {
        var found = await ManageableAsync(scope, id, ct);
        if (found.Refusal is { } refusal) return refusal;
        var account = found.Value!;
        if (PasswordRule.Check(account.UserName, password) is { } weak) return Refusal.Invalid("password", weak);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        account.PasswordHash = OrganizerSignIn.HashPassword(account, password!);
        await RevokeSessionsAsync(account.Id, ct);
        auditor.Record(scope.Actor(), "organizer.reset-password", nameof(OrganizerAccount), account.Id, organizationPath: account.Organization?.Path);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await throttle.ForgetAsync(account.UserName); // the lockout lives in Redis (docs/decisions/0110-organizer-sign-in.md)
        return OrganizerAccountView.Of(account);
    }

    private async Task<Outcome<OrganizerAccount>> ManageableAsync(OrganizerScope scope, long id, CancellationToken ct)
    {
        if (!scope.CanManageTree) return Refusal.Forbidden("支部书记不能管理组织者账号");
        var account = await scope.Filter(db.OrganizerAccounts.Include(a => a.Organization), a => a.Organization!.Path)
            .SingleOrDefaultAsync(a => a.Id == id, ct);
        if (account is null || account.Role > scope.Role) return Refusal.NotFound("账号不存在");
        if (account.Id == scope.AccountId) return Refusal.Conflict(ProblemTypes.Conflict, "不能在这里停用或重设自己的账号");
        return account;
    }

    private Task<int> RevokeSessionsAsync(long accountId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Set<OrganizerSession>().Where(s => s.AccountId == accountId && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now), ct);
    }
}

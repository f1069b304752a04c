using Learn.Core.Auditing;
using Learn.Core.Data;
using Learn.Core.Organizations;
using Microsoft.EntityFrameworkCore;

namespace Learn.Core.Organizers;

public sealed record OrganizerAccountInput(string UserName, string DisplayName, string Password, OrganizerRole Role, long? OrganizationId);

public sealed record OrganizerAccountView(long Id, string UserName, string DisplayName, OrganizerRole Role, long? OrganizationId, bool IsActive)
{
    public static OrganizerAccountView Of(OrganizerAccount a) => new(a.Id, a.UserName, a.DisplayName, a.Role, a.OrganizationId, a.IsActive);
}

/// <summary>
/// Creating organiser accounts: a super admin creates any; an organisation admin creates branch
/// secretaries and admins inside their own subtree. Nobody grants more than they have. Passwords follow
/// <see cref="PasswordRule"/>, as they do for the operator's command line. Disabling, re-enabling and
/// resetting passwords: <see cref="OrganizerAccountChanges"/>.
/// </summary>
public sealed class OrganizerAccounts(LearnDbContext db, Auditor auditor, TimeProvider clock)
{
    public async Task<Outcome<OrganizerAccountView>> CreateAsync(OrganizerScope scope, OrganizerAccountInput input, CancellationToken ct = default)
    {
        if (!scope.CanManageTree) return Refusal.Forbidden("支部书记不能创建管理员账号");
        if (string.IsNullOrWhiteSpace(input.UserName) || input.UserName.Length > 64) return Refusal.Invalid("userName", "用户名不能为空，且不超过64个字符");
        if (string.IsNullOrWhiteSpace(input.DisplayName) || input.DisplayName.Length > 64) return Refusal.Invalid("displayName", "姓名不能为空，且不超过64字");
        if (PasswordRule.Check(input.UserName, input.Password) is { } weak) return Refusal.Invalid("password", weak);
        if (!Enum.IsDefined(input.Role)) return Refusal.Invalid("role", "角色不正确");
        if (input.Role == OrganizerRole.SuperAdmin && !scope.IsSuperAdmin) return Refusal.Forbidden("只有超级管理员能创建超级管理员");

        Organization? org = null;
        if (input.Role != OrganizerRole.SuperAdmin)
        {
            org = input.OrganizationId is { } id ? await scope.Filter(db.Organizations).SingleOrDefaultAsync(o => o.Id == id, ct) : null;
            if (org is null) return Refusal.Invalid("organizationId", "所属组织不存在或不在您的管理范围内");
            if (input.Role == OrganizerRole.BranchSecretary && org.Kind != OrganizationKind.Branch)
                return Refusal.Invalid("organizationId", "支部书记账号应属于一个党支部");
        }
        if (await db.OrganizerAccounts.AnyAsync(a => a.UserName == input.UserName, ct))
            return Refusal.Conflict(Problems.ProblemTypes.Conflict, "用户名已被使用");

        var account = new OrganizerAccount
        {
            UserName = input.UserName.Trim(), DisplayName = input.DisplayName.Trim(), Role = input.Role,
            OrganizationId = org?.Id, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        account.PasswordHash = OrganizerSignIn.HashPassword(account, input.Password);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.OrganizerAccounts.Add(account);
        await db.SaveChangesAsync(ct);
        auditor.Record(scope.Actor(), "organizer.create", nameof(OrganizerAccount), account.Id, after: OrganizerAccountView.Of(account), organizationPath: org?.Path);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return OrganizerAccountView.Of(account);
    }
}

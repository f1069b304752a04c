using Learn.Core.Auditing;
using Learn.Core.Data;
using Learn.Core.Organizers;
using Microsoft.EntityFrameworkCore;

namespace Learn.Core.Organizations;

/// <summary>
/// Moves an organisation (and everything under it) to a new parent. The materialised paths of
/// the whole subtree are rewritten by one UPDATE in the same transaction as the parent change and
/// its audit entry, so scope checks never see a half-moved tree.
/// </summary>
public sealed class OrganizationMove(LearnDbContext db, Auditor auditor)
{
    public async Task<Outcome<OrganizationView>> MoveAsync(OrganizerScope scope, long id, long newParentId, CancellationToken ct = default)
    {
        var org = await scope.Filter(db.Organizations).SingleOrDefaultAsync(o => o.Id == id, ct);
        var parent = await scope.Filter(db.Organizations).SingleOrDefaultAsync(o => o.Id == newParentId, ct);
        if (org is null || parent is null) return Refusal.NotFound();
        if (!scope.CanManageTree) return Refusal.Forbidden("支部书记不能调整组织架构");
        // An admin's own root would leave their scope (and their reach) if moved.
        if (org.Id == scope.OrganizationId) return Refusal.Forbidden("不能移动自己所管理的根组织");
        if (parent.IsWithin(org.Path)) return Refusal.Conflict(MemberProblemTypes.TreeCycle, "不能把组织移动到它自己或其下级组织之下");
        if (org.Kind <= parent.Kind) return Refusal.Invalid("newParentId", $"{parent.Kind.ToChinese()}下不能设立{org.Kind.ToChinese()}");
        if (org.ParentId == parent.Id) return OrganizationView.Of(org);

        var before = OrganizationView.Of(org);
        var oldPath = org.Path;
        var newPath = parent.Path + org.Id + "/";
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        org.ParentId = parent.Id;
        auditor.Record(scope.Actor(), "organization.move", nameof(Organization), org.Id, before,
            before with { ParentId = parent.Id, Path = newPath }, newPath);
        await db.SaveChangesAsync(ct);
        var oldLength = oldPath.Length;
        await db.Organizations.Where(o => o.Path.StartsWith(oldPath))
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Path, o => newPath + o.Path.Substring(oldLength)), ct);
        await tx.CommitAsync(ct);
        org.Path = newPath;
        return OrganizationView.Of(org);
    }
}

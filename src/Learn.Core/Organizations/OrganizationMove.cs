using Learn.Core.Auditing;
using Learn.Core.Contests.Boards;
using Learn.Core.Data;
using Learn.Core.Organizers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Learn.Core.Organizations;

/// <summary>
/// Moves an organisation (and everything under it) to a new parent. The materialised paths of the whole
/// subtree, and every copy of them (<see cref="PathCopies"/>: contests, audiences, entries, articles, campaigns),
/// are rewritten in the same transaction as the parent change and its audit entry, so no scope or audience check
/// ever sees a half-moved tree. Running contests' rolled-up boards are then rebuilt from the database (ADR 0801).
/// </summary>
public sealed class OrganizationMove(LearnDbContext db, Auditor auditor, BoardRebuilder boards, ILogger<OrganizationMove> log)
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
        var running = await PathCopies.RunningContestsTouchingAsync(db, oldPath, ct);
        await PathCopies.RebaseAsync(db, oldPath, newPath, ct);
        await tx.CommitAsync(ct);
        org.Path = newPath;
        await RebuildBoardsAsync(running, ct);
        return OrganizationView.Of(org);
    }

    /// <summary>
    /// A running board keeps per-unit totals under the old ancestors: rebuild it from contest_entries (the durable
    /// truth, ADR 0301), so the moved branch's scores leave the old parent's totals and join the new one's.
    /// </summary>
    private async Task RebuildBoardsAsync(List<long> contestIds, CancellationToken ct)
    {
        foreach (var id in contestIds)
        {
            try
            {
                await boards.RebuildAsync(id, ct);
            }
            catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
            {
                // The move stands; the board is rebuilt by the next `rebuild-boards` or when its state marker expires.
                log.LogWarning(e, "Board of contest {Contest} not rebuilt after an organisation move", id);
            }
        }
    }
}

using Learn.Core.Contests;
using Learn.Core.Data;
using Learn.Core.Notifications;
using Learn.Core.Study;
using Microsoft.EntityFrameworkCore;

namespace Learn.Core.Organizations;

/// <summary>
/// Every column that copies an organisation path (so that a hot query needs no join), rewritten when a subtree
/// moves, inside the move's transaction: the copies never disagree with <see cref="Organization.Path"/>.
/// A new copy must be added here (docs/decisions/0801-scopes-follow-the-tree.md). The audit log is history and
/// keeps the path an entry was written under.
/// </summary>
internal static class PathCopies
{
    /// <summary>Running contests whose board rolls up a unit of the subtree (owner, audience or a participant).</summary>
    public static async Task<List<long>> RunningContestsTouchingAsync(LearnDbContext db, string oldPath, CancellationToken ct)
    {
        var viaEntries = db.Set<ContestEntry>().Within(e => e.OrganizationPath, oldPath).Select(e => e.ContestId);
        var owned = db.Set<Contest>().Within(c => c.OrganizationPath, oldPath).Select(c => c.Id);
        var marker = "|" + oldPath;
        return await db.Set<Contest>()
            .Where(c => c.ClosedAt == null && (viaEntries.Contains(c.Id) || owned.Contains(c.Id) || c.AudiencePaths.Contains(marker)))
            .Select(c => c.Id).ToListAsync(ct);
    }

    public static async Task RebaseAsync(LearnDbContext db, string oldPath, string newPath, CancellationToken ct)
    {
        var n = oldPath.Length;
        await db.Organizations.Within(o => o.Path, oldPath)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Path, o => newPath + o.Path.Substring(n)), ct);
        await db.Set<Contest>().Within(c => c.OrganizationPath, oldPath)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.OrganizationPath, c => newPath + c.OrganizationPath.Substring(n)), ct);
        // "|/1/4/|/1/9/17/|": every listed path starts right after a bar, so replacing "|old" rebases exactly the subtree's.
        var (oldMarker, newMarker) = ("|" + oldPath, "|" + newPath);
        await db.Set<Contest>().Where(c => c.AudiencePaths.Contains(oldMarker))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.AudiencePaths, c => c.AudiencePaths.Replace(oldMarker, newMarker)), ct);
        await db.Set<ContestEntry>().Within(e => e.OrganizationPath, oldPath)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.OrganizationPath, e => newPath + e.OrganizationPath.Substring(n)), ct);
        await db.Set<ContestFinalRank>().Within(r => r.OrganizationPath, oldPath)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.OrganizationPath, r => newPath + r.OrganizationPath.Substring(n)), ct);
        await db.Set<Article>().Within(a => a.AudiencePath, oldPath)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.AudiencePath, a => newPath + a.AudiencePath.Substring(n)), ct);
        await db.Set<NotificationCampaign>().Within(c => c.ScopePath, oldPath)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ScopePath, c => newPath + c.ScopePath!.Substring(n)), ct);
    }
}

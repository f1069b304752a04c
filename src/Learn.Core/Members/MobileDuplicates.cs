using Learn.Core.Auditing;
using Learn.Core.Data;
using Learn.Core.Organizers;
using Microsoft.EntityFrameworkCore;

namespace Learn.Core.Members;

/// <summary>
/// The duplicate-mobile rule, told to an organiser only inside their own scope (docs/decisions/0801).
/// A number a member in scope already has is refused, as before. A number held only outside the scope is
/// stored (cipher and mask, so the organiser sees exactly what they typed) but without its lookup hash: no
/// second member can be found by it (binding by phone matches the first holder only), the answer is the same
/// as for a new number, and the clash is written to the audit log without a path, where only super admins see it.
/// </summary>
public static class MobileDuplicates
{
    public const string HeldAction = "member.mobile.held";

    /// <summary>Of <paramref name="hashes"/>, those held by another member in scope, and those held only elsewhere.</summary>
    public static async Task<(HashSet<string> InScope, HashSet<string> Elsewhere)> FindAsync(LearnDbContext db, OrganizerScope scope,
        IReadOnlyCollection<string> hashes, long exceptMemberId, CancellationToken ct)
    {
        if (hashes.Count == 0) return ([], []);
        var holders = db.Members.Where(m => m.MobileHash != null && hashes.Contains(m.MobileHash) && m.Id != exceptMemberId);
        var inScope = (await scope.Filter(holders).Select(m => m.MobileHash!).ToListAsync(ct)).ToHashSet();
        var all = await holders.Select(m => m.MobileHash!).Distinct().ToListAsync(ct);
        return (inScope, all.Where(h => !inScope.Contains(h)).ToHashSet());
    }

    /// <summary>Keeps the number off the lookup index and tells the super admins (an audit entry with no organisation path).</summary>
    public static void Hold(Auditor auditor, OrganizerScope scope, Member member)
    {
        member.MobileHash = null;
        auditor.Record(scope.Actor(), HeldAction, nameof(Member), member.Id == 0 ? null : member.Id,
            after: new { member.Name, member.OrganizationId, member.MobileMasked },
            reason: "手机号已登记在其他组织的党员名下，未用于按手机号绑定，请超级管理员核对");
    }
}

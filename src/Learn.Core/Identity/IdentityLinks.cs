using Learn.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Learn.Core.Identity;

/// <summary>
/// One person, several WeChat identities (Mini Program, Official Account): when both apps belong to
/// one open-platform account they share a unionid, and a binding made in one app holds in the other.
/// </summary>
public sealed class IdentityLinks(LearnDbContext db, TimeProvider clock)
{
    /// <summary>Binds <paramref name="identity"/> to the member another identity with its unionid is bound to.</summary>
    public async Task AdoptMemberByUnionIdAsync(WeChatIdentity identity, CancellationToken ct = default)
    {
        if (identity.UnionId is null || identity.MemberId is not null) return;
        var memberId = await db.WeChatIdentities.AsNoTracking()
            .Where(w => w.UnionId == identity.UnionId && w.Id != identity.Id && w.MemberId != null)
            .Select(w => w.MemberId).FirstOrDefaultAsync(ct);
        if (memberId is null) return;
        // A Mini Program identity only adopts a member nobody else's Mini Program is bound to.
        if (identity.AppKind == WeChatAppKind.MiniProgram && await db.WeChatIdentities.AnyAsync(
                w => w.MemberId == memberId && w.AppKind == WeChatAppKind.MiniProgram && w.Id != identity.Id, ct)) return;
        identity.MemberId = memberId;
        identity.BoundAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>After a binding: the person's other identities with the same unionid follow (not yet saved).</summary>
    public async Task LinkSiblingsAsync(WeChatIdentity bound, CancellationToken ct = default)
    {
        if (bound.UnionId is null || bound.MemberId is null) return;
        // Not into an app where the member already has an identity: the unique (member, app) index would refuse the whole binding.
        var memberId = bound.MemberId;
        var siblings = await db.WeChatIdentities
            .Where(w => w.UnionId == bound.UnionId && w.Id != bound.Id && w.MemberId == null && w.AppKind != bound.AppKind)
            .Where(w => !db.WeChatIdentities.Any(o => o.MemberId == memberId && o.AppKind == w.AppKind))
            .ToListAsync(ct);
        foreach (var sibling in siblings)
        {
            sibling.MemberId = bound.MemberId;
            sibling.BoundAt = bound.BoundAt;
        }
    }
}

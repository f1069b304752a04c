using Learn.Core.Auditing;
using Learn.Core.Auth;
using Learn.Core.Data;
using Learn.Core.Identity;
using Learn.Core.Invitations;
using Learn.Core.Organizers;
using Microsoft.EntityFrameworkCore;

namespace Learn.Core.Members;

public sealed record RebindCode(string Code, DateTime ExpiresAt);

/// <summary>
/// The organiser side of WeChat binding: unbinding a member's WeChat (lost or changed phone) and
/// issuing a one-member, one-use code to bind the new one. Both are audited; unbinding ends the
/// old phone's login sessions at once.
/// </summary>
public sealed class MemberBindings(LearnDbContext db, Auditor auditor, SessionRevocations revocations, TimeProvider clock)
{
    public const int RebindDays = 7;

    public async Task<Outcome<int>> UnbindAsync(OrganizerScope scope, long memberId, string? reason, CancellationToken ct = default)
    {
        var member = await scope.Filter(db.Members.Include(m => m.Organization)).SingleOrDefaultAsync(m => m.Id == memberId, ct);
        if (member is null) return Refusal.NotFound();
        var identities = await db.WeChatIdentities.Where(w => w.MemberId == memberId).ToListAsync(ct);
        var sessions = await db.Set<LoginSession>()
            .Where(s => s.RevokedAt == null && identities.Select(i => i.Id).Contains(s.IdentityId)).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var identity in identities)
        {
            identity.MemberId = null;
            identity.BoundAt = null;
        }
        foreach (var session in sessions) session.RevokedAt = now;
        auditor.Record(scope.Actor(), "member.unbind", nameof(Member), member.Id,
            before: new { identities = identities.Select(i => new { i.Id, i.AppKind, i.OpenId }) }, after: new { identities = Array.Empty<object>() },
            organizationPath: member.Organization!.Path, reason: reason);
        await db.SaveChangesAsync(ct);
        foreach (var session in sessions) await revocations.RevokeAsync(session.Id);
        return identities.Count;
    }

    /// <summary>Unbinds, then issues a code that binds this member only, once.</summary>
    public async Task<Outcome<RebindCode>> IssueRebindCodeAsync(OrganizerScope scope, long memberId, string? reason, CancellationToken ct = default)
    {
        var unbound = await UnbindAsync(scope, memberId, reason, ct);
        if (unbound.Refusal is { } refusal) return refusal;
        var member = await db.Members.Include(m => m.Organization).SingleAsync(m => m.Id == memberId, ct);
        if (member.Status != MemberStatus.Active) return Refusal.Conflict(MemberProblemTypes.MemberLeft, "该党员已不在册");
        var now = clock.GetUtcNow().UtcDateTime;
        var code = new InvitationCode
        {
            Code = InvitationCodes.NewCode(), OrganizationId = member.OrganizationId, MemberId = member.Id, MaxUses = 1,
            CreatedByOrganizerId = scope.AccountId, CreatedAt = now, ExpiresAt = now.AddDays(RebindDays),
        };
        db.Add(code);
        auditor.Record(scope.Actor(), "member.rebind-code", nameof(Member), member.Id,
            after: new { code.Code, code.ExpiresAt }, organizationPath: member.Organization!.Path, reason: reason);
        await db.SaveChangesAsync(ct);
        return new RebindCode(code.Code, code.ExpiresAt);
    }
}

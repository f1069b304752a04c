using Learn.Core.Data;
using Learn.Core.Invitations;
using Learn.Core.Members;
using Learn.Core.Organizers;
using Learn.Core.Problems;
using Learn.Core.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Learn.Core.Organizations;

namespace Learn.Core.Identity;

/// <summary>The roster member a binding attempt names, the invitation code it used (if any), and the route (for the audit).</summary>
public sealed record RosterMatch(Member Member, InvitationCode? Code, string Route);

/// <summary>
/// Finds the roster member a binding names, by invitation code (with the name for a branch-wide code) or by
/// name + mobile. One set of rules for the Mini Program and the Official Account binding page.
/// </summary>
public sealed class RosterMatching(LearnDbContext db, PersonalDataProtector protector, TimeProvider clock)
{
    public async Task<Outcome<RosterMatch>> ByInvitationAsync(string invitationCode, string? memberName, CancellationToken ct)
    {
        var text = InvitationCodes.Normalize(invitationCode);
        var now = clock.GetUtcNow().UtcDateTime;
        var code = await db.Set<InvitationCode>().Include(c => c.Organization).SingleOrDefaultAsync(c => c.Code == text, ct);
        if (code is null || !code.IsUsableAt(now)) return InvitationInvalid();
        if (code.MemberId is { } memberId)
            return new RosterMatch(await db.Members.SingleAsync(m => m.Id == memberId, ct), code, "invitation");
        if (string.IsNullOrWhiteSpace(memberName)) return Refusal.Invalid("name", "请填写您在党员名册中的姓名");
        var name = memberName.Trim();
        var path = code.Organization!.Path;
        var candidates = await db.Members.Within(m => m.Organization!.Path, path).Where(m => m.Name == name && m.Status == MemberStatus.Active).ToListAsync(ct);
        return candidates.Count switch
        {
            0 => NoMatch("本支部名册中没有这个姓名，请核对或联系支部书记"),
            1 => new RosterMatch(candidates[0], code, "invitation"),
            _ => NoMatch("本支部有同名党员，请联系支部书记获取个人邀请码"),
        };
    }

    /// <summary>
    /// <paramref name="mobile"/> is the normalised mainland number (null when the input was not one). "Unknown
    /// mobile" and "wrong name" get the same answer: neither reveals who is on the roster.
    /// </summary>
    public async Task<Outcome<RosterMatch>> ByMobileAsync(string name, string? mobile, CancellationToken ct)
    {
        if (mobile is null) return NoMatch("该手机号不在党员名册中，请核对或联系支部书记");
        var hash = protector.LookupHash(mobile);
        var member = await db.Members.SingleOrDefaultAsync(m => m.MobileHash == hash && m.Status == MemberStatus.Active, ct);
        return member is null || member.Name != name.Trim() ? NoMatch("该手机号与姓名不在党员名册中，请核对或联系支部书记") : new RosterMatch(member, null, "mobile");
    }

    public static Refusal InvitationInvalid() => new(StatusCodes.Status400BadRequest, MemberProblemTypes.InvitationInvalid, "邀请码无效、已过期或已用完");

    public static Refusal NoMatch(string title) => new(StatusCodes.Status422UnprocessableEntity, MemberProblemTypes.NoRosterMatch, title);
}

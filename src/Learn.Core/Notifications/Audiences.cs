using Learn.Core.Data;
using Learn.Core.Identity;
using Learn.Core.Members;
using Learn.Core.Organizations;

namespace Learn.Core.Notifications;

/// <summary>The members an audience campaign goes to, and the WeChat identities that reach them.</summary>
public static class Audiences
{
    public static IQueryable<Member> Members(LearnDbContext db, CampaignAudience audience, string? scopePath)
    {
        var members = db.Members.Where(m => m.Status == MemberStatus.Active);
        if (audience == CampaignAudience.LeadingCadres) members = members.Where(m => m.IsLeadingCadre);
        if (scopePath is not null) members = members.Within(m => m.Organization!.Path, scopePath);
        return members;
    }

    /// <summary>Members bound in the Mini Program.</summary>
    public static IQueryable<long> InMiniProgram(LearnDbContext db) =>
        db.WeChatIdentities.Where(w => w.AppKind == WeChatAppKind.MiniProgram && w.MemberId != null).Select(w => w.MemberId!.Value);

    /// <summary>Members bound to the Official Account who still follow it.</summary>
    public static IQueryable<long> FollowingOfficialAccount(LearnDbContext db) =>
        db.WeChatIdentities.Where(w => w.AppKind == WeChatAppKind.OfficialAccount && w.Subscribed && w.MemberId != null).Select(w => w.MemberId!.Value);
}

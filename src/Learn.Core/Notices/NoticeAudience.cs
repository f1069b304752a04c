using System.Text.Json;
using Learn.Core.Data;
using Learn.Core.Members;
using Learn.Core.Organizations;

namespace Learn.Core.Notices;

/// <summary>
/// Who a notice goes to: everyone (a super admin's whole tree), or the active members of some organisations'
/// subtrees. Kept as organisation ids in the campaign's source JSON and resolved to paths when the rows are
/// written, so a branch moved meanwhile is still reached where it now is.
/// </summary>
public sealed record NoticeAudience(bool Everyone, long[] OrganizationIds)
{
    /// <summary>The rule name Learn.Jobs' expander serves (<c>NotificationCampaign.RecipientSource</c>).</summary>
    public const string SourceName = "notice";

    public string ToJson() => JsonSerializer.Serialize(this);

    public static NoticeAudience FromJson(string? json) =>
        (json is null ? null : JsonSerializer.Deserialize<NoticeAudience>(json)) ?? new NoticeAudience(false, []);

    /// <summary>The active members it reaches now.</summary>
    public IQueryable<Member> Members(LearnDbContext db)
    {
        var members = db.Members.Where(m => m.Status == MemberStatus.Active);
        if (Everyone) return members;
        var paths = db.Organizations.Where(o => OrganizationIds.Contains(o.Id)).Select(o => o.Path).ToList();
        return members.WithinAny(m => m.Organization!.Path, paths);
    }
}

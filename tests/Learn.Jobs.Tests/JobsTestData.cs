using Learn.Core.Data;
using Learn.Core.Identity;
using Learn.Core.Members;
using Learn.Core.Notifications;
using Learn.Core.Organizations;
using Learn.Core.Organizers;

namespace Learn.Jobs.Tests;

/// <summary>WeChat bindings, consents and organiser accounts, arranged as the product would hold them.</summary>
public static class JobsTestData
{
    public static async Task<string> BindMiniProgramAsync(this LearnDbContext db, Member member, string? openId = null)
    {
        openId ??= "mp-" + member.Id + "-" + Guid.NewGuid().ToString("N")[..8];
        db.WeChatIdentities.Add(new WeChatIdentity
        {
            AppKind = WeChatAppKind.MiniProgram, AppId = "wx1111111111111111", OpenId = openId, MemberId = member.Id,
            BoundAt = DateTime.UtcNow, CreatedAt = DateTime.UtcNow, LastSeenAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();
        return openId;
    }

    public static async Task<string> FollowOfficialAccountAsync(this LearnDbContext db, Member member, bool subscribed = true)
    {
        var openId = "oa-" + member.Id + "-" + Guid.NewGuid().ToString("N")[..8];
        db.WeChatIdentities.Add(new WeChatIdentity
        {
            AppKind = WeChatAppKind.OfficialAccount, AppId = "wx2222222222222222", OpenId = openId, MemberId = member.Id,
            Subscribed = subscribed, BoundAt = DateTime.UtcNow, CreatedAt = DateTime.UtcNow, LastSeenAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();
        return openId;
    }

    public static Task GrantConsentsAsync(this LearnDbContext db, Member member, string templateId, int count) =>
        ConsentLedger.RecordAcceptedAsync(db, member.Id, Enumerable.Repeat(templateId, count), DateTime.UtcNow, CancellationToken.None);

    public static async Task<OrganizerAccount> AddOrganizerAsync(this LearnDbContext db, Organization org, OrganizerRole role, Member? person)
    {
        var account = new OrganizerAccount
        {
            UserName = "u" + Guid.NewGuid().ToString("N")[..10], DisplayName = person?.Name ?? "管理员", Role = role,
            OrganizationId = org.Id, MemberId = person?.Id, CreatedAt = DateTime.UtcNow,
        };
        db.OrganizerAccounts.Add(account);
        await db.SaveChangesAsync();
        return account;
    }
}

using Learn.Core.Data;
using Learn.Core.Members;
using Learn.Core.Organizations;
using Learn.Core.Organizers;
using Learn.TestSupport;

namespace Learn.Admin.Tests.Support;

/// <summary>
/// A small tree with an organiser at each level (names carry a suffix, so several worlds share a database):
/// 机关党委 ─┬ 第一党总支 ─┬ 第一党支部 ── 第一党小组
///           │             └ 第二党支部
///           └ 第二党总支 ── 第三党支部
/// Secretary of 第一党支部, admin of 第一党总支, super admin; one member in each branch.
/// </summary>
public sealed record AdminWorld(
    Organization Committee, Organization General1, Organization Branch1, Organization Group1, Organization Branch2,
    Organization General2, Organization Branch3, Member Member1, Member Member2, Member Member3,
    string Secretary1, string Admin1, string Super)
{
    public const string Password = OrganizerTestData.Password;

    public static async Task<AdminWorld> ArrangeAsync(AdminFactory site)
    {
        var s = Guid.NewGuid().ToString("N")[..6];
        return await site.WithDbAsync(async db =>
        {
            var c = await db.AddOrganizationAsync("机关党委" + s, OrganizationKind.PartyCommittee);
            var g1 = await db.AddOrganizationAsync("第一党总支", OrganizationKind.GeneralBranch, c);
            var b1 = await db.AddOrganizationAsync("第一党支部", OrganizationKind.Branch, g1);
            var grp = await db.AddOrganizationAsync("第一党小组", OrganizationKind.Group, b1);
            var b2 = await db.AddOrganizationAsync("第二党支部", OrganizationKind.Branch, g1);
            var g2 = await db.AddOrganizationAsync("第二党总支", OrganizationKind.GeneralBranch, c);
            var b3 = await db.AddOrganizationAsync("第三党支部", OrganizationKind.Branch, g2);
            var m1 = await db.AddMemberAsync(b1, "张红梅", new DateOnly(2005, 11, 25)); // political birthday two days after the test clock's today
            var m2 = await db.AddMemberAsync(b2, "李建国");
            var m3 = await db.AddMemberAsync(b3, "王志强");
            await db.AddOrganizerAsync("sec" + s, "书记" + s, OrganizerRole.BranchSecretary, b1);
            await db.AddOrganizerAsync("adm" + s, "管理员" + s, OrganizerRole.OrganizationAdmin, g1);
            await db.AddOrganizerAsync("sup" + s, "超管" + s, OrganizerRole.SuperAdmin, null);
            return new AdminWorld(c, g1, b1, grp, b2, g2, b3, m1, m2, m3, "sec" + s, "adm" + s, "sup" + s);
        });
    }
}

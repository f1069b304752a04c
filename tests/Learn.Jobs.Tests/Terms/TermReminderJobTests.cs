using FakeWeChat;
using Learn.Core.Organizations;
using Learn.Core.Organizers;
using Learn.Jobs.Terms;
using Learn.TestSupport;

namespace Learn.Jobs.Tests.Terms;

public class TermReminderJobTests(JobsFactory factory) : IClassFixture<JobsFactory>
{
    [Fact]
    public async Task An_organisation_whose_term_ends_within_90_days_reminds_its_nearest_organisation_admin_once()
    {
        factory.Clock.SetShanghai(2026, 11, 23, 9, 30);
        await factory.WithDbAsync(async db =>
        {
            var committee = await db.AddOrganizationAsync("机关党委", OrganizationKind.PartyCommittee);
            var general = await db.AddOrganizationAsync("第一党总支", OrganizationKind.GeneralBranch, committee);
            var ending = await db.AddOrganizationAsync("将换届党支部", OrganizationKind.Branch, general, termEnd: new DateOnly(2027, 2, 1));
            await db.AddOrganizationAsync("远期党支部", OrganizationKind.Branch, general, termEnd: new DateOnly(2027, 6, 1));
            var topAdmin = await db.AddMemberAsync(committee, "党委管理员");
            var nearAdmin = await db.AddMemberAsync(general, "总支管理员");
            await db.AddOrganizerAsync(committee, OrganizerRole.OrganizationAdmin, topAdmin);
            await db.AddOrganizerAsync(general, OrganizerRole.OrganizationAdmin, nearAdmin);
            foreach (var m in new[] { topAdmin, nearAdmin })
            {
                await db.BindMiniProgramAsync(m, "open-" + m.Name);
                await db.GrantConsentsAsync(m, TestTemplates.TermMini, 2);
            }
            _ = ending;
        });

        await factory.RunJobAsync(TermReminderJob.Id);
        await factory.RunJobAsync(TermReminderJob.Id);
        await factory.OutboxSettledAsync();

        var sends = factory.WeChat.RequestsTo(FakePaths.SubscribeSend).Where(r => r.ErrCode == 0).ToList();
        sends.Select(s => s.Json.GetProperty("touser").GetString()).ShouldBe(["open-总支管理员"], await factory.OutboxDumpAsync());
    }
}

using FakeWeChat;
using Learn.Core.Organizations;
using Learn.Core.Organizers;
using Learn.Jobs.Terms;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;

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
        sends.Select(s => s.Json.GetProperty("touser").GetString()).Where(t => t is "open-总支管理员" or "open-党委管理员")
            .ShouldBe(["open-总支管理员"], await factory.OutboxDumpAsync());
    }

    [Fact]
    public async Task An_expired_term_is_flagged_as_overdue_with_its_days_once_a_week_until_it_is_renewed()
    {
        factory.Clock.SetShanghai(2030, 3, 1, 9, 30);
        var overdue = await factory.WithDbAsync(async db =>
        {
            var committee = await db.AddOrganizationAsync("超期测试党委", OrganizationKind.PartyCommittee);
            var expired = await db.AddOrganizationAsync("超期党支部", OrganizationKind.Branch, committee, termEnd: new DateOnly(2030, 2, 27));
            await db.AddOrganizationAsync("已换届党支部", OrganizationKind.Branch, committee, termEnd: new DateOnly(2033, 2, 27));
            var admin = await db.AddMemberAsync(committee, "超期管理员");
            await db.AddOrganizerAsync(committee, OrganizerRole.OrganizationAdmin, admin);
            await db.BindMiniProgramAsync(admin, "open-超期管理员");
            await db.GrantConsentsAsync(admin, TestTemplates.TermMini, 5);
            return expired;
        });

        await factory.RunJobAsync(TermReminderJob.Id);
        await factory.RunJobAsync(TermReminderJob.Id);
        await factory.OutboxSettledAsync();
        Notes().ShouldBe(["超期党支部|超期未换届已2天，请尽快组织换届"], await factory.OutboxDumpAsync());

        factory.Clock.SetShanghai(2030, 3, 6, 9, 30); // 7 days overdue: still the first week (days 1–7), nothing new
        await factory.RunJobAsync(TermReminderJob.Id);
        await factory.OutboxSettledAsync();
        Notes().Count.ShouldBe(1);

        factory.Clock.SetShanghai(2030, 3, 9, 9, 30); // day 10: the second week
        await factory.RunJobAsync(TermReminderJob.Id);
        await factory.RunJobAsync(TermReminderJob.Id);
        await factory.OutboxSettledAsync();
        Notes().ShouldBe(["超期党支部|超期未换届已2天，请尽快组织换届", "超期党支部|超期未换届已10天，请尽快组织换届"]);

        // 换届 done: the new term ends in three years, the flags stop.
        await factory.WithDbAsync(db => db.Organizations.Where(o => o.Id == overdue.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.TermEnd, new DateOnly(2033, 3, 9))));
        factory.Clock.SetShanghai(2030, 3, 20, 9, 30);
        await factory.RunJobAsync(TermReminderJob.Id);
        await factory.OutboxSettledAsync();
        Notes().Count.ShouldBe(2);
    }

    /// <summary>Organisation and note of each term message the 超期 admin received, in order.</summary>
    private List<string> Notes() => factory.WeChat.RequestsTo(FakePaths.SubscribeSend)
        .Where(r => r.ErrCode == 0 && r.Json.GetProperty("touser").GetString() == "open-超期管理员")
        .Select(r => r.Json.GetProperty("data").EnumerateObject().Select(p => p.Value.GetProperty("value").GetString()!).ToList())
        .Select(values => values.Single(v => v.EndsWith("党支部", StringComparison.Ordinal)) + "|" + values.Single(v => v.Contains("换届", StringComparison.Ordinal)))
        .ToList();
}

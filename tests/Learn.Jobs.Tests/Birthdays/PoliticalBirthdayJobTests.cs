using FakeWeChat;
using Learn.Core.Notifications;
using Learn.Core.Organizations;
using Learn.Core.Organizers;
using Learn.Jobs.Birthdays;
using Learn.Jobs.Scheduling;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Learn.Jobs.Tests.Birthdays;

public class PoliticalBirthdayJobTests(JobsFactory factory) : IClassFixture<JobsFactory>
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private List<(string ToUser, string Template, System.Text.Json.JsonElement Data)> SubscribeSends() =>
        factory.WeChat.RequestsTo(FakePaths.SubscribeSend).Where(r => r.ErrCode == 0)
            .Select(r => (r.Json.GetProperty("touser").GetString()!, r.Json.GetProperty("template_id").GetString()!, r.Json.GetProperty("data")))
            .ToList();

    [Fact]
    public async Task Todays_birthdays_and_secretary_digests_are_sent_once_each_even_when_the_job_runs_twice()
    {
        factory.Clock.SetShanghai(2026, 11, 23, 8, 0);
        var (ten, fifty, plain, secretaryA, secretaryB) = await factory.WithDbAsync(async db =>
        {
            var committee = await db.AddOrganizationAsync("机关党委", OrganizationKind.PartyCommittee);
            var branchA = await db.AddOrganizationAsync("第一党支部", OrganizationKind.Branch, committee);
            var groupA = await db.AddOrganizationAsync("第一党小组", OrganizationKind.Group, branchA);
            var branchB = await db.AddOrganizationAsync("第二党支部", OrganizationKind.Branch, committee);
            var ten = await db.AddMemberAsync(branchA, "张十年", D(2016, 11, 23));
            var fifty = await db.AddMemberAsync(groupA, "王五十", D(1976, 11, 23));
            var plain = await db.AddMemberAsync(branchB, "刘平常", D(2003, 11, 23));
            await db.AddMemberAsync(branchA, "赵三天", D(1999, 11, 26));   // in branch A's digest, no greeting today
            await db.AddMemberAsync(branchB, "孙八天", D(1999, 12, 1));    // day 8: outside the digest
            var secretaryA = await db.AddMemberAsync(branchA, "陈书记", D(1990, 3, 1));
            var secretaryB = await db.AddMemberAsync(branchB, "周书记", D(1991, 3, 1), post: "支部书记");
            await db.AddOrganizerAsync(branchA, OrganizerRole.BranchSecretary, secretaryA);
            foreach (var m in new[] { ten, fifty, plain, secretaryA, secretaryB })
            {
                await db.BindMiniProgramAsync(m, "open-" + m.Name);
                await db.GrantConsentsAsync(m, m == secretaryA || m == secretaryB ? TestTemplates.DigestMini : TestTemplates.BirthdayMini, 1);
            }
            return (ten, fifty, plain, secretaryA, secretaryB);
        });

        await factory.RunJobAsync(PoliticalBirthdayJob.Id);
        await factory.OutboxSettledAsync();
        await factory.RunJobAsync(PoliticalBirthdayJob.Id);
        await factory.OutboxSettledAsync();

        var greetings = SubscribeSends().Where(s => s.Template == TestTemplates.BirthdayMini).ToList();
        greetings.Select(g => g.ToUser).OrderBy(x => x).ToArray().ShouldBe(["open-刘平常", "open-张十年", "open-王五十"], await factory.OutboxDumpAsync());
        Field(greetings, "open-张十年", "thing4").ShouldBe("入党10周年（逢十纪念）");
        Field(greetings, "open-王五十", "thing4").ShouldBe("光荣在党50年");
        Field(greetings, "open-王五十", "number2").ShouldBe("50");
        Field(greetings, "open-刘平常", "thing4").ShouldBe("入党23周年");

        var digests = SubscribeSends().Where(s => s.Template == TestTemplates.DigestMini).ToList();
        digests.Select(d => d.ToUser).OrderBy(x => x).ShouldBe(["open-周书记", "open-陈书记"]);
        var a = digests.Single(d => d.ToUser == "open-陈书记").Data;
        a.GetProperty("thing2").GetProperty("value").GetString().ShouldBe("今日2人：张十年、王五十");
        a.GetProperty("thing3").GetProperty("value").GetString().ShouldBe("未来7天1人，逢十2人");
        digests.Single(d => d.ToUser == "open-周书记").Data.GetProperty("thing2").GetProperty("value").GetString().ShouldBe("今日1人：刘平常");
        (await factory.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync())).ShouldBe(5);
        _ = (ten, fifty, plain, secretaryB);
    }

    private static string? Field(List<(string ToUser, string Template, System.Text.Json.JsonElement Data)> sends, string toUser, string key) =>
        sends.Single(s => s.ToUser == toUser).Data.GetProperty(key).GetProperty("value").GetString();

    [Fact]
    public async Task A_29_February_joiner_is_greeted_on_28_February_in_a_common_year()
    {
        factory.Clock.SetShanghai(2027, 2, 28, 8, 0);
        await factory.WithDbAsync(async db =>
        {
            var branch = await db.AddOrganizationAsync("闰日党支部", OrganizationKind.Branch);
            var leap = await db.AddMemberAsync(branch, "闰日生", D(2004, 2, 29));
            await db.BindMiniProgramAsync(leap, "open-闰日生");
            await db.GrantConsentsAsync(leap, TestTemplates.BirthdayMini, 1);
        });

        await factory.RunJobAsync(PoliticalBirthdayJob.Id);
        await factory.OutboxSettledAsync();

        var greeting = SubscribeSends().Single(s => s.ToUser == "open-闰日生");
        greeting.Data.GetProperty("number2").GetProperty("value").GetString().ShouldBe("23");
    }
}

using FakeWeChat;
using Learn.Core.Holidays;
using Learn.Core.Notifications;
using Learn.Core.Organizations;
using Learn.Jobs.Holidays;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Learn.Jobs.Tests.Holidays;

public class HolidayNoticeJobTests(JobsFactory factory) : IClassFixture<JobsFactory>
{
    [Fact]
    public async Task Three_days_before_the_spring_festival_the_organisers_text_goes_to_the_audience_they_chose_once()
    {
        factory.Clock.SetShanghai(2027, 2, 3, 9, 0); // Spring Festival 2027 is 6 February
        var (cadre, member) = await factory.WithDbAsync(async db =>
        {
            var branch = await db.AddOrganizationAsync("节日党支部", OrganizationKind.Branch);
            var cadre = await db.AddMemberAsync(branch, "领导干部", leadingCadre: true);
            var member = await db.AddMemberAsync(branch, "普通党员");
            db.Add(new HolidayNoticeSetting
            {
                Holiday = Holiday.SpringFestival, Title = "廉洁过节", Content = "{holiday}期间严禁公款吃喝", Audience = CampaignAudience.LeadingCadres,
                UpdatedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
            return (cadre, member);
        });
        var (cadreOpenId, memberOpenId) = await factory.WithDbAsync(async db => (await db.FollowOfficialAccountAsync(cadre), await db.FollowOfficialAccountAsync(member)));

        await factory.RunJobAsync(HolidayNoticeJob.Id);
        await factory.RunJobAsync(HolidayNoticeJob.Id);
        await factory.OutboxSettledAsync();

        var sends = factory.WeChat.RequestsTo(FakePaths.TemplateSend).Where(r => r.ErrCode == 0
            && r.Json.GetProperty("template_id").GetString() == TestTemplates.HolidayOfficial).ToList();
        sends.Select(s => s.Json.GetProperty("touser").GetString()).ShouldBe([cadreOpenId], await factory.OutboxDumpAsync());
        sends[0].Json.GetProperty("data").GetProperty("keyword2").GetProperty("value").GetString().ShouldBe("春节期间严禁公款吃喝");
        sends[0].Json.GetProperty("data").GetProperty("keyword3").GetProperty("value").GetString().ShouldBe("2027年2月6日");
        (await factory.WithDbAsync(db => db.Set<NotificationCampaign>().CountAsync(c => c.Key == "holiday-notice:SpringFestival:2027"))).ShouldBe(1);
        _ = memberOpenId;
    }

    [Fact]
    public async Task On_other_days_the_job_writes_nothing()
    {
        factory.Clock.SetShanghai(2027, 2, 4, 9, 0);
        var before = await factory.WithDbAsync(db => db.Set<NotificationCampaign>().CountAsync());

        await factory.RunJobAsync(HolidayNoticeJob.Id);

        (await factory.WithDbAsync(db => db.Set<NotificationCampaign>().CountAsync())).ShouldBe(before);
    }
}

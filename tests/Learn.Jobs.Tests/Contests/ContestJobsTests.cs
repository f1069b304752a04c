using FakeWeChat;
using Learn.Core.Contests;
using Learn.Core.Data;
using Learn.Core.Members;
using Learn.Core.Notifications;
using Learn.Core.Organizations;
using Learn.Jobs.Contests;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Learn.Jobs.Tests.Contests;

public class ContestJobsTests(JobsFactory factory) : IClassFixture<JobsFactory>
{
    private static DateTime Shanghai(int y, int m, int d, int h) => new DateTimeOffset(y, m, d, h, 0, 0, TimeSpan.FromHours(8)).UtcDateTime;

    private static async Task<Contest> AddContestAsync(LearnDbContext db, Organization org, string title, DateTime starts, DateTime ends, bool whitelist = false)
    {
        var contest = new Contest
        {
            Title = title, Mode = ContestMode.Timed, StartsAt = starts, EndsAt = ends, OrganizationId = org.Id, OrganizationPath = org.Path,
            AudiencePaths = "|" + org.Path + "|", HasWhitelist = whitelist, EasyCount = 5, CreatedAt = starts,
        };
        db.Add(contest);
        await db.SaveChangesAsync();
        return contest;
    }

    private static void Enter(LearnDbContext db, Contest contest, Member member, Organization org, int score) => db.Add(new ContestEntry
    {
        ContestId = contest.Id, MemberId = member.Id, OrganizationId = org.Id, OrganizationPath = org.Path, Score = score,
        TotalMs = 60_000, ReachedAt = contest.StartsAt.AddHours(1), JoinedAt = contest.StartsAt.AddHours(1),
    });

    private List<(string ToUser, System.Text.Json.JsonElement Data)> Sends(string templateId) =>
        factory.WeChat.RequestsTo(FakePaths.SubscribeSend).Where(r => r.ErrCode == 0 && r.Json.GetProperty("template_id").GetString() == templateId)
            .Select(r => (r.Json.GetProperty("touser").GetString()!, r.Json.GetProperty("data"))).ToList();

    [Fact]
    public async Task A_contest_past_its_end_is_closed_with_its_ranking_frozen_and_each_participant_is_told_their_result_once()
    {
        factory.Clock.SetShanghai(2026, 11, 23, 9, 0);
        var contest = await factory.WithDbAsync(async db =>
        {
            var branch = await db.AddOrganizationAsync("竞赛党支部", OrganizationKind.Branch);
            var c = await AddContestAsync(db, branch, "党史知识竞赛", Shanghai(2026, 11, 20, 9), Shanghai(2026, 11, 23, 8));
            foreach (var (name, score) in new[] { ("高分", 50), ("低分", 30) })
            {
                var m = await db.AddMemberAsync(branch, name);
                await db.BindMiniProgramAsync(m, "open-" + name);
                await db.GrantConsentsAsync(m, TestTemplates.ResultMini, 1);
                Enter(db, c, m, branch, score);
            }
            await db.SaveChangesAsync();
            return c;
        });

        await factory.RunJobAsync(ContestLifecycleJob.Id);
        await factory.RunJobAsync(ContestLifecycleJob.Id);
        await factory.OutboxSettledAsync();

        var closed = await factory.WithDbAsync(db => db.Set<Contest>().AsNoTracking().SingleAsync(c => c.Id == contest.Id));
        closed.ClosedAt.ShouldNotBeNull();
        (await factory.WithDbAsync(db => db.Set<ContestFinalRank>().CountAsync(r => r.ContestId == contest.Id))).ShouldBe(2);
        var results = Sends(TestTemplates.ResultMini);
        results.Count.ShouldBe(2, await factory.OutboxDumpAsync());
        results.Single(r => r.ToUser == "open-高分").Data.GetProperty("number2").GetProperty("value").GetString().ShouldBe("1");
        results.Single(r => r.ToUser == "open-低分").Data.GetProperty("thing4").GetProperty("value").GetString().ShouldBe("第2名，得分30，感谢参与");
    }

    [Fact]
    public async Task Members_in_scope_who_have_not_taken_part_are_reminded_once_the_day_before_close()
    {
        factory.Clock.SetShanghai(2026, 11, 23, 10, 0);
        await factory.WithDbAsync(async db =>
        {
            var branch = await db.AddOrganizationAsync("提醒党支部", OrganizationKind.Branch);
            var elsewhere = await db.AddOrganizationAsync("其他党支部", OrganizationKind.Branch);
            var c = await AddContestAsync(db, branch, "党章知识竞赛", Shanghai(2026, 11, 20, 9), Shanghai(2026, 11, 24, 18), whitelist: true);
            var took = await db.AddMemberAsync(branch, "已参加");
            var missing = await db.AddMemberAsync(branch, "未参加");
            var invited = await db.AddMemberAsync(elsewhere, "白名单");
            var outside = await db.AddMemberAsync(elsewhere, "范围外");
            foreach (var m in new[] { took, missing, invited, outside })
            {
                await db.BindMiniProgramAsync(m, "open-" + m.Name);
                await db.GrantConsentsAsync(m, TestTemplates.ReminderMini, 1);
            }
            Enter(db, c, took, branch, 40);
            db.Add(new ContestWhitelistEntry { ContestId = c.Id, MemberId = invited.Id });
            await db.SaveChangesAsync();
        });

        await factory.RunJobAsync(ContestReminderJob.Id);
        await factory.RunJobAsync(ContestReminderJob.Id);
        await factory.OutboxSettledAsync();

        var reminders = Sends(TestTemplates.ReminderMini);
        reminders.Select(r => r.ToUser).Order().ToArray().ShouldBe(["open-未参加", "open-白名单"], await factory.OutboxDumpAsync());
        reminders[0].Data.GetProperty("time2").GetProperty("value").GetString().ShouldBe("2026年11月24日 18:00");
    }
}

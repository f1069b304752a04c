using Learn.Core.Contests;
using Learn.Core.Organizations;
using Learn.Core.Study;
using Learn.Jobs.Contests;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.Jobs.Tests.Contests;

/// <summary>竞赛 study points come from the contest's closing chain (ADR 0202), once per participant, never for a voided result.</summary>
public class ContestStudyPointsTests(JobsFactory factory) : IClassFixture<JobsFactory>
{
    [Fact]
    public async Task Closing_a_contest_gives_each_participant_contest_points_once_within_the_daily_cap_and_none_for_a_voided_result()
    {
        factory.Clock.SetShanghai(2026, 11, 25, 9, 0);
        var (contest, members) = await factory.WithDbAsync(async db =>
        {
            var branch = await db.AddOrganizationAsync("积分竞赛党支部", OrganizationKind.Branch);
            var starts = new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.FromHours(8)).UtcDateTime;
            var c = new Contest
            {
                Title = "党规知识竞赛", Mode = ContestMode.Timed, StartsAt = starts, EndsAt = starts.AddHours(20), OrganizationId = branch.Id,
                OrganizationPath = branch.Path, AudiencePaths = "|" + branch.Path + "|", EasyCount = 5, CreatedAt = starts,
            };
            db.Add(c);
            await db.SaveChangesAsync();
            var ids = new List<long>();
            foreach (var (name, voided) in new[] { ("参赛甲", false), ("参赛乙", false), ("作弊丙", true) })
            {
                var m = await db.AddMemberAsync(branch, name);
                ids.Add(m.Id);
                db.Add(new ContestEntry
                {
                    ContestId = c.Id, MemberId = m.Id, OrganizationId = branch.Id, OrganizationPath = branch.Path, Score = 30,
                    TotalMs = 60_000, JoinedAt = starts.AddHours(1), Voided = voided,
                });
            }
            await db.SaveChangesAsync();
            return (c, ids);
        });

        // Earlier today member 0 already earned 18 of the 20 contest points a day allows.
        await factory.Services.GetRequiredService<StudyPoints>().AwardAsync(members[0], StudyPointKind.Contest, "contest:earlier", 18, "参加竞赛《更早的竞赛》");

        await factory.RunJobAsync(ContestLifecycleJob.Id); // enqueues close → (results, study points)
        var key = ContestStudyPoints.KeyOf(contest.Id);
        var until = DateTime.UtcNow.AddSeconds(30);
        while (await factory.WithDbAsync(db => db.Set<StudyPointEntry>().CountAsync(e => e.IdempotencyKey == key)) < 2 && DateTime.UtcNow < until)
            await Task.Delay(100); // the continuation runs on a Hangfire worker
        await factory.RunJobAsync(ContestLifecycleJob.Id); // the re-check of recently closed contests awards nothing twice

        var entries = await factory.WithDbAsync(db => db.Set<StudyPointEntry>().AsNoTracking().Where(e => e.IdempotencyKey == key).ToListAsync());
        entries.Select(e => e.MemberId).Order().ShouldBe(members.Take(2));
        entries.ShouldAllBe(e => e.Kind == StudyPointKind.Contest && e.RequestedPoints == 5);
        entries.Single(e => e.MemberId == members[1]).Reason.ShouldBe("参加竞赛《党规知识竞赛》");
        entries.Single(e => e.MemberId == members[0]).Points.ShouldBe(2); // capped at 20 for the day
        var totals = await factory.WithDbAsync(db => db.Set<StudyPointAccount>().Where(a => members.Contains(a.MemberId)).ToDictionaryAsync(a => a.MemberId, a => a.Total));
        totals.ShouldBe(new Dictionary<long, int> { [members[0]] = 20, [members[1]] = 5 }, ignoreOrder: true);
    }
}

using Learn.Core.Auditing;
using Learn.Core.Contests;
using Learn.Core.Data;
using Learn.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.Core.Demo;

/// <summary>
/// Contests beside the open demo paper (ContestDemoSeeder): one that ran last week and is closed, its final
/// ranking frozen (so the results page and its export have rows), and a live contest ready for the organiser to
/// host on the big screen.
/// </summary>
internal sealed class DemoContestsSeeder(TimeProvider clock) : IDemoSeeder
{
    public const string FinishedTitle = "“学党章 守党规”知识竞赛（已结束）";
    public const string LiveTitle = "机关党建知识直播竞答（演示）";

    public int Order => 800;

    public async Task SeedAsync(LearnDbContext db, IServiceProvider services, CancellationToken ct)
    {
        var root = await db.Organizations.AsNoTracking().Where(o => o.ParentId == null).OrderBy(o => o.SortOrder).ThenBy(o => o.Id).FirstAsync(ct);
        var admin = services.GetRequiredService<ContestAdmin>();
        var now = clock.GetUtcNow().UtcDateTime;
        var finished = await admin.CreateAsync("/", root.Id, new ContestDraft
        {
            Title = FinishedTitle,
            Description = "上周举办的限时答题：每人 10 道题，每题 20 秒，取最好成绩。已结束，最终排名已冻结。",
            Mode = ContestMode.Timed, StartsAt = now.AddDays(-12), EndsAt = now.AddDays(-5),
            AudienceOrganizationIds = [root.Id], EasyCount = 5, MediumCount = 3, HardCount = 2,
            SecondsPerQuestion = 20, AttemptsPerDay = 2, PointsPerCorrect = 10, SpeedBonusMax = 5,
        }, AuditActor.System, ct);
        if (finished.Contest is { } contest)
        {
            await AddEntriesAsync(db, contest, ct);
            await services.GetRequiredService<ContestLifecycle>().CloseAsync(contest.Id, ct);
        }
        await admin.CreateAsync("/", root.Id, new ContestDraft
        {
            Title = LiveTitle,
            Description = "组织者在管理后台逐题开题、揭晓答案，大屏实时显示排行榜；党员在小程序里抢答，每题 20 秒。",
            Mode = ContestMode.Live, StartsAt = now.AddHours(-1), EndsAt = now.AddDays(30),
            AudienceOrganizationIds = [root.Id], EasyCount = 5, MediumCount = 3, HardCount = 2,
            SecondsPerQuestion = 20, PointsPerCorrect = 10, SpeedBonusMax = 5,
        }, AuditActor.System, ct);
    }

    /// <summary>Best results of about two thirds of the Mini Program members, spread over the contest's week.</summary>
    private static async Task AddEntriesAsync(LearnDbContext db, Contest contest, CancellationToken ct)
    {
        var rng = new Random(1921);
        var players = await db.WeChatIdentities.AsNoTracking()
            .Where(w => w.AppKind == WeChatAppKind.MiniProgram && w.MemberId != null)
            .Select(w => new { w.Id, MemberId = w.MemberId!.Value, w.Member!.OrganizationId, w.Member.Organization!.Path })
            .OrderBy(w => w.MemberId).ToListAsync(ct);
        foreach (var p in players.Where(_ => rng.NextDouble() < 0.65))
        {
            var correct = 4 + rng.Next(7);
            var totalMs = (long)correct * rng.Next(2500, 12000) + (10 - correct) * 20000L;
            var reached = contest.StartsAt.AddMinutes(rng.Next((int)(contest.EndsAt - contest.StartsAt).TotalMinutes));
            db.Add(new ContestEntry
            {
                ContestId = contest.Id, MemberId = p.MemberId, IdentityId = p.Id, OrganizationId = p.OrganizationId, OrganizationPath = p.Path,
                Score = correct * 10 + rng.Next(correct * 5 + 1), CorrectCount = correct, TotalMs = totalMs,
                ReachedAt = reached, JoinedAt = reached.AddMinutes(-3),
            });
        }
        await db.SaveChangesAsync(ct);
    }
}

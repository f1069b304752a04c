using Learn.Core.Auditing;
using Learn.Core.Data;
using Learn.Core.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Learn.Core.Contests;

/// <summary>One open timed contest over the whole demo tree, so the Mini Program has something to play.</summary>
internal sealed class ContestDemoSeeder(TimeProvider clock, ILogger<ContestDemoSeeder> log) : IDemoSeeder
{
    public int Order => 500;

    public async Task SeedAsync(LearnDbContext db, IServiceProvider services, CancellationToken ct)
    {
        var root = await db.Organizations.AsNoTracking().Where(o => o.ParentId == null).OrderBy(o => o.SortOrder).ThenBy(o => o.Id).FirstOrDefaultAsync(ct);
        if (root is null)
        {
            log.LogWarning("No organisation tree; the demo contest is not created.");
            return;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var created = await services.GetRequiredService<ContestAdmin>().CreateAsync("/", root.Id, new ContestDraft
        {
            Title = "党史知识竞答（演示）",
            Description = "每次随机抽取 10 道题（易 5、中 3、难 2），每题限时 20 秒；答对得 10 分，越快答对另加最多 5 分。每天可答 3 次，取最好成绩。",
            Mode = ContestMode.Timed,
            StartsAt = now.AddHours(-1),
            EndsAt = now.AddDays(30),
            AudienceOrganizationIds = [root.Id],
            EasyCount = 5, MediumCount = 3, HardCount = 2,
            SecondsPerQuestion = 20, AttemptsPerDay = 3,
            PointsPerCorrect = 10, SpeedBonusMax = 5,
        }, AuditActor.System, ct);
        if (created.Contest is null)
            log.LogWarning("Demo contest not created: {Errors}", string.Join("; ", created.Errors.SelectMany(e => e.Value)));
    }
}

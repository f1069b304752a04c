using System.Globalization;
using Learn.Core.Contests;
using Learn.Core.Data;
using Learn.Core.Notifications;
using Learn.Jobs.Notifications;
using Learn.Jobs.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace Learn.Jobs.Contests;

/// <summary>
/// Every minute: closes contests whose window has ended (Learn.Core's <see cref="ContestLifecycle"/> freezes
/// the final ranking) and tells each participant their result. A contest opens by its start time alone, so
/// there is nothing to do at that edge. Results are keyed per contest, and contests closed recently are
/// re-checked, so a crash between freezing and queueing still sends the results exactly once.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ContestLifecycleJob(LearnDbContext db, ContestLifecycle lifecycle, TimeProvider time,
    IOptions<JobsOptions> options, ILogger<ContestLifecycleJob> logger) : IJob
{
    public static readonly JobKey Key = new("contest-lifecycle", "learn");
    public const string ResultTemplate = "ContestResult";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        if (!options.Value.ContestLifecycle.Enabled) return;
        foreach (var id in await lifecycle.DueForClosingAsync(cancellationToken))
            await lifecycle.CloseAsync(id, cancellationToken);

        var since = time.GetUtcNow().UtcDateTime.AddDays(-7);
        var closed = await db.Set<Contest>().AsNoTracking().Where(c => c.ClosedAt != null && c.ClosedAt >= since)
            .Select(c => new { c.Id, c.Title }).ToListAsync(cancellationToken);
        foreach (var contest in closed)
        {
            var key = $"contest-result:{contest.Id}";
            if (await Outbox.ExistsAsync(db, key, cancellationToken)) continue;
            var ranks = await db.Set<ContestFinalRank>().AsNoTracking().Where(r => r.ContestId == contest.Id)
                .OrderBy(r => r.Rank).Select(r => new { r.MemberId, r.Rank, r.Score }).ToListAsync(cancellationToken);
            var recipients = ranks.Select(r => new Recipient(r.MemberId, new Dictionary<string, string>
            {
                ["contest"] = MessageText.Fit(contest.Title),
                ["rank"] = r.Rank.ToString(CultureInfo.InvariantCulture),
                ["score"] = r.Score.ToString(CultureInfo.InvariantCulture),
                ["note"] = MessageText.Fit($"第{r.Rank}名，得分{r.Score}，感谢参与"),
            })).ToList();
            var spec = new CampaignSpec(key, $"{contest.Title} 成绩通知", ResultTemplate, NotificationChannel.MiniProgramSubscribe);
            if (await Outbox.CreateExplicitAsync(db, spec, recipients, time.GetUtcNow().UtcDateTime, cancellationToken) is not null)
                logger.LogInformation("Contest {Contest} results queued for {Count} participant(s)", contest.Id, recipients.Count);
        }
    }
}

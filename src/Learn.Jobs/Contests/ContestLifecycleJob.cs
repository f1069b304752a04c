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
/// re-checked, so a crash between freezing and queueing still sends the results exactly once. The participants'
/// rows are written by the dispatcher from the final ranking (<see cref="ContestResultRecipients"/>).
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
            var spec = new CampaignSpec($"contest-result:{contest.Id}", $"{contest.Title} 成绩通知", ResultTemplate, NotificationChannel.MiniProgramSubscribe);
            var created = await Outbox.CreateStreamedAsync(db, spec, ContestResultRecipients.SourceName, new ContestRef(contest.Id).ToJson(),
                new Dictionary<string, string> { ["contest"] = MessageText.Fit(contest.Title) }, time.GetUtcNow().UtcDateTime, cancellationToken);
            if (created is not null) logger.LogInformation("Contest {Contest} results queued for its participants", contest.Id);
        }
    }
}

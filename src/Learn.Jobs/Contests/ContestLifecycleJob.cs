using Hangfire;
using Learn.Core.Contests;
using Learn.Core.Data;
using Learn.Core.Notifications;
using Learn.Jobs.Notifications;
using Learn.Core;
using Learn.Core.Jobs;
using Learn.Jobs.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Learn.Jobs.Contests;

/// <summary>
/// Every minute: for each contest whose window has ended, a Hangfire chain — <see cref="ContestClosingSteps.CloseAsync"/>
/// (the window shuts and the final ranking is frozen, in one transaction: see <see cref="ContestLifecycle"/>), then,
/// only once that succeeded, <see cref="ContestClosingSteps.NotifyResultsAsync"/> (each participant's result). A contest
/// opens by its start time alone, so there is nothing to do at that edge. Results are keyed per contest and contests
/// closed in the last week are re-checked here, so a chain cut by a crash still sends the results exactly once. A third
/// step, <see cref="ContestClosingSteps.AwardStudyPointsAsync"/>, gives the participants their 竞赛 study points (ADR 0202).
/// </summary>
// Retried for transient faults, capped so a run is at most ~21 minutes late; then Failed, with its error, on the
// dashboard and the 任务 page (docs/decisions/0403). One run at a time across nodes.
[AutomaticRetry(Attempts = JobPolicy.Attempts, DelaysInSeconds = new[] { JobPolicy.FirstDelay, JobPolicy.SecondDelay, JobPolicy.ThirdDelay }, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
[DisableConcurrentExecution(JobPolicy.LockWaitSeconds)]
public sealed class ContestLifecycleJob(LearnDbContext db, ContestLifecycle lifecycle, ContestClosingSteps steps, IBackgroundJobClient jobs,
    TimeProvider time, IOptions<JobsOptions> options)
{
    public const string Id = JobIds.ContestLifecycle;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.ContestLifecycle.Enabled) return;
        foreach (var id in await lifecycle.DueForClosingAsync(cancellationToken))
        {
            // CancellationToken.None is Hangfire's placeholder: the worker passes its own token.
            var close = jobs.Enqueue<ContestClosingSteps>(s => s.CloseAsync(id, CancellationToken.None));
            jobs.ContinueJobWith<ContestClosingSteps>(close, s => s.NotifyResultsAsync(id, CancellationToken.None));
            jobs.ContinueJobWith<ContestClosingSteps>(close, s => s.AwardStudyPointsAsync(id, CancellationToken.None));
        }

        var since = time.GetUtcNow().UtcDateTime.AddDays(-7);
        var closed = await db.Set<Contest>().AsNoTracking().Where(c => c.ClosedAt != null && c.ClosedAt >= since)
            .Select(c => c.Id).ToListAsync(cancellationToken);
        foreach (var contest in closed) await steps.NotifyResultsAsync(contest, cancellationToken);
        // Study points of a chain cut by a crash: the last day only, as the check walks the contest's ranking.
        var dayAgo = time.GetUtcNow().UtcDateTime.AddDays(-1);
        foreach (var contest in await db.Set<Contest>().AsNoTracking().Where(c => c.ClosedAt != null && c.ClosedAt >= dayAgo)
            .Select(c => c.Id).ToListAsync(cancellationToken))
            await steps.AwardStudyPointsAsync(contest, cancellationToken);
    }
}

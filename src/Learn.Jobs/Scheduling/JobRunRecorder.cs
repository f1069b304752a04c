using Learn.Core.Data;
using Learn.Core.Hosting.Metrics;
using Learn.Core.Jobs;
using Microsoft.EntityFrameworkCore;
using Quartz;
using Quartz.Extensibility;

namespace Learn.Jobs.Scheduling;

/// <summary>
/// Keeps each finished firing as a <see cref="JobRun"/> row: Quartz's tables hold the next fire time but not
/// how the last run ended, and the admin site's 任务 page shows both. A failure to record never fails the job.
/// </summary>
public sealed class JobRunRecorder(IDbContextFactory<LearnDbContext> contexts, TimeProvider time, ILogger<JobRunRecorder> logger) : IJobListener
{
    /// <summary>JobDataMap key under which a run-now firing carries its <see cref="JobRunRequest"/> id.</summary>
    public const string RequestIdKey = "learn.run-request";

    public string Name => "learn-job-run-recorder";

    public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask JobProgressChanged(IJobExecutionContext context, FireInstanceProgress progress, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public async ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        var manual = context.MergedJobDataMap.TryGetString(SchedulerConstants.ManualTrigger, out var flag) && flag == "true";
        var requestId = context.MergedJobDataMap.TryGetString(RequestIdKey, out var text) && long.TryParse(text, out var id) ? id : (long?)null;
        var error = jobException?.InnerException?.Message ?? jobException?.Message;
        var run = new JobRun
        {
            Job = JobRun.KeyOf(context.JobDetail.Key.Group, context.JobDetail.Key.Name),
            ScheduledFor = manual ? null : context.ScheduledFireTimeUtc?.UtcDateTime,
            StartedAt = context.FireTimeUtc.UtcDateTime,
            FinishedAt = time.GetUtcNow().UtcDateTime,
            Node = context.Scheduler.SchedulerInstanceId,
            Succeeded = jobException is null,
            Error = error is null ? null : error.Length <= 1000 ? error : error[..1000],
            RequestId = requestId,
        };
        LearnMetrics.JobRuns.Add(1, LearnMetrics.Tag("job", run.Job));
        if (!run.Succeeded) LearnMetrics.JobFailures.Add(1, LearnMetrics.Tag("job", run.Job));
        try
        {
            await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
            db.Add(run);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            logger.LogWarning(ex, "Could not record the run of {Job}", run.Job);
        }
    }
}

using Quartz;
using Quartz.Extensibility;

namespace Learn.Jobs.Scheduling;

/// <summary>
/// One structured log line per finished firing: which job, for which scheduled time, on which node. With
/// clustering on, the same (job, scheduled time) on two nodes would be a double firing: operations and the
/// cluster tests look for exactly that.
/// </summary>
public sealed partial class JobRunLog(ILogger<JobRunLog> logger) : IJobListener
{
    public string Name => "learn-job-run-log";

    public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask JobProgressChanged(IJobExecutionContext context, FireInstanceProgress progress, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        JobRan(logger, context.JobDetail.Key.ToString(), context.ScheduledFireTimeUtc?.ToString("O") ?? "manual", context.Scheduler.SchedulerInstanceId,
            jobException is null ? "ok" : "failed", jobException);
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "job-run {Job} {ScheduledFireTime} {Node} {Outcome}")]
    private static partial void JobRan(ILogger logger, string job, string scheduledFireTime, string node, string outcome, Exception? exception);
}

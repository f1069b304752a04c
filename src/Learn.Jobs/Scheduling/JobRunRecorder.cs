using System.Globalization;
using Hangfire.Server;
using Learn.Core.Data;
using Learn.Core.Hosting.Metrics;
using Learn.Core.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Learn.Jobs.Scheduling;

/// <summary>
/// Keeps each finished run of a recurring job as a <see cref="JobRun"/> row and one structured log line: Hangfire
/// forgets succeeded jobs after a day, and the admin site's 任务 page shows the last outcome. With several nodes the
/// same (job, scheduled time) twice would be a double run: operations and the cluster tests look for exactly that.
/// A failure to record never fails the job.
/// </summary>
public sealed partial class JobRunRecorder(IDbContextFactory<LearnDbContext> contexts, TimeProvider time, ILogger<JobRunRecorder> logger) : IServerFilter
{
    /// <summary>Job parameter under which a 立即执行 run carries its <see cref="JobRunRequest"/> id.</summary>
    public const string RequestIdKey = "learn.run-request";
    private const string StartedKey = "learn.started";

    public void OnPerforming(PerformingContext context) => context.Items[StartedKey] = time.GetUtcNow().UtcDateTime;

    public void OnPerformed(PerformedContext context)
    {
        var job = context.GetJobParameter<string>("RecurringJobId");
        if (job is null) return; // a step of a chain, not one of the recurring jobs
        if (HandedBack(context))
        {
            // SIGTERM mid-run: Hangfire's worker puts the job back in its queue and another node runs (and records) it.
            JobHandedBack(logger, job, context.ServerId, context.BackgroundJob.Id);
            return;
        }
        var requestId = context.GetJobParameter<long?>(RequestIdKey);
        var slot = context.GetJobParameter<long?>("Time") is { } seconds ? DateTime.UnixEpoch.AddSeconds(seconds) : (DateTime?)null;
        // The innermost message: "P0001: …" from PostgreSQL, not EF's "see the inner exception".
        var error = context.Exception?.GetBaseException().Message;
        var run = new JobRun
        {
            Job = job,
            ScheduledFor = requestId is null ? slot : null,
            StartedAt = context.Items.TryGetValue(StartedKey, out var started) ? (DateTime)started : time.GetUtcNow().UtcDateTime,
            FinishedAt = time.GetUtcNow().UtcDateTime,
            Node = context.ServerId,
            Succeeded = context.Exception is null,
            Error = error is null ? null : error.Length <= 1000 ? error : error[..1000],
            RequestId = requestId,
        };
        JobRan(logger, job, requestId is null ? slot?.ToString("O", CultureInfo.InvariantCulture) ?? "manual" : "manual",
            context.ServerId, context.BackgroundJob.Id, run.Succeeded ? "ok" : "failed", context.Exception);
        LearnMetrics.JobRuns.Add(1, LearnMetrics.Tag("job", run.Job));
        if (!run.Succeeded) LearnMetrics.JobFailures.Add(1, LearnMetrics.Tag("job", run.Job));
        try
        {
            using var db = contexts.CreateDbContext();
            db.Add(run);
            db.SaveChanges(); // Hangfire's filters are synchronous
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            logger.LogWarning(ex, "Could not record the run of {Job}", run.Job);
        }
    }

    /// <summary>The job was cancelled because this node is stopping, which Hangfire treats as "requeue", not "failed".</summary>
    private static bool HandedBack(PerformedContext context)
    {
        if (!context.CancellationToken.ShutdownToken.IsCancellationRequested) return false;
        for (var e = context.Exception; e is not null; e = e.InnerException)
            if (e is OperationCanceledException) return true;
        return false;
    }

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "job-handed-back {Job} {Node} {HangfireJob}")]
    private static partial void JobHandedBack(ILogger logger, string job, string node, string hangfireJob);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "job-run {Job} {ScheduledFireTime} {Node} {HangfireJob} {Outcome}")]
    private static partial void JobRan(ILogger logger, string job, string scheduledFireTime, string node, string hangfireJob, string outcome, Exception? exception);
}

using Learn.Core.Data;
using Learn.Core.Jobs;
using Hangfire;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Learn.Jobs.Scheduling;

/// <summary>Bound from <c>Jobs:RunRequests</c>: how often a node looks for 立即执行 requests from the admin site.</summary>
public sealed class RunRequestOptions
{
    public const string Section = "Jobs:RunRequests";

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(3);
}

public sealed class RunRequestOptionsValidator : IValidateOptions<RunRequestOptions>
{
    public ValidateOptionsResult Validate(string? name, RunRequestOptions options) =>
        options.PollInterval > TimeSpan.Zero && options.PollInterval <= TimeSpan.FromMinutes(1)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{RunRequestOptions.Section}:PollInterval must be more than zero and at most one minute.");
}

/// <summary>
/// Turns the admin site's run-now rows into Hangfire jobs. A request is claimed with one conditional UPDATE, so of
/// several nodes exactly one enqueues it; the job carries the request id, which <see cref="JobRunRecorder"/> keeps
/// with the run. The admin site writes rows rather than enqueueing itself because it has no job types to enqueue
/// (no host references another; docs/decisions/0403).
/// </summary>
public sealed class RunRequestPoller(IDbContextFactory<LearnDbContext> contexts, IBackgroundJobClientV2 jobs, TimeProvider time,
    IOptions<RunRequestOptions> options, ILogger<RunRequestPoller> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Looking for run-now requests failed; trying again after the poll interval");
            }
            // Real time, not the business clock: this is a polling rate, not a schedule.
            await Task.Delay(options.Value.PollInterval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    public async Task RunOnceAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var pending = await db.Set<JobRunRequest>().AsNoTracking().Where(r => r.ClaimedAt == null).OrderBy(r => r.Id).Take(20).ToListAsync(ct);
        if (pending.Count == 0) return;
        foreach (var request in pending)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var id = JobRun.KeyOf(request.JobGroup, request.JobName);
            var entry = RecurringJobs.All.FirstOrDefault(e => e.Id == id);
            var claimedBy = entry is null ? Environment.MachineName : "pending";
            var claimed = await db.Set<JobRunRequest>().Where(r => r.Id == request.Id && r.ClaimedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.ClaimedAt, now).SetProperty(r => r.ClaimedBy, claimedBy), ct);
            if (claimed == 0) continue; // another node took it
            if (entry is null)
            {
                await db.Set<JobRunRequest>().Where(r => r.Id == request.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.Error, "任务不存在"), ct);
                continue;
            }
            var jobId = jobs.Create(entry.Job, new EnqueuedState(), new Dictionary<string, object>
            {
                ["RecurringJobId"] = entry.Id, // the dashboard links the run to its recurring job
                [JobRunRecorder.RequestIdKey] = request.Id,
            });
            await db.Set<JobRunRequest>().Where(r => r.Id == request.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.ClaimedBy, "Hangfire #" + jobId), ct);
            logger.LogInformation("Run-now request {Id} by {Organizer}: Hangfire job {HangfireJob} for {Job}", request.Id, request.RequestedByName, jobId, entry.Id);
        }
    }
}

public static class RunRequestRegistration
{
    /// <summary>The run-now poller and its options.</summary>
    public static IServiceCollection AddLearnRunRequests(this IServiceCollection services)
    {
        services.AddOptions<RunRequestOptions>().BindConfiguration(RunRequestOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RunRequestOptions>, RunRequestOptionsValidator>();
        services.AddHostedService<RunRequestPoller>();
        return services;
    }
}

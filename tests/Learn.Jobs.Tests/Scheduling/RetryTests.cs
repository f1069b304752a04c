using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Learn.Core.Contests;
using Learn.Core.Data;
using Learn.Core.Jobs;
using Learn.Core.Notifications;
using Learn.Core.Organizations;
using Learn.Jobs.Contests;
using Learn.Jobs.Scheduling;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.Jobs.Tests.Scheduling;

/// <summary>
/// Retries with back-off (docs/decisions/0403): every job carries Hangfire's <see cref="AutomaticRetryAttribute"/> with
/// 3 attempts after 1, 5 and 15 minutes, then Failed. The delays are attribute constants, so a test cannot shorten them;
/// it drives the real thing instead: the job really fails inside Hangfire's worker (a PostgreSQL trigger refuses the
/// insert it makes), Hangfire's retry filter really schedules it, the test reads the scheduled time, and then moves the
/// job from Scheduled to Enqueued itself — what Hangfire's delayed-job scheduler does when that time comes.
/// </summary>
public class RetryTests(JobsFactory factory) : IClassFixture<JobsFactory>
{
    [Fact]
    public void Every_job_and_chain_step_retries_three_times_after_1_5_and_15_minutes_then_fails()
    {
        var jobs = RecurringJobs.All.Select(e => e.Job).Concat(
        [
            Job.FromExpression<ContestClosingSteps>(s => s.CloseAsync(1, CancellationToken.None)),
            Job.FromExpression<ContestClosingSteps>(s => s.NotifyResultsAsync(1, CancellationToken.None)),
        ]);
        foreach (var job in jobs)
        {
            // The filters Hangfire itself would apply to this job (global ones included): exactly one retry rule.
            var retry = JobFilterProviders.Providers.GetFilters(job).Select(f => f.Instance).OfType<AutomaticRetryAttribute>().ShouldHaveSingleItem();
            retry.Attempts.ShouldBe(3, job.Type.Name);
            retry.DelaysInSeconds.ShouldBe([60, 300, 900], job.Type.Name);
            retry.OnAttemptsExceeded.ShouldBe(AttemptsExceededAction.Fail, job.Type.Name);
        }
    }

    [Fact]
    public async Task A_transient_failure_is_retried_by_Hangfire_and_the_retry_succeeds()
    {
        var contest = await ClosedContestAsync("重试成功竞赛");
        string jobId;
        await using (await FaultAsync(contest))
        {
            jobId = Trigger();
            var retry = await SettledAsync(jobId);
            retry.Name.ShouldBe(ScheduledState.StateName, retry.Reason);
            retry.Reason.ShouldContain("Retry attempt 1 of 3");
            DelayOf(retry).TotalSeconds.ShouldBe(60, 1);
        }
        Jobs.Requeue(jobId); // the minute has "passed"; the fault is gone

        (await SettledAsync(jobId)).Name.ShouldBe(SucceededState.StateName);
        (await factory.WithDbAsync(db => db.Set<NotificationCampaign>().CountAsync(c => c.Key == $"contest-result:{contest}"))).ShouldBe(1);
        var runs = await RunsAsync();
        runs.Count(r => !r.Succeeded).ShouldBeGreaterThanOrEqualTo(1);
        runs.Last().Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task A_job_that_keeps_failing_is_retried_after_1_5_and_15_minutes_and_then_shown_as_Failed_with_its_error()
    {
        var contest = await ClosedContestAsync("持续失败竞赛");
        await using var fault = await FaultAsync(contest);
        var before = (await RunsAsync()).Count;
        var jobId = Trigger();
        foreach (var (attempt, seconds) in new[] { (1, 60), (2, 300), (3, 900) })
        {
            var retry = await SettledAsync(jobId);
            retry.Name.ShouldBe(ScheduledState.StateName, retry.Reason);
            retry.Reason.ShouldContain($"Retry attempt {attempt} of 3");
            DelayOf(retry).TotalSeconds.ShouldBe(seconds, 1);
            Jobs.Requeue(jobId);
        }

        var failed = await SettledAsync(jobId);
        failed.Name.ShouldBe(FailedState.StateName);
        failed.Data["ExceptionDetails"].ShouldContain("simulated transient fault");
        // The dashboard's 失败 list shows it with its error.
        var listed = factory.Storage.GetMonitoringApi().FailedJobs(0, 50).Single(j => j.Key == jobId).Value;
        listed.ExceptionDetails.ShouldContain("simulated transient fault");
        // The 任务 page reads job_runs: one failed row per attempt, with the error.
        var runs = (await RunsAsync()).Skip(before).ToList();
        runs.Count.ShouldBe(4);
        runs.ShouldAllBe(r => !r.Succeeded && r.Error!.Contains("simulated transient fault"));
    }

    private IBackgroundJobClient Jobs => factory.Services.GetRequiredService<IBackgroundJobClient>();

    private string Trigger() =>
        factory.Services.GetRequiredService<IRecurringJobManagerV2>().TriggerJob(ContestLifecycleJob.Id) ?? throw new InvalidOperationException("no recurring job");

    /// <summary>A contest closed an hour ago whose results are not queued yet: the lifecycle job's re-check queues them.</summary>
    private Task<long> ClosedContestAsync(string title) => factory.WithDbAsync(async db =>
    {
        var org = await db.AddOrganizationAsync(title + "党支部", OrganizationKind.Branch);
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var contest = new Contest
        {
            Title = title, Mode = ContestMode.Timed, StartsAt = now.AddDays(-2), EndsAt = now.AddHours(-1), ClosedAt = now.AddHours(-1),
            OrganizationId = org.Id, OrganizationPath = org.Path, AudiencePaths = "|" + org.Path + "|", EasyCount = 5, CreatedAt = now.AddDays(-3),
        };
        db.Add(contest);
        await db.SaveChangesAsync();
        return contest.Id;
    });

    /// <summary>Until disposed, PostgreSQL refuses the contest's results campaign, as a database fail-over would.</summary>
    private async Task<IAsyncDisposable> FaultAsync(long contest)
    {
        var name = $"learn_test_fault_{contest}";
        await factory.WithDbAsync(async db =>
        {
            var table = db.Model.FindEntityType(typeof(NotificationCampaign))!.GetTableName();
            var key = db.Model.FindEntityType(typeof(NotificationCampaign))!.FindProperty(nameof(NotificationCampaign.Key))!.GetColumnName();
            var create = $"""
                CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'simulated transient fault'; END $$;
                CREATE TRIGGER {name} BEFORE INSERT ON {table} FOR EACH ROW WHEN (NEW.{key} = 'contest-result:{contest}') EXECUTE FUNCTION {name}();
                """;
            await db.Database.ExecuteSqlRawAsync(create); // names made here from an id, not input
            return 0;
        });
        var drop = $"DROP FUNCTION {name} CASCADE";
        return new Fault(() => factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(drop)));
    }

    private sealed class Fault(Func<Task> remove) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await remove();
    }

    /// <summary>Waits until the job has left Enqueued/Processing, and returns the state it reached.</summary>
    private async Task<Hangfire.Storage.StateData> SettledAsync(string jobId)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using (var connection = factory.Storage.GetConnection())
            {
                var state = connection.GetStateData(jobId);
                if (state is not null && state.Name != EnqueuedState.StateName && state.Name != ProcessingState.StateName) return state;
            }
            if (DateTime.UtcNow > until) throw new TimeoutException($"Hangfire job {jobId} did not run within a minute.");
            await Task.Delay(50); // polling Hangfire for an outcome
        }
    }

    private static TimeSpan DelayOf(Hangfire.Storage.StateData scheduled) =>
        JobHelper.DeserializeDateTime(scheduled.Data["EnqueueAt"]) - JobHelper.DeserializeDateTime(scheduled.Data["ScheduledAt"]);

    private Task<List<JobRun>> RunsAsync() => factory.WithDbAsync(db =>
        db.Set<JobRun>().AsNoTracking().Where(r => r.Job == JobIds.ContestLifecycle).OrderBy(r => r.Id).ToListAsync());
}

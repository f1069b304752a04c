using Hangfire;
using Hangfire.Common;
using Learn.Core;
using Learn.Core.Jobs;
using Learn.Jobs.Birthdays;
using Learn.Jobs.Contests;
using Learn.Jobs.Holidays;
using Learn.Jobs.Study;
using Learn.Jobs.Terms;
using Microsoft.Extensions.Options;

namespace Learn.Jobs.Scheduling;

/// <summary>
/// The six recurring jobs, written to Hangfire's storage at every start. Hangfire's <c>AddOrUpdate</c> keeps the
/// stored next run unless the cron or time zone changed, so a node joining or restarting never re-arms a slot
/// another node has just run, and a slot missed while every node was down runs once on return (Relaxed misfire).
/// </summary>
public sealed class RecurringJobs(IRecurringJobManager manager, IOptions<JobsOptions> options, ILogger<RecurringJobs> logger) : IHostedService
{
    public sealed record Entry(string Id, Job Job, Func<JobsOptions, DailyJobOptions> Settings);

    // CancellationToken.None is Hangfire's placeholder: the worker passes its own token.
    public static IReadOnlyList<Entry> All { get; } =
    [
        new(PoliticalBirthdayJob.Id, Job.FromExpression<PoliticalBirthdayJob>(j => j.RunAsync(CancellationToken.None)), o => o.PoliticalBirthdays),
        new(HolidayNoticeJob.Id, Job.FromExpression<HolidayNoticeJob>(j => j.RunAsync(CancellationToken.None)), o => o.HolidayNotices),
        new(DailyArticlePushJob.Id, Job.FromExpression<DailyArticlePushJob>(j => j.RunAsync(CancellationToken.None)), o => o.DailyArticlePush),
        new(TermReminderJob.Id, Job.FromExpression<TermReminderJob>(j => j.RunAsync(CancellationToken.None)), o => o.TermReminders),
        new(ContestLifecycleJob.Id, Job.FromExpression<ContestLifecycleJob>(j => j.RunAsync(CancellationToken.None)), o => o.ContestLifecycle),
        new(ContestReminderJob.Id, Job.FromExpression<ContestReminderJob>(j => j.RunAsync(CancellationToken.None)), o => o.ContestReminders),
    ];

    /// <summary>The options every recurring job is written with: Asia/Shanghai, one run for any number of missed slots.</summary>
    public static RecurringJobOptions Options { get; } = new() { TimeZone = Shanghai.Zone, MisfireHandling = MisfireHandlingMode.Relaxed };

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var entry in All)
        {
            var cron = entry.Settings(options.Value).CronExpression();
            await AddOrUpdateAsync(entry, cron, cancellationToken);
            logger.LogDebug("Recurring job {Job}: {Cron} Asia/Shanghai", entry.Id, cron);
        }
    }

    /// <summary>
    /// A node killed while it held a recurring job's lock (PostgreSQL: a lease, never renewed) leaves it taken until the
    /// lease expires after <c>Jobs:Scheduler:DistributedLockTimeout</c>; Hangfire's own wait for it is shorter, so a node
    /// restarted at once failed to start. It waits for the lease instead: ready a little later, by itself.
    /// </summary>
    private async Task AddOrUpdateAsync(Entry entry, string cron, CancellationToken ct)
    {
        var limit = options.Value.Scheduler.DistributedLockTimeout + TimeSpan.FromSeconds(30);
        var waiting = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                manager.AddOrUpdate(entry.Id, entry.Job, cron, Options);
                return;
            }
            catch (Exception ex) when (IsLockTimeout(ex) && waiting.Elapsed < limit)
            {
                logger.LogWarning("Recurring job {Job}: its lock is still held (a node stopped while holding it?); waiting for the lease to expire", entry.Id);
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
    }

    private static bool IsLockTimeout(Exception ex) =>
        ex is Hangfire.Storage.DistributedLockTimeoutException or Hangfire.PostgreSql.PostgreSqlDistributedLockException;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

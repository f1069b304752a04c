using Microsoft.Extensions.Options;
using Quartz;

namespace Learn.Jobs.Scheduling;

/// <summary>
/// Brings the stored triggers in line with the configured ones, touching only those whose schedule changed.
/// Quartz's own default replaces every declared trigger at each node's start; in a running cluster that
/// replacement reads the old trigger, and if the other node fires it meanwhile, writes the stale next fire
/// time back, so that slot fires twice (seen in ClusterTests). Declared triggers are therefore only added
/// when missing (<c>IgnoreDuplicates</c>, see <see cref="SchedulerSetup"/>) and replaced here when their cron,
/// time zone or misfire rule differ — a deliberate configuration change, not every restart. An unchanged
/// trigger keeps its state, so a slot missed while every node was down still fires once (FireAndProceed).
/// </summary>
public sealed class TriggerSync(ISchedulerFactory factory, IOptions<JobsOptions> options, ILogger<TriggerSync> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        foreach (var key in SchedulerSetup.Schedules.Keys)
        {
            // Starting now: a changed schedule begins with its next slot rather than replaying one from before the change.
            var wanted = (ICronTrigger)TriggerBuilder.Create().WithIdentity(SchedulerSetup.TriggerOf(key)).ForJob(key)
                .WithSchedule(SchedulerSetup.ScheduleOf(key, options.Value)).StartNow().Build();
            if (await scheduler.GetTrigger(wanted.Key, cancellationToken) is not ICronTrigger stored || SameSchedule(stored, wanted)) continue;
            await scheduler.RescheduleJob(wanted.Key, wanted, cancellationToken);
            logger.LogInformation("Trigger {Trigger} rescheduled: {Old} → {New} ({Zone})", wanted.Key, stored.CronExpressionString, wanted.CronExpressionString, wanted.TimeZone.Id);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static bool SameSchedule(ICronTrigger stored, ICronTrigger wanted) =>
        stored.CronExpressionString == wanted.CronExpressionString
        && stored.TimeZone.Id == wanted.TimeZone.Id
        && stored.MisfireInstruction == wanted.MisfireInstruction
        && stored.JobKey.Equals(wanted.JobKey);
}

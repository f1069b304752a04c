using Learn.Jobs.Birthdays;
using Learn.Jobs.Scheduling;
using Learn.Jobs.Terms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace Learn.Jobs.Tests.Scheduling;

public class TriggerSyncTests(JobsFactory factory) : IClassFixture<JobsFactory>
{
    [Fact]
    public async Task At_start_a_stored_trigger_with_an_old_schedule_takes_the_configured_one_and_an_unchanged_trigger_is_left_alone()
    {
        var scheduler = await factory.SchedulerAsync();
        var birthdays = SchedulerSetup.TriggerOf(PoliticalBirthdayJob.Key);
        var terms = SchedulerSetup.TriggerOf(TermReminderJob.Key);
        // What an earlier deployment, which sent the greetings at 07:00, left in the store.
        await scheduler.RescheduleJob(birthdays, TriggerBuilder.Create().WithIdentity(birthdays).ForJob(PoliticalBirthdayJob.Key)
            .WithCronSchedule("0 0 7 * * ?", c => c.InTimeZone(Shanghai.Zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)).Build());
        var termsBefore = (await scheduler.GetTrigger(terms))!;

        await factory.Services.GetServices<IHostedService>().OfType<TriggerSync>().Single().StartAsync(CancellationToken.None);

        ((ICronTrigger)(await scheduler.GetTrigger(birthdays))!).CronExpressionString.ShouldBe("0 0 8 * * ?");
        var termsAfter = (await scheduler.GetTrigger(terms))!;
        termsAfter.StartTimeUtc.ShouldBe(termsBefore.StartTimeUtc, "an unchanged trigger is not replaced");
        termsAfter.NextFireTimeUtc.ShouldBe(termsBefore.NextFireTimeUtc);
    }
}

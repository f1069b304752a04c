using Learn.Core.Contests;
using Learn.Core.Data;
using Learn.Core.Hosting;
using Learn.Core.Study;
using Learn.Jobs.Birthdays;
using Learn.Jobs.Contests;
using Learn.Jobs.Holidays;
using Learn.Jobs.Study;
using Learn.Jobs.Terms;
using Microsoft.Extensions.Options;
using Quartz;

namespace Learn.Jobs.Scheduling;

/// <summary>
/// Quartz with its store in the project's database: clustered on PostgreSQL, single-node on SQLite (which
/// refuses clustering). Triggers are declared here with explicit identities; times come from <see cref="JobsOptions"/>.
/// </summary>
public static class SchedulerSetup
{
    public static WebApplicationBuilder AddLearnScheduler(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<JobsOptions>, JobsOptionsValidator>();
        services.AddContests(); // ContestLifecycle and what it needs
        services.AddLearnStudy(); // TodayArticles

        var configuration = builder.Configuration;
        var provider = configuration.GetValue<DatabaseProvider?>($"{DatabaseOptions.Section}:Provider") ?? DatabaseProvider.Sqlite;
        var connectionString = configuration.GetConnectionString("Learn") ?? "";
        var settings = configuration.GetSection($"{JobsOptions.Section}:Scheduler").Get<SchedulerSettings>() ?? new SchedulerSettings();

        builder.AddQuartz(q =>
        {
            // Clustering derives a unique instance id per node; the name is what the nodes share.
            q.ConfigureScheduler(o => o.InstanceName = "learn-jobs");
            q.UseDefaultThreadPool(Math.Clamp(settings.ThreadCount, 1, 50));
            // Jobs and triggers declared in code are rewritten at every start; without this a slot missed
            // while every node was down would be lost even with FireAndProceed (quartz-notes.md).
            q.ConfigureOptions<QuartzOptions>(o => o.Scheduling.ScheduleTriggerRelativeToReplacedTrigger = true);
            q.UsePersistentStore(store =>
            {
                store.UseSystemTextJsonSerializer();
                store.ProvisionSchema();
                if (provider == DatabaseProvider.Postgres)
                {
                    store.UsePostgres(connectionString);
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = settings.CheckinInterval;
                        c.CheckinMisfireThreshold = settings.CheckinMisfireThreshold;
                    });
                }
                else
                {
                    store.UseSqlite(connectionString);
                }
            });

            Daily<PoliticalBirthdayJob>(q, PoliticalBirthdayJob.Key, o => o.PoliticalBirthdays);
            Daily<HolidayNoticeJob>(q, HolidayNoticeJob.Key, o => o.HolidayNotices);
            Daily<TermReminderJob>(q, TermReminderJob.Key, o => o.TermReminders);
            Daily<ContestLifecycleJob>(q, ContestLifecycleJob.Key, o => o.ContestLifecycle);
            Daily<ContestReminderJob>(q, ContestReminderJob.Key, o => o.ContestReminders);
            Daily<DailyArticlePushJob>(q, DailyArticlePushJob.Key, o => o.DailyArticlePush);
            q.AddJobListener<JobRunLog>();
            q.AddJobListener<JobRunRecorder>(); // outcomes for the admin site's 任务 page
            q.AddQuartzHealthChecks(h => h.Tags.Add(LearnServiceDefaults.ReadyTag));
        });
        builder.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddLearnRunRequests(); // 立即执行 from the admin site (docs/decisions/0602)
        return builder;
    }

    public static TriggerKey TriggerOf(JobKey job) => new(job.Name + "-daily", job.Group);

    private static void Daily<T>(IQuartzBuilder q, JobKey key, Func<JobsOptions, DailyJobOptions> select) where T : IJob
    {
        q.ScheduleJob<T>(
            (sp, trigger) =>
            {
                var daily = select(sp.GetRequiredService<IOptions<JobsOptions>>().Value);
                trigger.WithIdentity(TriggerOf(key))
                    .WithCronSchedule(daily.CronExpression(), c => c
                        .InTimeZone(Shanghai.Zone)
                        .WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed));
            },
            (_, job) => job.WithIdentity(key));
    }
}

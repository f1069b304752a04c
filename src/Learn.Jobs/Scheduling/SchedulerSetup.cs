using Learn.Core.Contests;
using Learn.Core.Data;
using Learn.Core.Hosting;
using Learn.Core.Study;
using Learn.Jobs.Birthdays;
using Learn.Jobs.Contests;
using Learn.Jobs.Holidays;
using Learn.Jobs.Notifications;
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
    /// <summary>The scheduler's name in Quartz's tables (sched_name); Learn.Admin reads its rows by it.</summary>
    public const string SchedulerName = "learn-jobs";

    public static WebApplicationBuilder AddLearnScheduler(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<JobsOptions>, JobsOptionsValidator>();
        services.AddContests(); // ContestLifecycle and what it needs
        services.AddLearnStudy(); // TodayArticles
        // The rules that list the recipients of the jobs' larger campaigns, for the dispatcher's expander.
        services.AddSingleton<IRecipientSource, BirthdayGreetingRecipients>();
        services.AddSingleton<IRecipientSource, DailyArticleRecipients>();
        services.AddSingleton<IRecipientSource, ContestResultRecipients>();
        services.AddSingleton<IRecipientSource, ContestReminderRecipients>();

        var configuration = builder.Configuration;
        var provider = configuration.GetValue<DatabaseProvider?>($"{DatabaseOptions.Section}:Provider") ?? DatabaseProvider.Sqlite;
        var connectionString = configuration.GetConnectionString("Learn") ?? "";
        var settings = configuration.GetSection($"{JobsOptions.Section}:Scheduler").Get<SchedulerSettings>() ?? new SchedulerSettings();

        builder.AddQuartz(q =>
        {
            // Clustering derives a unique instance id per node; the name is what the nodes share.
            q.ConfigureScheduler(o => o.InstanceName = SchedulerName);
            q.UseDefaultThreadPool(Math.Clamp(settings.ThreadCount, 1, 50));
            // Declared triggers are added when missing and otherwise left to TriggerSync, which replaces only
            // changed ones: replacing them at every start could re-arm a slot another node had just fired.
            q.ConfigureOptions<QuartzOptions>(o => o.Scheduling.IgnoreDuplicates = true);
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

            Daily<PoliticalBirthdayJob>(q, PoliticalBirthdayJob.Key);
            Daily<HolidayNoticeJob>(q, HolidayNoticeJob.Key);
            Daily<TermReminderJob>(q, TermReminderJob.Key);
            Daily<ContestLifecycleJob>(q, ContestLifecycleJob.Key);
            Daily<ContestReminderJob>(q, ContestReminderJob.Key);
            Daily<DailyArticlePushJob>(q, DailyArticlePushJob.Key);
            q.AddJobListener<JobRunLog>();
            q.AddJobListener<JobRunRecorder>(); // outcomes for the admin site's 任务 page
            q.AddQuartzHealthChecks(h => h.Tags.Add(LearnServiceDefaults.ReadyTag));
        });
        builder.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddHostedService<TriggerSync>(); // after Quartz's hosted service: the scheduler exists by then
        services.AddLearnRunRequests(); // 立即执行 from the admin site (docs/decisions/0602)
        return builder;
    }

    public static TriggerKey TriggerOf(JobKey job) => new(job.Name + "-daily", job.Group);

    /// <summary>Each job's daily settings: the trigger declared here and the one <see cref="TriggerSync"/> compares with the store.</summary>
    internal static readonly IReadOnlyDictionary<JobKey, Func<JobsOptions, DailyJobOptions>> Schedules = new Dictionary<JobKey, Func<JobsOptions, DailyJobOptions>>
    {
        [PoliticalBirthdayJob.Key] = o => o.PoliticalBirthdays,
        [HolidayNoticeJob.Key] = o => o.HolidayNotices,
        [TermReminderJob.Key] = o => o.TermReminders,
        [ContestLifecycleJob.Key] = o => o.ContestLifecycle,
        [ContestReminderJob.Key] = o => o.ContestReminders,
        [DailyArticlePushJob.Key] = o => o.DailyArticlePush,
    };

    /// <summary>The schedule of <paramref name="key"/>: its cron in Asia/Shanghai, a missed slot fired once on recovery.</summary>
    internal static CronScheduleBuilder ScheduleOf(JobKey key, JobsOptions options) =>
        CronScheduleBuilder.Create(Schedules[key](options).CronExpression())
            .InTimeZone(Shanghai.Zone)
            .WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed);

    private static void Daily<T>(IQuartzBuilder q, JobKey key) where T : IJob =>
        q.ScheduleJob<T>(
            (sp, trigger) => trigger.WithIdentity(TriggerOf(key)).WithSchedule(ScheduleOf(key, sp.GetRequiredService<IOptions<JobsOptions>>().Value)),
            (_, job) => job.WithIdentity(key));
}

using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
using Learn.Core.Contests;
using Learn.Core.Data;
using Learn.Core.Hosting;
using Learn.Core.Jobs;
using Learn.Core.Study;
using Learn.Jobs.Birthdays;
using Learn.Jobs.Contests;
using Learn.Jobs.Notifications;
using Learn.Jobs.Study;
using Microsoft.Extensions.Options;

namespace Learn.Jobs.Scheduling;

/// <summary>
/// Learn.Jobs is the Hangfire server: PostgreSQL storage (several nodes) in production, a SQLite file on the
/// embedded default (this process alone, see <see cref="SingleServerGuard"/>). The recurring jobs are declared in
/// <see cref="RecurringJobs"/> and written to the storage at start (docs/decisions/0403).
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
        services.AddScoped<ContestClosingSteps>(); // the contest lifecycle job enqueues its steps
        // The rules that list the recipients of the jobs' larger campaigns, for the dispatcher's expander.
        services.AddSingleton<IRecipientSource, BirthdayGreetingRecipients>();
        services.AddSingleton<IRecipientSource, DailyArticleRecipients>();
        services.AddSingleton<IRecipientSource, ContestResultRecipients>();
        services.AddSingleton<IRecipientSource, ContestReminderRecipients>();

        // Per host, not Hangfire's statics: two hosts in one test process must not run each other's jobs.
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddSingleton<JobRunRecorder>();
        services.AddSingleton<IJobFilterProvider>(sp =>
            new JobFilterProviderCollection(JobFilterProviders.Providers, new JobFilterCollection { sp.GetRequiredService<JobRunRecorder>() }));
        services.AddLearnHangfireStorage();

        var provider = builder.Configuration.GetValue<DatabaseProvider?>($"{DatabaseOptions.Section}:Provider") ?? DatabaseProvider.Sqlite;
        // Hosted services start in this order: the guard refuses a second server before this one starts.
        if (provider == DatabaseProvider.Sqlite) services.AddHostedService<SingleServerGuard>();
        services.AddHostedService<RecurringJobs>();
        services.AddHangfireServer((sp, o) =>
        {
            var s = sp.GetRequiredService<IOptions<JobsOptions>>().Value.Scheduler;
            o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
            o.WorkerCount = s.WorkerCount;
            o.SchedulePollingInterval = s.SchedulePollingInterval;
            o.ServerCheckInterval = TimeSpan.FromSeconds(30);
            o.ServerTimeout = TimeSpan.FromMinutes(1); // a killed node leaves the server list within a minute
            o.HeartbeatInterval = TimeSpan.FromSeconds(10);
        });
        services.AddHealthChecks().AddCheck<HangfireHealthCheck>("hangfire", tags: [LearnServiceDefaults.ReadyTag]);
        services.AddLearnRunRequests(); // 立即执行 from the admin site (docs/decisions/0403)
        return builder;
    }
}

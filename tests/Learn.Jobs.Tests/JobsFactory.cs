using FakeWeChat;
using Learn.Core.Notifications;
using Learn.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Learn.Jobs.Birthdays;
using Learn.Jobs.Scheduling;
using Quartz;

namespace Learn.Jobs.Tests;

/// <summary>
/// Learn.Jobs in process: the real Quartz scheduler (clustered store in a fresh PostgreSQL database), the
/// real dispatcher, Learn.WeChat pointed at a <see cref="FakeWeChatServer"/>, and a <see cref="TestClock"/>.
/// </summary>
public class JobsFactory : LearnWebFactory<Program>
{
    public FakeWeChatServer WeChat { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        WeChat = await FakeWeChatServer.StartAsync();
        await base.InitializeAsync();
        // The test clock jumps across the jobs' daily times (a contest test sits on 10:00, when reminders are
        // due), and Quartz reads that clock: a scheduled firing in the middle of a test's arrange step acted on
        // half-written data (ContestJobsTests' and HolidayNoticeJobTests' flakes). Tests fire jobs on demand
        // (RunJobAsync: a manual trigger in Quartz's own group), so the declared triggers are paused; their
        // schedules are checked as data (The_birthday_trigger_fires_daily_…) and fire for real in the process tests.
        var scheduler = await SchedulerAsync();
        await scheduler.PauseTriggerGroups(GroupMatcher<TriggerKey>.GroupEquals(SchedulerSetup.TriggerOf(PoliticalBirthdayJob.Key).Group));
    }

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        foreach (var (key, value) in WeChat.Configuration()) settings[key] = value;
        foreach (var (key, value) in TestTemplates.Settings()) settings[key] = value;
        settings["Notifications:Dispatcher:PollInterval"] = "00:00:00.100";
        settings["Notifications:Dispatcher:GlobalPerSecond"] = "1000";
        settings["Notifications:Dispatcher:DefaultPerTemplatePerSecond"] = "1000";
        settings["Logging:LogLevel:Learn.Jobs.Notifications"] = "Information";
    }

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        builder.UseEnvironment("Test"); // appsettings.json only, not the embedded default's demo settings
        // The scheduler's store is chosen while the host is being built, before app configuration from the
        // factory applies; host settings are visible that early.
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        base.ConfigureWebHost(builder);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await WeChat.DisposeAsync();
    }

    public Task<IScheduler> SchedulerAsync() => Services.GetRequiredService<ISchedulerFactory>().GetScheduler().AsTask();

    /// <summary>Fires <paramref name="job"/> now through the scheduler and waits until that firing has finished.</summary>
    public async Task RunJobAsync(JobKey job)
    {
        var scheduler = await SchedulerAsync();
        var done = new JobDone(job);
        scheduler.ListenerManager.AddJobListener(done);
        try
        {
            await scheduler.TriggerJob(job, new JobDataMap { [JobDone.TokenKey] = done.Token });
            await done.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            scheduler.ListenerManager.RemoveJobListener(done.Name);
        }
    }

    /// <summary>The outbox as text, for failure messages.</summary>
    public Task<string> OutboxDumpAsync() => WithDbAsync(async db => string.Join('\n',
        (await db.Set<OutboxMessage>().OrderBy(m => m.Id).ToListAsync())
            .Select(m => $"{m.Id} c{m.CampaignId} m{m.MemberId} {m.Template} {m.State} via={m.SentVia} reason={m.FinalReason} err={m.ErrorCode} attempts={m.Attempts}"))
        + "\nfake: " + string.Join(", ", WeChat.Requests.Select(r => r.ToString())));

    /// <summary>Waits until the outbox has nothing due: every row final, or waiting for a later attempt.</summary>
    public async Task OutboxSettledAsync(TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var now = Clock.GetUtcNow().UtcDateTime;
            // Campaigns first: a batch's rows and its campaign's Ready commit together, so a campaign seen Ready
            // has its rows visible to the next query. Counting rows first could miss a batch committed between
            // the two queries and report a campaign that was never sent as settled (HolidayNoticeJobTests' flake).
            var busy = await WithDbAsync(async db =>
            {
                var expanding = await db.Set<NotificationCampaign>().CountAsync(c => c.State == CampaignState.Expanding);
                return expanding + await db.Set<OutboxMessage>().CountAsync(m => m.State == OutboxState.Claimed || m.State == OutboxState.Sending
                    || (m.State == OutboxState.Pending && m.NextAttemptAt <= now));
            });
            if (busy == 0) return;
            if (DateTime.UtcNow > until) throw new TimeoutException($"{busy} outbox row(s) still due.");
            await Task.Delay(50); // polling for an outcome, not waiting for a schedule
        }
    }
}

using FakeWeChat;
using Learn.Core.Notifications;
using Learn.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Hangfire;
using Hangfire.Storage;
using Learn.Core.Jobs;

namespace Learn.Jobs.Tests;

/// <summary>
/// Learn.Jobs in process: the real Hangfire server (PostgreSQL storage in a fresh database), the real dispatcher,
/// Learn.WeChat pointed at a <see cref="FakeWeChatServer"/>, and a <see cref="TestClock"/> for the jobs' business time.
/// </summary>
public class JobsFactory : LearnWebFactory<Program>
{
    public FakeWeChatServer WeChat { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        WeChat = await FakeWeChatServer.StartAsync();
        await base.InitializeAsync();
    }

    /// <summary>A cron that never comes (31 February).</summary>
    public const string Never = "0 0 31 2 *";

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        foreach (var (key, value) in WeChat.Configuration()) settings[key] = value;
        foreach (var (key, value) in TestTemplates.Settings()) settings[key] = value;
        settings["Notifications:Dispatcher:PollInterval"] = "00:00:00.100";
        settings["Notifications:Dispatcher:GlobalPerSecond"] = "1000";
        settings["Notifications:Dispatcher:DefaultPerTemplatePerSecond"] = "1000";
        settings["Logging:LogLevel:Learn.Jobs.Notifications"] = "Information";
        // Hangfire schedules by the real clock, and a scheduled run in the middle of a test's arrange step would act on
        // half-written data: tests run jobs through TriggerJob (RunJobAsync) and check schedules as computations.
        foreach (var job in new[] { "PoliticalBirthdays", "HolidayNotices", "TermReminders", "ContestLifecycle", "ContestReminders", "DailyArticlePush" })
            settings[$"Jobs:{job}:Cron"] = Never;
        settings["Jobs:Scheduler:QueuePollInterval"] = "00:00:00.200";
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

    public JobStorage Storage => Services.GetRequiredService<JobStorage>();

    /// <summary>
    /// Runs recurring job <paramref name="id"/> now through Hangfire's own trigger and waits for its outcome and for
    /// the jobs it started (the closing chain's steps), so a test's next check sees their work too.
    /// </summary>
    public async Task RunJobAsync(string id)
    {
        var jobId = Services.GetRequiredService<IRecurringJobManagerV2>().TriggerJob(id) ?? throw new InvalidOperationException($"No recurring job {id}.");
        await JobFinishedAsync(Storage, jobId, TimeSpan.FromSeconds(60));
        await JobsIdleAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>
    /// Waits until Hangfire has no job enqueued, processing or awaiting a parent. A job that only enqueues others (the
    /// lifecycle job starting a close, whose result notices are its continuation) succeeds before they run: waiting
    /// for the trigger alone let ContestJobsTests read the outbox before the notices were written (a CI flake).
    /// </summary>
    public async Task JobsIdleAsync(TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            await using var connection = new Npgsql.NpgsqlConnection(DatabaseConnectionString);
            await connection.OpenAsync();
            await using var count = new Npgsql.NpgsqlCommand(
                "SELECT count(*) FROM hangfire.job WHERE statename IN ('Enqueued', 'Processing', 'Awaiting')", connection);
            var busy = (long)(await count.ExecuteScalarAsync())!;
            if (busy == 0) return;
            if (DateTime.UtcNow > until) throw new TimeoutException($"{busy} Hangfire job(s) still enqueued, processing or awaiting.");
            await Task.Delay(50); // polling Hangfire for an outcome, not waiting for a schedule
        }
    }

    /// <summary>Waits until Hangfire job <paramref name="jobId"/> succeeded; throws with its error when it failed.</summary>
    public static async Task JobFinishedAsync(JobStorage storage, string jobId, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            using (var connection = storage.GetConnection())
            {
                var state = connection.GetStateData(jobId);
                if (state?.Name == "Succeeded") return;
                // A failed attempt goes to Scheduled (a retry, the error in its reason) or, at the end, to Failed.
                if (state?.Name == "Scheduled") throw new InvalidOperationException($"Job {jobId} failed: {state.Reason}");
                if (state?.Name == "Failed")
                    throw new InvalidOperationException($"Job {jobId} failed: {(state.Data.TryGetValue("ExceptionDetails", out var details) ? details : state.Reason)}");
            }
            if (DateTime.UtcNow > until) throw new TimeoutException($"Hangfire job {jobId} did not finish within {timeout}.");
            await Task.Delay(50); // polling Hangfire for an outcome, not waiting for a schedule
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

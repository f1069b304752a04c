using Hangfire;
using Learn.Core.Contests;
using Learn.Core.Data;
using Learn.Core.Notifications;
using Learn.Jobs.Notifications;
using Learn.Core;
using Learn.Core.Jobs;
using Learn.Jobs.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Learn.Jobs.Contests;

/// <summary>
/// Daily at the configured time: for each open contest that closes tomorrow (Shanghai), reminds the members
/// in its audience (organisation subtrees and whitelist) who have not taken part yet. One campaign per contest;
/// the dispatcher lists and writes the members (<see cref="ContestReminderRecipients"/>).
/// </summary>
// Retried for transient faults, capped so a daily notice is at most ~20 minutes late; then Failed, with its error,
// on the dashboard and the 任务 page (docs/decisions/0403). One run at a time across nodes.
[AutomaticRetry(Attempts = JobPolicy.Attempts, DelaysInSeconds = new[] { JobPolicy.FirstDelay, JobPolicy.SecondDelay, JobPolicy.ThirdDelay }, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
[DisableConcurrentExecution(JobPolicy.LockWaitSeconds)]
public sealed class ContestReminderJob(LearnDbContext db, TimeProvider time, IOptions<JobsOptions> options,
    ILogger<ContestReminderJob> logger)
{
    public const string Id = JobIds.ContestReminders;
    public const string Template = "ContestReminder";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.ContestReminders.Enabled) return;
        var now = time.GetUtcNow().UtcDateTime;
        var tomorrow = Shanghai.Today(time).AddDays(1);
        var from = Shanghai.At(tomorrow, TimeOnly.MinValue).UtcDateTime;
        var to = from.AddDays(1);
        var closing = await db.Set<Contest>().AsNoTracking()
            .Where(c => c.ClosedAt == null && c.StartsAt <= now && c.EndsAt >= from && c.EndsAt < to).ToListAsync(cancellationToken);
        foreach (var contest in closing)
        {
            var data = new Dictionary<string, string>
            {
                ["contest"] = MessageText.Fit(contest.Title),
                ["endsAt"] = TimeZoneInfo.ConvertTimeFromUtc(contest.EndsAt, Shanghai.Zone).ToString("yyyy年M月d日 HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                ["note"] = "竞赛明天截止，别错过",
            };
            var spec = new CampaignSpec($"contest-reminder:{contest.Id}", $"{contest.Title} 截止提醒", Template, NotificationChannel.MiniProgramSubscribe);
            if (await Outbox.CreateStreamedAsync(db, spec, ContestReminderRecipients.SourceName, new ContestRef(contest.Id).ToJson(), data, now, cancellationToken) is not null)
                logger.LogInformation("Contest {Contest} closes tomorrow: members who have not taken part will be reminded", contest.Id);
        }
    }
}

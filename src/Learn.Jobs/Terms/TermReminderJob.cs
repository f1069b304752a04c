using Hangfire;
using System.Globalization;
using Learn.Core.Data;
using Learn.Core.Notifications;
using Learn.Core.Organizations;
using Learn.Core.Organizers;
using Learn.Jobs.Notifications;
using Learn.Core;
using Learn.Core.Jobs;
using Learn.Jobs.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Learn.Jobs.Terms;

/// <summary>
/// Daily: organisations whose term (届期) ends within the configured days get one 换届 reminder per term, sent
/// to the organisation admin nearest above them (their own, else their parent's, …).
/// </summary>
// Retried for transient faults, capped so a daily notice is at most ~20 minutes late; then Failed, with its error,
// on the dashboard and the 任务 page (docs/decisions/0403). One run at a time across nodes.
[AutomaticRetry(Attempts = JobPolicy.Attempts, DelaysInSeconds = new[] { JobPolicy.FirstDelay, JobPolicy.SecondDelay, JobPolicy.ThirdDelay }, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
[DisableConcurrentExecution(JobPolicy.LockWaitSeconds)]
public sealed class TermReminderJob(LearnDbContext db, TimeProvider time, IOptions<JobsOptions> options,
    ILogger<TermReminderJob> logger)
{
    public const string Id = JobIds.TermReminders;
    public const string Template = "TermReminder";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value.TermReminders;
        if (!settings.Enabled) return;
        var today = Shanghai.Today(time);
        var until = today.AddDays(settings.WithinDays);
        var ending = await db.Organizations.AsNoTracking()
            .Where(o => o.TermEnd != null && o.TermEnd >= today && o.TermEnd <= until)
            .ToListAsync(cancellationToken);
        if (ending.Count == 0) return;

        var admins = await db.OrganizerAccounts.AsNoTracking()
            .Where(a => a.IsActive && a.Role == OrganizerRole.OrganizationAdmin && a.MemberId != null && a.OrganizationId != null)
            .Select(a => new { a.MemberId, a.Organization!.Path })
            .ToListAsync(cancellationToken);
        foreach (var org in ending)
        {
            var nearest = admins.Where(a => org.IsWithin(a.Path)).GroupBy(a => a.Path.Length).MaxBy(g => g.Key);
            if (nearest is null)
            {
                logger.LogWarning("Term of {Organization} ends on {TermEnd} but no organisation admin above it is bound to a member", org.Name, org.TermEnd);
                continue;
            }
            var daysLeft = org.TermEnd!.Value.DayNumber - today.DayNumber;
            var data = new Dictionary<string, string>
            {
                ["organization"] = MessageText.Fit(org.Name),
                ["termEnd"] = MessageText.Date(org.TermEnd.Value),
                ["note"] = MessageText.Fit($"届期还有{daysLeft.ToString(CultureInfo.InvariantCulture)}天，请及时做好换届准备"),
            };
            var spec = new CampaignSpec($"term-reminder:{org.Id}:{org.TermEnd:yyyy-MM-dd}", $"{org.Name} 换届提醒", Template, NotificationChannel.MiniProgramSubscribe);
            var recipients = nearest.Select(a => new Recipient(a.MemberId!.Value, data)).ToList();
            if (await Outbox.CreateExplicitAsync(db, spec, recipients, time.GetUtcNow().UtcDateTime, cancellationToken) is not null)
                logger.LogInformation("换届 reminder for {Organization} (term ends {TermEnd}) queued for {Count} admin(s)", org.Name, org.TermEnd, recipients.Count);
        }
    }
}

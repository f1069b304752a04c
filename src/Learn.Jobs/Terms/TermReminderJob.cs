using Hangfire;
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
/// Daily: organisations whose term (届期) ends within the configured days get one 换届 reminder per term, and those
/// whose term has already ended (超期未换届, Asia/Shanghai calendar) a flag with the days overdue, the day after and then
/// every <c>OverdueEveryDays</c> until the term is renewed (docs/decisions/0413). Both go to the organisation admin
/// nearest above the organisation (their own, else their parent's, …) through the outbox.
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
        // Ending soon, or already ended and not renewed (a renewal moves TermEnd forward).
        var ending = await db.Organizations.AsNoTracking()
            .Where(o => o.TermEnd != null && o.TermEnd <= until)
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
            var notice = TermNotice.For(org, today, settings.OverdueEveryDays);
            var data = new Dictionary<string, string>
            {
                ["organization"] = MessageText.Fit(org.Name),
                ["termEnd"] = MessageText.Date(org.TermEnd!.Value),
                ["note"] = MessageText.Fit(notice.Note),
            };
            var spec = new CampaignSpec(notice.Key, $"{org.Name} {notice.Title}", Template, NotificationChannel.MiniProgramSubscribe);
            var recipients = nearest.Select(a => new Recipient(a.MemberId!.Value, data)).ToList();
            if (await Outbox.CreateExplicitAsync(db, spec, recipients, time.GetUtcNow().UtcDateTime, cancellationToken) is not null)
                logger.LogInformation("{Title} for {Organization} (term ends {TermEnd}) queued for {Count} admin(s)", notice.Title, org.Name, org.TermEnd, recipients.Count);
        }
    }
}

using Hangfire;
using Learn.Core.Data;
using Learn.Core.Holidays;
using Learn.Core.Notifications;
using Learn.Core;
using Learn.Core.Jobs;
using Learn.Jobs.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Learn.Jobs.Holidays;

/// <summary>
/// Daily at the configured time: when today is the configured number of days before an enabled holiday, writes
/// that holiday's integrity notice (节前廉政提醒) as an audience campaign, with the organisers' text and audience.
/// Sent as Official Account template messages: a broadcast, not something members subscribe to one by one.
/// </summary>
// Retried for transient faults, capped so a daily notice is at most ~20 minutes late; then Failed, with its error,
// on the dashboard and the 任务 page (docs/decisions/0403). One run at a time across nodes.
[AutomaticRetry(Attempts = JobPolicy.Attempts, DelaysInSeconds = new[] { JobPolicy.FirstDelay, JobPolicy.SecondDelay, JobPolicy.ThirdDelay }, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
[DisableConcurrentExecution(JobPolicy.LockWaitSeconds)]
public sealed class HolidayNoticeJob(LearnDbContext db, TimeProvider time, IOptions<JobsOptions> options,
    ILogger<HolidayNoticeJob> logger)
{
    public const string Id = JobIds.HolidayNotices;
    public const string Template = HolidayNoticeMessage.Template;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value.HolidayNotices;
        if (!settings.Enabled) return;
        var today = Shanghai.Today(time);
        foreach (var notice in HolidayPlan.DueOn(today, settings))
        {
            var setting = await db.Set<HolidayNoticeSetting>().AsNoTracking().SingleOrDefaultAsync(s => s.Holiday == notice.Holiday, cancellationToken)
                ?? HolidayNoticeSetting.DefaultFor(notice.Holiday);
            var name = notice.Holiday.ToChinese();
            var data = HolidayNoticeMessage.Data(setting, notice.Holiday, notice.Date);
            var spec = new CampaignSpec($"holiday-notice:{notice.Holiday}:{notice.Date:yyyy}", $"{notice.Date:yyyy} {name}节前廉政提醒", Template, NotificationChannel.OfficialAccountTemplate);
            var created = await Outbox.CreateForAudienceAsync(db, spec, setting.Audience, null, data, time.GetUtcNow().UtcDateTime, cancellationToken);
            logger.LogInformation("Holiday notice for {Holiday} {Date} to {Audience}: {Outcome}", notice.Holiday, notice.Date, setting.Audience, created is null ? "already queued" : "queued");
        }
    }
}

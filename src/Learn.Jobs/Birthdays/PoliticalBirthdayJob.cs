using Hangfire;
using System.Text.Json;
using Learn.Core.Data;
using Learn.Core.Notifications;
using Learn.Jobs.Notifications;
using Learn.Core;
using Learn.Core.Jobs;
using Learn.Jobs.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Learn.Jobs.Birthdays;

/// <summary>
/// Daily: greets today's political birthdays and sends each branch secretary one digest of their branch's
/// birthdays today and in the next days. Both are campaigns keyed by the date, so a second run adds nothing.
/// The greetings' rows are written by the dispatcher (<see cref="BirthdayGreetingRecipients"/>); the digests,
/// one per secretary, are written here.
/// </summary>
// Retried for transient faults, capped so a daily notice is at most ~20 minutes late; then Failed, with its error,
// on the dashboard and the 任务 page (docs/decisions/0403). One run at a time across nodes.
[AutomaticRetry(Attempts = JobPolicy.Attempts, DelaysInSeconds = new[] { JobPolicy.FirstDelay, JobPolicy.SecondDelay, JobPolicy.ThirdDelay }, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
[DisableConcurrentExecution(JobPolicy.LockWaitSeconds)]
public sealed class PoliticalBirthdayJob(LearnDbContext db, TimeProvider time, IOptions<JobsOptions> options,
    ILogger<PoliticalBirthdayJob> logger)
{
    public const string Id = JobIds.PoliticalBirthdays;
    public const string GreetingTemplate = "PoliticalBirthday";
    public const string DigestTemplate = "PoliticalBirthdayDigest";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value.PoliticalBirthdays;
        if (!settings.Enabled) return;
        var today = Shanghai.Today(time);
        var now = time.GetUtcNow().UtcDateTime;

        if (await BirthdayGreetingRecipients.BirthdaysOn(db, today).AnyAsync(cancellationToken))
        {
            var spec = new CampaignSpec($"political-birthday:{today:yyyy-MM-dd}", $"{today:yyyy-MM-dd} 政治生日祝福", GreetingTemplate, NotificationChannel.MiniProgramSubscribe);
            var created = await Outbox.CreateStreamedAsync(db, spec, BirthdayGreetingRecipients.SourceName,
                JsonSerializer.Serialize(new BirthdayGreetingRecipients.Args(today)),
                new Dictionary<string, string> { ["date"] = MessageText.Date(today) }, now, cancellationToken);
            logger.LogInformation("Political birthdays {Day}: greetings {Outcome}", today, created is null ? "already queued" : "queued");
        }

        var digests = await SecretaryDigests.BuildAsync(db, today, settings.DigestDays, cancellationToken);
        if (digests.Count > 0)
        {
            var spec = new CampaignSpec($"political-birthday-digest:{today:yyyy-MM-dd}", $"{today:yyyy-MM-dd} 支部政治生日提醒", DigestTemplate, NotificationChannel.MiniProgramSubscribe);
            var created = await Outbox.CreateExplicitAsync(db, spec, digests, now, cancellationToken);
            logger.LogInformation("Political birthday digests {Day}: {Count} secretary digest(s) {Outcome}", today, digests.Count, created is null ? "already queued" : "queued");
        }
    }
}

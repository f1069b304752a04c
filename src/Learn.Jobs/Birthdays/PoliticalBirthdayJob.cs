using System.Text.Json;
using Learn.Core.Data;
using Learn.Core.Notifications;
using Learn.Jobs.Notifications;
using Learn.Jobs.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace Learn.Jobs.Birthdays;

/// <summary>
/// Daily: greets today's political birthdays and sends each branch secretary one digest of their branch's
/// birthdays today and in the next days. Both are campaigns keyed by the date, so a second run adds nothing.
/// The greetings' rows are written by the dispatcher (<see cref="BirthdayGreetingRecipients"/>); the digests,
/// one per secretary, are written here.
/// </summary>
[DisallowConcurrentExecution]
public sealed class PoliticalBirthdayJob(LearnDbContext db, TimeProvider time, IOptions<JobsOptions> options,
    ILogger<PoliticalBirthdayJob> logger) : IJob
{
    public static readonly JobKey Key = new("political-birthdays", "learn");
    public const string GreetingTemplate = "PoliticalBirthday";
    public const string DigestTemplate = "PoliticalBirthdayDigest";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
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

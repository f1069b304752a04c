using System.Globalization;
using Learn.Core.Data;
using Learn.Core.Members;
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

        var window = new List<Birthday>();
        for (var offset = 0; offset <= settings.DigestDays; offset++)
            window.AddRange(await BirthdaysOnAsync(today.AddDays(offset), cancellationToken));

        var greetings = window.Where(b => b.Day == today)
            .Select(b => new Recipient(b.MemberId, new Dictionary<string, string>
            {
                ["name"] = MessageText.Fit(b.Name),
                ["years"] = b.Years.ToString(CultureInfo.InvariantCulture),
                ["date"] = MessageText.Date(today),
                ["note"] = MessageText.Fit(PoliticalBirthdays.Note(b.Years)),
            }))
            .ToList();
        if (greetings.Count > 0)
        {
            var spec = new CampaignSpec($"political-birthday:{today:yyyy-MM-dd}", $"{today:yyyy-MM-dd} 政治生日祝福", GreetingTemplate, NotificationChannel.MiniProgramSubscribe);
            var created = await Outbox.CreateExplicitAsync(db, spec, greetings, now, cancellationToken);
            logger.LogInformation("Political birthdays {Day}: {Count} greeting(s) {Outcome}", today, greetings.Count, created is null ? "already queued" : "queued");
        }

        var digests = await SecretaryDigests.BuildAsync(db, window, today, settings.DigestDays, cancellationToken);
        if (digests.Count > 0)
        {
            var spec = new CampaignSpec($"political-birthday-digest:{today:yyyy-MM-dd}", $"{today:yyyy-MM-dd} 支部政治生日提醒", DigestTemplate, NotificationChannel.MiniProgramSubscribe);
            var created = await Outbox.CreateExplicitAsync(db, spec, digests, now, cancellationToken);
            logger.LogInformation("Political birthday digests {Day}: {Count} secretary digest(s) {Outcome}", today, digests.Count, created is null ? "already queued" : "queued");
        }
    }

    private async Task<List<Birthday>> BirthdaysOnAsync(DateOnly day, CancellationToken ct)
    {
        var result = new List<Birthday>();
        foreach (var (month, dayOfMonth) in PoliticalBirthdays.JoinDaysGreetedOn(day))
        {
            var members = await db.Members.AsNoTracking()
                .Where(m => m.Status == MemberStatus.Active && m.JoinedPartyOn.Month == month && m.JoinedPartyOn.Day == dayOfMonth && m.JoinedPartyOn.Year < day.Year)
                .Select(m => new { m.Id, m.Name, m.JoinedPartyOn, m.Organization!.Path })
                .ToListAsync(ct);
            result.AddRange(members.Select(m => new Birthday(m.Id, m.Name, m.Path, day, PoliticalBirthdays.YearsOfStanding(m.JoinedPartyOn, day))));
        }
        return result;
    }
}

/// <summary>A member whose political birthday falls on <see cref="Day"/>, with <see cref="Years"/> of Party standing.</summary>
public sealed record Birthday(long MemberId, string Name, string OrganizationPath, DateOnly Day, int Years);

using Learn.Core.Contests;
using Learn.Core.Data;
using Learn.Core.Members;
using Learn.Core.Notifications;
using Learn.Jobs.Notifications;
using Learn.Jobs.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace Learn.Jobs.Contests;

/// <summary>
/// Daily at the configured time: for each open contest that closes tomorrow (Shanghai), reminds the members
/// in its audience (organisation subtrees and whitelist) who have not taken part yet. One campaign per contest.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ContestReminderJob(LearnDbContext db, TimeProvider time, IOptions<JobsOptions> options,
    ILogger<ContestReminderJob> logger) : IJob
{
    public static readonly JobKey Key = new("contest-reminders", "learn");
    public const string Template = "ContestReminder";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
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
            var key = $"contest-reminder:{contest.Id}";
            if (await Outbox.ExistsAsync(db, key, cancellationToken)) continue;
            var members = await AudienceAsync(contest, cancellationToken);
            var data = new Dictionary<string, string>
            {
                ["contest"] = MessageText.Fit(contest.Title),
                ["endsAt"] = TimeZoneInfo.ConvertTimeFromUtc(contest.EndsAt, Shanghai.Zone).ToString("yyyy年M月d日 HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                ["note"] = "竞赛明天截止，别错过",
            };
            var spec = new CampaignSpec(key, $"{contest.Title} 截止提醒", Template, NotificationChannel.MiniProgramSubscribe);
            if (await Outbox.CreateExplicitAsync(db, spec, members.Select(m => new Recipient(m, data)).ToList(), now, cancellationToken) is not null)
                logger.LogInformation("Contest {Contest} closes tomorrow: {Count} member(s) who have not taken part reminded", contest.Id, members.Count);
        }
    }

    private async Task<List<long>> AudienceAsync(Contest contest, CancellationToken ct)
    {
        var active = db.Members.Where(m => m.Status == MemberStatus.Active);
        var ids = new HashSet<long>();
        foreach (var path in contest.AudiencePathList)
            ids.UnionWith(await active.Where(m => m.Organization!.Path.StartsWith(path)).Select(m => m.Id).ToListAsync(ct));
        if (contest.HasWhitelist)
            ids.UnionWith(await db.Set<ContestWhitelistEntry>().Where(w => w.ContestId == contest.Id)
                .Join(active, w => w.MemberId, m => m.Id, (w, m) => m.Id).ToListAsync(ct));
        var took = await db.Set<ContestEntry>().Where(e => e.ContestId == contest.Id).Select(e => e.MemberId).ToListAsync(ct);
        ids.ExceptWith(took);
        return ids.Order().ToList();
    }
}

using Learn.Core.Data;
using Learn.Core.Members;
using Learn.Core.Notifications;
using Learn.Core.Study;
using Learn.Jobs.Notifications;
using Learn.Jobs.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace Learn.Jobs.Study;

/// <summary>
/// Daily at the configured time: every member following the Official Account gets their organisation's article
/// of the day (Learn.Core's <see cref="TodayArticles"/>: the most specific audience wins) as a template message.
/// One campaign per day; members whose organisation has no article that day get nothing.
/// </summary>
[DisallowConcurrentExecution]
public sealed class DailyArticlePushJob(LearnDbContext db, TodayArticles today, TimeProvider time, IOptions<JobsOptions> options,
    ILogger<DailyArticlePushJob> logger) : IJob
{
    public static readonly JobKey Key = new("daily-article-push", "learn");
    public const string Template = "DailyArticle";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        if (!options.Value.DailyArticlePush.Enabled) return;
        var date = Shanghai.Today(time);
        var key = $"daily-article:{date:yyyy-MM-dd}";
        if (await Outbox.ExistsAsync(db, key, cancellationToken)) return;
        var articles = await today.ForAllOrganizationsAsync(date, cancellationToken);
        if (articles.Count == 0) return;

        var followers = await db.Members.AsNoTracking()
            .Where(m => m.Status == MemberStatus.Active && Audiences.FollowingOfficialAccount(db).Contains(m.Id))
            .Select(m => new { m.Id, m.OrganizationId }).ToListAsync(cancellationToken);
        var recipients = followers.Where(f => articles.ContainsKey(f.OrganizationId))
            .Select(f => new Recipient(f.Id, new Dictionary<string, string>
            {
                ["title"] = MessageText.Fit(articles[f.OrganizationId].Title),
                ["column"] = MessageText.Fit(articles[f.OrganizationId].ColumnName),
                ["date"] = MessageText.Date(date),
            }))
            .ToList();
        var spec = new CampaignSpec(key, $"{date:yyyy-MM-dd} 每日学习推送", Template, NotificationChannel.OfficialAccountTemplate);
        if (await Outbox.CreateExplicitAsync(db, spec, recipients, time.GetUtcNow().UtcDateTime, cancellationToken) is not null)
            logger.LogInformation("Daily article push {Date}: {Count} follower(s) queued", date, recipients.Count);
    }
}

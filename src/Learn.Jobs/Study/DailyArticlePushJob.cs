using System.Text.Json;
using Learn.Core.Data;
using Learn.Core.Notifications;
using Learn.Core.Study;
using Learn.Jobs.Notifications;
using Learn.Jobs.Scheduling;
using Microsoft.Extensions.Options;
using Quartz;

namespace Learn.Jobs.Study;

/// <summary>
/// Daily at the configured time: every member following the Official Account gets their organisation's article
/// of the day (Learn.Core's <see cref="TodayArticles"/>: the most specific audience wins) as a template message.
/// One campaign per day; members whose organisation has no article that day get nothing. The job decides the
/// article of each organisation; the dispatcher writes the followers' rows (<see cref="DailyArticleRecipients"/>).
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

        var byOrganization = articles.ToDictionary(a => a.Key, a => new DailyArticleRecipients.Headline(
            MessageText.Fit(a.Value.Title), MessageText.Fit(a.Value.ColumnName)));
        var spec = new CampaignSpec(key, $"{date:yyyy-MM-dd} 每日学习推送", Template, NotificationChannel.OfficialAccountTemplate);
        var created = await Outbox.CreateStreamedAsync(db, spec, DailyArticleRecipients.SourceName, JsonSerializer.Serialize(byOrganization),
            new Dictionary<string, string> { ["date"] = MessageText.Date(date) }, time.GetUtcNow().UtcDateTime, cancellationToken);
        if (created is not null)
            logger.LogInformation("Daily article push {Date}: queued for the followers of {Count} organisation(s)", date, articles.Count);
    }
}

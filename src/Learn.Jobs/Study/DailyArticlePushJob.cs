using Hangfire;
using System.Text.Json;
using Learn.Core.Data;
using Learn.Core.Notifications;
using Learn.Core.Study;
using Learn.Jobs.Notifications;
using Learn.Core;
using Learn.Core.Jobs;
using Learn.Jobs.Scheduling;
using Microsoft.Extensions.Options;

namespace Learn.Jobs.Study;

/// <summary>
/// Daily at the configured time: every member following the Official Account gets their organisation's article
/// of the day (Learn.Core's <see cref="TodayArticles"/>: the most specific audience wins) as a template message.
/// One campaign per day; members whose organisation has no article that day get nothing. The job decides the
/// article of each organisation; the dispatcher writes the followers' rows (<see cref="DailyArticleRecipients"/>).
/// </summary>
// Retried for transient faults, capped so a daily notice is at most ~20 minutes late; then Failed, with its error,
// on the dashboard and the 任务 page (docs/decisions/0403). One run at a time across nodes.
[AutomaticRetry(Attempts = JobPolicy.Attempts, DelaysInSeconds = new[] { JobPolicy.FirstDelay, JobPolicy.SecondDelay, JobPolicy.ThirdDelay }, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
[DisableConcurrentExecution(JobPolicy.LockWaitSeconds)]
public sealed class DailyArticlePushJob(LearnDbContext db, TodayArticles today, TimeProvider time, IOptions<JobsOptions> options,
    ILogger<DailyArticlePushJob> logger)
{
    public const string Id = JobIds.DailyArticlePush;
    public const string Template = "DailyArticle";

    public async Task RunAsync(CancellationToken cancellationToken)
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

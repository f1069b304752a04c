using Hangfire;
using Learn.Core.Contests;
using Learn.Core.Data;
using Learn.Core.Notifications;
using Learn.Core.Study;
using Learn.Jobs.Notifications;
using Learn.Jobs.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Learn.Jobs.Contests;

/// <summary>
/// The steps of a contest's closing chain (<see cref="ContestLifecycleJob"/>), as Hangfire jobs taking the contest id.
/// Both are idempotent: closing twice changes nothing, the results campaign is keyed by the contest.
/// </summary>
[AutomaticRetry(Attempts = JobPolicy.Attempts, DelaysInSeconds = new[] { JobPolicy.FirstDelay, JobPolicy.SecondDelay, JobPolicy.ThirdDelay }, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
public sealed class ContestClosingSteps(LearnDbContext db, ContestLifecycle lifecycle, ContestStudyPoints studyPoints, TimeProvider time,
    ILogger<ContestClosingSteps> logger)
{
    public const string ResultTemplate = "ContestResult";

    /// <summary>Shuts the window and freezes the final ranking (one transaction in <see cref="ContestLifecycle"/>).</summary>
    public async Task CloseAsync(long contestId, CancellationToken cancellationToken)
    {
        if (await lifecycle.CloseAsync(contestId, cancellationToken))
            logger.LogInformation("Contest {Contest} closed and its final ranking frozen", contestId);
    }

    /// <summary>Queues each participant's result from the frozen ranking; nothing before the contest is closed.</summary>
    public async Task NotifyResultsAsync(long contestId, CancellationToken cancellationToken)
    {
        var contest = await db.Set<Contest>().AsNoTracking().Where(c => c.Id == contestId && c.ClosedAt != null)
            .Select(c => new { c.Id, c.Title }).SingleOrDefaultAsync(cancellationToken);
        if (contest is null) return;
        var spec = new CampaignSpec($"contest-result:{contest.Id}", $"{contest.Title} 成绩通知", ResultTemplate, NotificationChannel.MiniProgramSubscribe);
        var created = await Outbox.CreateStreamedAsync(db, spec, ContestResultRecipients.SourceName, new ContestRef(contest.Id).ToJson(),
            new Dictionary<string, string> { ["contest"] = MessageText.Fit(contest.Title) }, time.GetUtcNow().UtcDateTime, cancellationToken);
        if (created is not null) logger.LogInformation("Contest {Contest} results queued for its participants", contest.Id);
    }

    /// <summary>竞赛 study points for everyone in the frozen ranking (nothing before the contest is closed; keyed per contest).</summary>
    public async Task AwardStudyPointsAsync(long contestId, CancellationToken cancellationToken)
    {
        var awarded = await studyPoints.AwardAsync(contestId, cancellationToken);
        if (awarded > 0) logger.LogInformation("Contest {Contest}: study points awarded to {Count} participant(s)", contestId, awarded);
    }
}

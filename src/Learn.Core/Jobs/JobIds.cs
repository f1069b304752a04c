namespace Learn.Core.Jobs;

/// <summary>
/// The recurring jobs' identities, as Hangfire, <see cref="JobRun.Job"/> and the admin site's 任务 page name them.
/// They are "group.name" (<c>learn.political-birthdays</c>) so the run history kept before Hangfire still matches.
/// </summary>
public static class JobIds
{
    public const string Group = "learn";
    public const string PoliticalBirthdays = "learn.political-birthdays";
    public const string HolidayNotices = "learn.holiday-notices";
    public const string DailyArticlePush = "learn.daily-article-push";
    public const string TermReminders = "learn.term-reminders";
    public const string ContestLifecycle = "learn.contest-lifecycle";
    public const string ContestReminders = "learn.contest-reminders";

    public static IReadOnlyList<string> All { get; } =
        [PoliticalBirthdays, HolidayNotices, DailyArticlePush, TermReminders, ContestLifecycle, ContestReminders];

    /// <summary>The name part (<c>political-birthdays</c>), as <see cref="JobRunRequest.JobName"/> stores it.</summary>
    public static string NameOf(string id) => id.StartsWith(Group + ".", StringComparison.Ordinal) ? id[(Group.Length + 1)..] : id;

    /// <summary>What the 任务 page calls each job.</summary>
    public static string DisplayName(string id) => id switch
    {
        PoliticalBirthdays => "政治生日祝福与支部提醒",
        HolidayNotices => "节前廉政提醒",
        TermReminders => "换届提醒",
        ContestLifecycle => "竞赛开始、结束与成绩通知",
        ContestReminders => "竞赛截止前提醒",
        DailyArticlePush => "每日文章推送",
        _ => id,
    };
}

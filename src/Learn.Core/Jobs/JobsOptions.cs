using Learn.Core.Holidays;
using Microsoft.Extensions.Options;

namespace Learn.Core.Jobs;

/// <summary>
/// Bound from <c>Jobs</c>: when each job runs (Asia/Shanghai) and how Hangfire runs them. Learn.Jobs schedules by
/// it; the admin site reads the same section for its holiday and jobs pages (docs/decisions/0403).
/// </summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    public SchedulerSettings Scheduler { get; set; } = new();
    public BirthdayJobOptions PoliticalBirthdays { get; set; } = new();
    public HolidayNoticeOptions HolidayNotices { get; set; } = new();
    public TermReminderOptions TermReminders { get; set; } = new();

    /// <summary>The article of the day through the Official Account.</summary>
    public DailyJobOptions DailyArticlePush { get; set; } = new() { Time = new TimeOnly(7, 30) };

    /// <summary>Closing contests and sending results: every minute unless <see cref="DailyJobOptions.Cron"/> says otherwise.</summary>
    public DailyJobOptions ContestLifecycle { get; set; } = new() { Cron = "0 * * * * *" };

    /// <summary>The day-before-close reminder to members who have not taken part.</summary>
    public DailyJobOptions ContestReminders { get; set; } = new() { Time = new TimeOnly(10, 0) };
}

/// <summary>Hangfire's timings (docs/decisions/0403 explains the numbers).</summary>
public sealed class SchedulerSettings
{
    /// <summary>Worker threads per node: jobs only write campaigns, the dispatcher does the sending.</summary>
    public int WorkerCount { get; set; } = 4;

    /// <summary>How often a node looks for due recurring jobs (Hangfire's default is 15 s).</summary>
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often an idle worker looks for an enqueued job.</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A killed node's job is fetched again after this (PostgreSQL: kept fresh while the job lives).</summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A distributed lock held by a killed node expires after this.</summary>
    public TimeSpan DistributedLockTimeout { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>A job that runs once a day at <see cref="Time"/>, unless <see cref="Cron"/> says otherwise.</summary>
public class DailyJobOptions
{
    public bool Enabled { get; set; } = true;
    public TimeOnly Time { get; set; } = new(9, 0);

    /// <summary>Cron expression (six fields: with seconds) that replaces the daily time (operations and tests; normally unset).</summary>
    public string? Cron { get; set; }

    public string CronExpression() => string.IsNullOrWhiteSpace(Cron) ? $"0 {Time.Minute} {Time.Hour} * * *" : Cron;
}

public sealed class BirthdayJobOptions : DailyJobOptions
{
    public BirthdayJobOptions() => Time = new TimeOnly(8, 0);

    /// <summary>The secretary digest covers today and this many days ahead.</summary>
    public int DigestDays { get; set; } = 7;
}

public sealed class TermReminderOptions : DailyJobOptions
{
    /// <summary>Organisations whose term ends within this many days are reminded.</summary>
    public int WithinDays { get; set; } = 90;

    /// <summary>
    /// An organisation whose term has ended (超期未换届) is flagged the day after and again every this many days until its
    /// term is renewed; 0 flags each expired term once (docs/decisions/0413).
    /// </summary>
    public int OverdueEveryDays { get; set; } = 7;
}

public sealed class HolidayNoticeOptions : DailyJobOptions
{
    public int DaysBefore { get; set; } = 3;
    public bool NewYear { get; set; }
    public bool SpringFestival { get; set; } = true;
    public bool Qingming { get; set; }
    public bool LabourDay { get; set; }
    public bool DragonBoat { get; set; }
    public bool MidAutumn { get; set; } = true;
    public bool NationalDay { get; set; }

    public IEnumerable<Holiday> EnabledHolidays() => Enum.GetValues<Holiday>().Where(IsEnabled);

    public bool IsEnabled(Holiday holiday) => holiday switch
    {
        Holiday.NewYear => NewYear,
        Holiday.SpringFestival => SpringFestival,
        Holiday.Qingming => Qingming,
        Holiday.LabourDay => LabourDay,
        Holiday.DragonBoat => DragonBoat,
        Holiday.MidAutumn => MidAutumn,
        Holiday.NationalDay => NationalDay,
        _ => false,
    };
}

/// <summary>Reports every bad setting by name, not just the first.</summary>
public sealed class JobsOptionsValidator : IValidateOptions<JobsOptions>
{
    /// <summary>Five fields, or six with seconds first; Hangfire's own parser rejects the rest when Learn.Jobs writes the job.</summary>
    public static bool CronLooksValid(string cron) => cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length is 5 or 6;

    public ValidateOptionsResult Validate(string? name, JobsOptions o)
    {
        var failures = new List<string>();
        void Check(bool ok, string message) { if (!ok) failures.Add(message); }
        void Daily(DailyJobOptions d, string key) =>
            Check(string.IsNullOrWhiteSpace(d.Cron) || CronLooksValid(d.Cron), $"Jobs:{key}:Cron '{d.Cron}' is not a valid cron expression.");

        var s = o.Scheduler;
        Check(s.WorkerCount is >= 1 and <= 50, "Jobs:Scheduler:WorkerCount must be between 1 and 50.");
        Check(s.SchedulePollingInterval > TimeSpan.Zero && s.QueuePollInterval > TimeSpan.Zero, "Jobs:Scheduler polling intervals must be positive.");
        Check(s.InvisibilityTimeout >= TimeSpan.FromSeconds(5), "Jobs:Scheduler:InvisibilityTimeout must be at least 5 seconds.");
        Check(s.DistributedLockTimeout >= TimeSpan.FromSeconds(5), "Jobs:Scheduler:DistributedLockTimeout must be at least 5 seconds.");
        Daily(o.PoliticalBirthdays, "PoliticalBirthdays");
        Daily(o.HolidayNotices, "HolidayNotices");
        Daily(o.TermReminders, "TermReminders");
        Daily(o.ContestLifecycle, "ContestLifecycle");
        Daily(o.DailyArticlePush, "DailyArticlePush");
        Daily(o.ContestReminders, "ContestReminders");
        Check(o.PoliticalBirthdays.DigestDays is >= 0 and <= 31, "Jobs:PoliticalBirthdays:DigestDays must be between 0 and 31.");
        Check(o.HolidayNotices.DaysBefore is >= 0 and <= 30, "Jobs:HolidayNotices:DaysBefore must be between 0 and 30.");
        Check(o.TermReminders.WithinDays is >= 1 and <= 366, "Jobs:TermReminders:WithinDays must be between 1 and 366.");
        Check(o.TermReminders.OverdueEveryDays is >= 0 and <= 366, "Jobs:TermReminders:OverdueEveryDays must be between 0 and 366.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

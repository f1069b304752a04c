using Hangfire;
using Hangfire.Common;
using Hangfire.Storage;
using Hangfire.Storage.SQLite;
using Learn.Core.Jobs;
using Learn.Jobs.Scheduling;

namespace Learn.Jobs.Tests.Scheduling;

/// <summary>
/// Hangfire schedules by the system clock, so the schedules are checked as computations: the recurring jobs are
/// written exactly as Learn.Jobs writes them, by Hangfire's own manager with a fixed "now", and the next run it
/// stores is read back.
/// </summary>
public sealed class ScheduleTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"learn-schedule-{Guid.NewGuid():N}.db");
    private readonly SQLiteStorage _storage;

    public ScheduleTests() => _storage = new SQLiteStorage(_file, new SQLiteStorageOptions());

    private DateTime? NextAfter(DateTime utcNow, string id, JobsOptions options)
    {
        var entry = RecurringJobs.All.Single(e => e.Id == id);
        var manager = new RecurringJobManager(_storage, JobFilterProviders.Providers, new DefaultTimeZoneResolver(), () => utcNow);
        manager.AddOrUpdate(entry.Id, entry.Job, entry.Settings(options).CronExpression(), RecurringJobs.Options);
        using var connection = _storage.GetConnection();
        return connection.GetRecurringJobs([id]).Single().NextExecution;
    }

    private static DateTime Utc(int y, int mo, int d, int h, int mi) => new(y, mo, d, h, mi, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(JobIds.PoliticalBirthdays, 24, 0, 0)]   // 08:00 Shanghai has passed: tomorrow's, 00:00 UTC
    [InlineData(JobIds.HolidayNotices, 23, 1, 0)]       // 09:00 today
    [InlineData(JobIds.TermReminders, 23, 1, 0)]        // 09:00 today (appsettings.json moves it to 09:30)
    [InlineData(JobIds.ContestReminders, 23, 2, 0)]     // 10:00 today
    [InlineData(JobIds.DailyArticlePush, 23, 23, 30)]   // 07:30 tomorrow, the evening before in UTC
    public void A_daily_job_runs_next_at_its_configured_Shanghai_time(string id, int utcDay, int utcHour, int utcMinute)
    {
        // Now: 2026-11-23 08:30 in Shanghai.
        NextAfter(Utc(2026, 11, 23, 0, 30), id, new JobsOptions()).ShouldBe(Utc(2026, 11, utcDay, utcHour, utcMinute));
    }

    [Fact]
    public void The_contest_lifecycle_runs_every_minute_and_a_configured_time_moves_a_daily_job()
    {
        NextAfter(Utc(2026, 11, 23, 0, 30).AddSeconds(10), JobIds.ContestLifecycle, new JobsOptions()).ShouldBe(Utc(2026, 11, 23, 0, 31));
        var options = new JobsOptions();
        options.PoliticalBirthdays.Time = new TimeOnly(7, 15);
        NextAfter(Utc(2026, 11, 22, 20, 0), JobIds.PoliticalBirthdays, options).ShouldBe(Utc(2026, 11, 22, 23, 15));
    }

    [Fact]
    public void Every_job_is_written_in_Asia_Shanghai_with_the_run_once_misfire_rule()
    {
        RecurringJobs.Options.TimeZone.Id.ShouldBe("Asia/Shanghai");
        RecurringJobs.Options.MisfireHandling.ShouldBe(MisfireHandlingMode.Relaxed);
        RecurringJobs.All.Select(e => e.Id).ShouldBe(JobIds.All, ignoreOrder: true);
        NextAfter(Utc(2026, 11, 23, 0, 30), JobIds.TermReminders, new JobsOptions());
        using var connection = _storage.GetConnection();
        connection.GetRecurringJobs([JobIds.TermReminders]).Single().TimeZoneId.ShouldBe("Asia/Shanghai");
    }

    public void Dispose()
    {
        _storage.Dispose();
        foreach (var f in new[] { _file, _file + "-wal", _file + "-shm" }) File.Delete(f);
    }
}

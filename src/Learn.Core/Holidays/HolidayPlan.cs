using Learn.Core.Jobs;

namespace Learn.Core.Holidays;

/// <summary>One enabled holiday in a year and when its integrity notice goes out.</summary>
public sealed record HolidayNotice(Holiday Holiday, DateOnly Date, DateTimeOffset NoticeAt);

/// <summary>Which notices a year holds under the configured switches, days-before and time.</summary>
public static class HolidayPlan
{
    public static IReadOnlyList<HolidayNotice> ForYear(int year, HolidayNoticeOptions options) =>
        options.EnabledHolidays()
            .Select(h => (Holiday: h, Date: ChineseHolidays.DateOf(h, year)))
            .Select(x => new HolidayNotice(x.Holiday, x.Date, Shanghai.At(x.Date.AddDays(-options.DaysBefore), options.Time)))
            .OrderBy(n => n.Date)
            .ToList();

    /// <summary>The notices due on <paramref name="day"/> (Shanghai): this year's holidays and, for early January ones, next year's.</summary>
    public static IEnumerable<HolidayNotice> DueOn(DateOnly day, HolidayNoticeOptions options) =>
        ForYear(day.Year, options).Concat(ForYear(day.Year + 1, options))
            .Where(n => DateOnly.FromDateTime(n.NoticeAt.DateTime) == day);
}

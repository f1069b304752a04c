using Learn.Core.Study;

namespace Learn.Core.Reports;

public enum ReportPeriodKind
{
    Week,
    Month,
    Quarter,
    Contest,
}

/// <summary>The Asia/Shanghai days a report covers: the week (Monday first), month or quarter containing a day.</summary>
public sealed record ReportPeriod(ReportPeriodKind Kind, DateOnly From, DateOnly To, string Label)
{
    public static ReportPeriod Containing(ReportPeriodKind kind, DateOnly day)
    {
        switch (kind)
        {
            case ReportPeriodKind.Week:
                var monday = StudyCalendar.WeekStart(day);
                return new(kind, monday, monday.AddDays(6), $"{monday:yyyy-MM-dd} 至 {monday.AddDays(6):yyyy-MM-dd}");
            case ReportPeriodKind.Month:
                var first = StudyCalendar.MonthStart(day);
                return new(kind, first, first.AddMonths(1).AddDays(-1), $"{day.Year}年{day.Month}月");
            case ReportPeriodKind.Quarter:
                var quarter = (day.Month - 1) / 3;
                var start = new DateOnly(day.Year, quarter * 3 + 1, 1);
                return new(kind, start, start.AddMonths(3).AddDays(-1), $"{day.Year}年第{quarter + 1}季度");
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "A contest report has no calendar period.");
        }
    }

    /// <summary>The UTC instants bounding the period's Shanghai days (for timestamps such as contest joins).</summary>
    public (DateTime From, DateTime Until) Instants() =>
        (Shanghai.At(From, TimeOnly.MinValue).UtcDateTime, Shanghai.At(To.AddDays(1), TimeOnly.MinValue).UtcDateTime);
}

namespace Learn.Core.Study;

/// <summary>Study weeks (starting Monday) and months, of Asia/Shanghai days (<see cref="Shanghai.Today"/>).</summary>
public static class StudyCalendar
{
    public static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    public static DateOnly MonthStart(DateOnly day) => new(day.Year, day.Month, 1);
}

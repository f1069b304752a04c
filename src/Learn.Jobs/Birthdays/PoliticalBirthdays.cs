namespace Learn.Jobs.Birthdays;

/// <summary>The calendar rules of political birthdays (政治生日): the day is the 入党日期's month and day.</summary>
public static class PoliticalBirthdays
{
    /// <summary>The day in <paramref name="year"/> a member who joined on <paramref name="joined"/> is greeted: 29 February joins on 28 February in common years.</summary>
    public static DateOnly GreetingDay(DateOnly joined, int year) =>
        joined is { Month: 2, Day: 29 } && !DateTime.IsLeapYear(year) ? new DateOnly(year, 2, 28) : new DateOnly(year, joined.Month, joined.Day);

    /// <summary>In common years 28 February also greets the 29 February joins.</summary>
    public static bool GreetsLeapDayJoinsOn(DateOnly day) => day is { Month: 2, Day: 28 } && !DateTime.IsLeapYear(day.Year);

    public static int YearsOfStanding(DateOnly joined, DateOnly day) => day.Year - joined.Year;

    /// <summary>10, 20, 30, 40, 50 … years: marked in the greeting and the digest.</summary>
    public static bool IsRoundAnniversary(int years) => years > 0 && years % 10 == 0;

    /// <summary>The line that marks the anniversary (thing field: ≤ 20 characters).</summary>
    public static string Note(int years) => years switch
    {
        50 => "光荣在党50年",
        _ when IsRoundAnniversary(years) => $"入党{years}周年（逢十纪念）",
        _ => $"入党{years}周年",
    };
}

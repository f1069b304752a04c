namespace Learn.Core.Members;

/// <summary>
/// Party standing dates. 党龄 counts from full membership (转正), per the Party Constitution, so a
/// probationary member has 0; the political birthday is the anniversary of joining (入党日期).
/// </summary>
public static class PartyCalendar
{
    /// <summary>Whole years of full membership on <paramref name="today"/>.</summary>
    public static int StandingYears(DateOnly? fullMemberOn, DateOnly today) =>
        fullMemberOn is { } from && from <= today ? FullYears(from, today) : 0;

    /// <summary>The next anniversary of joining on or after today, and the number of years it marks.</summary>
    public static (DateOnly Date, int Years) NextPoliticalBirthday(DateOnly joinedOn, DateOnly today)
    {
        var date = Anniversary(joinedOn, today.Year);
        if (date < today) date = Anniversary(joinedOn, today.Year + 1);
        return (date, date.Year - joinedOn.Year);
    }

    /// <summary>The anniversary in <paramref name="year"/>; 29 February falls on 28 February in common years.</summary>
    public static DateOnly Anniversary(DateOnly date, int year) =>
        new(year, date.Month, Math.Min(date.Day, DateTime.DaysInMonth(year, date.Month)));

    private static int FullYears(DateOnly from, DateOnly to) =>
        to.Year - from.Year - (Anniversary(from, to.Year) > to ? 1 : 0);
}

using System.Globalization;

namespace Learn.Core.Holidays;

/// <summary>
/// Gregorian dates of the holidays in a given year. Lunar ones come from <see cref="ChineseLunisolarCalendar"/>
/// (valid 1901–2100); Qingming from the sun's position (<see cref="SolarTerms"/>).
/// </summary>
public static class ChineseHolidays
{
    private static readonly ChineseLunisolarCalendar Lunar = new();

    public static DateOnly DateOf(Holiday holiday, int year) => holiday switch
    {
        Holiday.NewYear => new DateOnly(year, 1, 1),
        Holiday.SpringFestival => FromLunar(year, 1, 1),
        Holiday.Qingming => SolarTerms.Qingming(year),
        Holiday.LabourDay => new DateOnly(year, 5, 1),
        Holiday.DragonBoat => FromLunar(year, 5, 5),
        Holiday.MidAutumn => FromLunar(year, 8, 15),
        Holiday.NationalDay => new DateOnly(year, 10, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(holiday)),
    };

    /// <summary>
    /// The Gregorian date of lunar <paramref name="month"/>/<paramref name="day"/> (the ordinary month, never
    /// the leap one) in the lunar year that starts in Gregorian <paramref name="year"/>.
    /// </summary>
    public static DateOnly FromLunar(int year, int month, int day)
    {
        // The calendar numbers months 1..13 in a leap year, the leap month taking the slot after its
        // namesake: with 闰六月 (2025) GetLeapMonth is 7, so 八月 is month 9. Forgetting this puts
        // Mid-Autumn a month early in exactly the years with an early leap month.
        var leap = Lunar.GetLeapMonth(year);
        var index = leap != 0 && leap <= month ? month + 1 : month;
        return DateOnly.FromDateTime(Lunar.ToDateTime(year, index, day, 0, 0, 0, 0));
    }
}

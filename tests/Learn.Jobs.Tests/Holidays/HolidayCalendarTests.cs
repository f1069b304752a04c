using System.Globalization;
using Learn.Core.Holidays;

namespace Learn.Jobs.Tests.Holidays;

public class HolidayCalendarTests
{
    [Theory]
    [InlineData(2023, "2023-01-22")]
    [InlineData(2024, "2024-02-10")]
    [InlineData(2025, "2025-01-29")]
    [InlineData(2026, "2026-02-17")]
    [InlineData(2027, "2027-02-06")]
    public void Spring_festival_is_the_first_day_of_the_first_lunar_month(int year, string expected) =>
        ChineseHolidays.DateOf(Holiday.SpringFestival, year).ShouldBe(DateOnly.Parse(expected, CultureInfo.InvariantCulture));

    [Theory]
    [InlineData(2023, "2023-09-29")] // 闰二月: every month after February shifts by one slot
    [InlineData(2024, "2024-09-17")]
    [InlineData(2025, "2025-10-06")] // 闰六月: the eighth month is the calendar's ninth
    [InlineData(2026, "2026-09-25")]
    [InlineData(2027, "2027-09-15")]
    public void Mid_autumn_skips_a_leap_month_before_the_eighth(int year, string expected) =>
        ChineseHolidays.DateOf(Holiday.MidAutumn, year).ShouldBe(DateOnly.Parse(expected, CultureInfo.InvariantCulture));

    [Theory]
    [InlineData(2023, "2023-06-22")]
    [InlineData(2024, "2024-06-10")]
    [InlineData(2025, "2025-05-31")]
    [InlineData(2026, "2026-06-19")]
    public void Dragon_boat_is_the_fifth_day_of_the_fifth_lunar_month(int year, string expected) =>
        ChineseHolidays.DateOf(Holiday.DragonBoat, year).ShouldBe(DateOnly.Parse(expected, CultureInfo.InvariantCulture));

    [Fact]
    public void Leap_month_years_are_the_ones_the_tests_assume()
    {
        var calendar = new ChineseLunisolarCalendar();
        calendar.GetLeapMonth(2023).ShouldBe(3); // 闰二月 occupies slot 3
        calendar.GetLeapMonth(2025).ShouldBe(7); // 闰六月 occupies slot 7
        calendar.GetLeapMonth(2024).ShouldBe(0);
    }

    [Theory]
    [InlineData("2015-04-05")]
    [InlineData("2016-04-04")]
    [InlineData("2017-04-04")]
    [InlineData("2018-04-05")]
    [InlineData("2019-04-05")]
    [InlineData("2020-04-04")]
    [InlineData("2021-04-04")]
    [InlineData("2022-04-05")]
    [InlineData("2023-04-05")]
    [InlineData("2024-04-04")]
    [InlineData("2025-04-04")]
    [InlineData("2026-04-05")]
    [InlineData("2027-04-05")]
    public void Qingming_falls_on_its_published_dates(string expected)
    {
        var date = DateOnly.Parse(expected, CultureInfo.InvariantCulture);
        ChineseHolidays.DateOf(Holiday.Qingming, date.Year).ShouldBe(date);
    }

    [Fact]
    public void Qingming_agrees_with_the_century_formula_from_1901_to_2099()
    {
        // The almanac rule [Y·D + C] − L (D = 0.2422; C = 5.59 in the 20th century, 4.81 in the 21st; L = Y/4),
        // an independent method: the sun's position must give the same day every year it is valid for.
        for (var year = 1901; year <= 2099; year++)
        {
            var y = year <= 2000 ? year - 1900 : year - 2000;
            var c = year <= 2000 ? 5.59 : 4.81;
            var day = (int)Math.Floor(y * 0.2422 + c) - y / 4;
            SolarTerms.Qingming(year).ShouldBe(new DateOnly(year, 4, day), $"Qingming {year}");
        }
    }

    [Fact]
    public void Qingming_2100_is_the_fifth_where_the_formula_wrongly_counts_a_leap_year() =>
        SolarTerms.Qingming(2100).ShouldBe(new DateOnly(2100, 4, 5));
}

using Learn.TestSupport;
using System.Text.Json;

namespace Learn.Jobs.Tests.Holidays;

/// <summary>The preview runs as its own process with a database that does not exist, so touching it would fail.</summary>
public class HolidaysCommandTests
{
    private static readonly Dictionary<string, string?> NoReachableServices = new()
    {
        ["Database:Provider"] = "Postgres",
        ["ConnectionStrings:Learn"] = "Host=203.0.113.1;Port=5432;Username=nobody;Database=none;Timeout=1",
        ["ConnectionStrings:Redis"] = "203.0.113.1:6379",
    };

    private static async Task<JsonElement[]> PreviewAsync(int year, Dictionary<string, string?>? extra = null)
    {
        var env = new Dictionary<string, string?>(NoReachableServices);
        foreach (var (k, v) in extra ?? []) env[k] = v;
        await using var process = JobsProcess.Start(env, "holidays", "--year", year.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json");
        (await process.WaitForExitAsync(TimeSpan.FromSeconds(60))).ShouldBe(0, process.Output);
        return JsonSerializer.Deserialize<JsonElement[]>(process.Output)!;
    }

    [Fact]
    public async Task Preview_for_2027_lists_spring_festival_and_mid_autumn_with_notice_times_in_shanghai()
    {
        var rows = await PreviewAsync(2027);

        rows.Select(r => (r.GetProperty("holiday").GetString(), r.GetProperty("date").GetString(), r.GetProperty("noticeAt").GetString()))
            .ShouldBe([
                ("SpringFestival", "2027-02-06", "2027-02-03T09:00:00+08:00"),
                ("MidAutumn", "2027-09-15", "2027-09-12T09:00:00+08:00"),
            ]);
    }

    [Theory]
    [InlineData(2023, "2023-01-22", "2023-09-29")] // leap 2nd month
    [InlineData(2024, "2024-02-10", "2024-09-17")]
    [InlineData(2025, "2025-01-29", "2025-10-06")] // leap 6th month
    [InlineData(2026, "2026-02-17", "2026-09-25")]
    public async Task Preview_is_right_in_years_with_and_without_leap_months(int year, string springFestival, string midAutumn)
    {
        var rows = await PreviewAsync(year);
        rows.Select(r => r.GetProperty("date").GetString()).ShouldBe([springFestival, midAutumn]);
    }

    [Fact]
    public async Task Switched_on_holidays_days_before_and_time_come_from_configuration()
    {
        var rows = await PreviewAsync(2027, new()
        {
            ["Jobs:HolidayNotices:NewYear"] = "true",
            ["Jobs:HolidayNotices:Qingming"] = "true",
            ["Jobs:HolidayNotices:LabourDay"] = "true",
            ["Jobs:HolidayNotices:DragonBoat"] = "true",
            ["Jobs:HolidayNotices:NationalDay"] = "true",
            ["Jobs:HolidayNotices:DaysBefore"] = "2",
            ["Jobs:HolidayNotices:Time"] = "16:30",
        });

        rows.Select(r => $"{r.GetProperty("holiday").GetString()} {r.GetProperty("date").GetString()} {r.GetProperty("noticeAt").GetString()}")
            .ShouldBe([
                "NewYear 2027-01-01 2026-12-30T16:30:00+08:00",
                "SpringFestival 2027-02-06 2027-02-04T16:30:00+08:00",
                "Qingming 2027-04-05 2027-04-03T16:30:00+08:00",
                "LabourDay 2027-05-01 2027-04-29T16:30:00+08:00",
                "DragonBoat 2027-06-09 2027-06-07T16:30:00+08:00",
                "MidAutumn 2027-09-15 2027-09-13T16:30:00+08:00",
                "NationalDay 2027-10-01 2027-09-29T16:30:00+08:00",
            ]);
    }

    [Fact]
    public async Task Invalid_setting_is_reported_by_name()
    {
        var env = new Dictionary<string, string?>(NoReachableServices) { ["Jobs:HolidayNotices:DaysBefore"] = "99" };
        await using var process = JobsProcess.Start(env, "holidays", "--year", "2027", "--json");
        (await process.WaitForExitAsync(TimeSpan.FromSeconds(60))).ShouldBe(2);
        process.Output.ShouldContain("Jobs:HolidayNotices:DaysBefore");
    }
}

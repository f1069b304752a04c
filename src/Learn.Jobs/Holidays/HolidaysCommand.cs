using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Learn.Core.Holidays;
using Learn.Core.Jobs;

namespace Learn.Jobs.Holidays;

/// <summary>
/// <c>Learn.Jobs holidays --year 2027 [--json]</c>: the year's integrity-notice plan from configuration
/// (appsettings.json, environment) alone — no database, no network, no host.
/// </summary>
public static class HolidaysCommand
{
    public static int Run(string[] args)
    {
        var yearText = args.SkipWhile(a => a != "--year").Skip(1).FirstOrDefault();
        var year = TimeProvider.System.GetUtcNow().Year;
        if (yearText is not null && (!int.TryParse(yearText, CultureInfo.InvariantCulture, out year) || year is < 1902 or > 2100))
        {
            Console.Error.WriteLine("--year 须为 1902 至 2100 之间的年份。");
            return 2;
        }

        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args.Where(a => a.Contains('=', StringComparison.Ordinal)).ToArray())
            .Build();
        var options = configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        var validation = new JobsOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            foreach (var failure in validation.Failures!) Console.Error.WriteLine(failure);
            return 2;
        }

        var plan = HolidayPlan.ForYear(year, options.HolidayNotices);
        if (args.Contains("--json"))
        {
            var rows = plan.Select(n => new
            {
                holiday = n.Holiday.ToString(),
                date = n.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                noticeAt = n.NoticeAt.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            });
            Console.WriteLine(JsonSerializer.Serialize(rows, new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
            return 0;
        }
        Console.WriteLine($"{year} 年节前廉政提醒（提前 {options.HolidayNotices.DaysBefore} 天，{options.HolidayNotices.Time:HH\\:mm} 发送）");
        foreach (var n in plan)
            Console.WriteLine($"  {n.Holiday.ToChinese(),-6} {n.Date:yyyy-MM-dd}  提醒时间 {n.NoticeAt:yyyy-MM-dd HH:mm}");
        return 0;
    }
}

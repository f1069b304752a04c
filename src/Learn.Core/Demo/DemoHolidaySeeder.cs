using Learn.Core.Data;
using Learn.Core.Holidays;

namespace Learn.Core.Demo;

/// <summary>
/// The 元旦 integrity notice, written for the demo: <c>./learn.sh run</c> switches 元旦 on
/// (Jobs:HolidayNotices:NewYear, scripts/demo.env), so the next notice is always close in the preview.
/// </summary>
internal sealed class DemoHolidaySeeder(TimeProvider clock) : IDemoSeeder
{
    public int Order => 900;

    public async Task SeedAsync(LearnDbContext db, IServiceProvider services, CancellationToken ct)
    {
        db.Add(new HolidayNoticeSetting
        {
            Holiday = Holiday.NewYear,
            Title = "元旦节前廉洁提醒",
            Content = "{holiday}将至，不收送节礼、清爽过节",
            UpdatedAt = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
    }
}

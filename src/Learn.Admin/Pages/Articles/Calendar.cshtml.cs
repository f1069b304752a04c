using Learn.Core;
using System.Globalization;
using Learn.Admin.Hosting;
using Learn.Core.Data;
using Learn.Core.Study;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Learn.Admin.Pages.Articles;

/// <summary>发布日历: a month of article-of-the-day slots in the organiser's scope; empty days stand out.</summary>
public sealed class CalendarModel(LearnDbContext db, TimeProvider clock) : AdminPageModel
{
    public sealed record Item(long Id, string Title, string Audience);

    [BindProperty(SupportsGet = true)] public string? Month { get; set; }

    public DateOnly Today { get; private set; }
    public DateOnly First { get; private set; }
    public IReadOnlyList<DateOnly> Days { get; private set; } = [];
    public ILookup<DateOnly, Item> ByDay { get; private set; } = Array.Empty<Item>().ToLookup(_ => default(DateOnly));

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = Shanghai.Today(clock);
        First = DateOnly.TryParseExact(Month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m) ? m : StudyCalendar.MonthStart(Today);
        var gridStart = StudyCalendar.WeekStart(First);
        var gridEnd = StudyCalendar.WeekStart(First.AddMonths(1).AddDays(-1)).AddDays(6);
        Days = Enumerable.Range(0, gridEnd.DayNumber - gridStart.DayNumber + 1).Select(gridStart.AddDays).ToList();
        var items = await db.Set<Article>().AsNoTracking()
            .Where(a => a.PublishOn >= gridStart && a.PublishOn <= gridEnd)
            .OrderBy(a => a.Id)
            .Select(a => new { Day = a.PublishOn!.Value, a.Id, a.Title, Audience = a.AudienceOrganization!.Name })
            .ToListAsync(ct);
        ByDay = items.ToLookup(i => i.Day, i => new Item(i.Id, i.Title, i.Audience));
    }

    public string MonthLink(int offset) => "?month=" + First.AddMonths(offset).ToString("yyyy-MM", CultureInfo.InvariantCulture);
}

using Learn.Core;
using Learn.Core.Data;
using Learn.Core.Holidays;
using Learn.Core.Organizers;
using Learn.Core.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Learn.Admin.Pages.Holidays;

/// <summary>
/// Holiday notices as Learn.Jobs will send them: the same <see cref="HolidayPlan"/> as the job and the
/// <c>holidays</c> command, over the <c>Jobs:HolidayNotices</c> settings this site is given too.
/// </summary>
public static class HolidaySchedule
{
    /// <summary>The next <paramref name="count"/> notices still to be sent, across this year and the next.</summary>
    public static IReadOnlyList<HolidayNotice> Upcoming(HolidayNoticeOptions options, TimeProvider clock, int count)
    {
        if (!options.Enabled) return [];
        var now = clock.GetUtcNow();
        var year = Shanghai.Today(clock).Year;
        return HolidayPlan.ForYear(year, options).Concat(HolidayPlan.ForYear(year + 1, options))
            .Where(n => n.NoticeAt >= now).Take(count).ToList();
    }

    /// <summary>The holiday's next date on or after today (Shanghai).</summary>
    public static DateOnly NextDate(Holiday holiday, TimeProvider clock)
    {
        var today = Shanghai.Today(clock);
        var date = ChineseHolidays.DateOf(holiday, today.Year);
        return date >= today ? date : ChineseHolidays.DateOf(holiday, today.Year + 1);
    }

    /// <summary>
    /// The notices go to the whole tree, so their text is for organisers whose scope is the whole tree: super
    /// admins, and organisation admins of a top-level organisation.
    /// </summary>
    public static async Task<bool> CanEditAsync(LearnDbContext db, OrganizerScope scope, CancellationToken ct) =>
        scope.IsSuperAdmin || (scope.Role == OrganizerRole.OrganizationAdmin && scope.OrganizationId is { } id
            && await db.Organizations.AnyAsync(o => o.Id == id && o.ParentId == null, ct));

    public static async Task<Dictionary<Holiday, HolidayNoticeSetting>> SettingsAsync(LearnDbContext db, CancellationToken ct)
    {
        var stored = await db.Set<HolidayNoticeSetting>().AsNoTracking().ToDictionaryAsync(s => s.Holiday, ct);
        return Enum.GetValues<Holiday>().ToDictionary(h => h, h => stored.GetValueOrDefault(h) ?? HolidayNoticeSetting.DefaultFor(h));
    }
}

using Learn.Admin.Hosting;
using Learn.Core.Data;
using Learn.Core.Holidays;
using Learn.Core.Jobs;
using Microsoft.Extensions.Options;

namespace Learn.Admin.Pages.Holidays;

/// <summary>
/// 节日提醒: which holidays get an integrity notice, when (Learn.Jobs' settings, shown as they are), the next
/// notices, and each holiday's text and audience, which organisers with whole-tree scope edit.
/// </summary>
public sealed class IndexModel(LearnDbContext db, IOptions<JobsOptions> jobs, TimeProvider clock) : AdminPageModel
{
    public HolidayNoticeOptions Options => jobs.Value.HolidayNotices;
    public IReadOnlyList<HolidayNotice> Upcoming { get; private set; } = [];
    public Dictionary<Holiday, HolidayNoticeSetting> Settings { get; private set; } = [];
    public bool CanEdit { get; private set; }
    public TimeProvider Clock => clock;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Upcoming = HolidaySchedule.Upcoming(Options, clock, 4);
        Settings = await HolidaySchedule.SettingsAsync(db, ct);
        CanEdit = await HolidaySchedule.CanEditAsync(db, Scope, ct);
    }
}

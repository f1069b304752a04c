using Learn.Core;
using System.Text.Json;
using Learn.Admin.Hosting;
using Learn.Core.Contests;
using Learn.Core.Data;
using Learn.Core.Members;
using Learn.Core.Organizations;
using Learn.Core.Study;
using Learn.Core.Holidays;
using Learn.Core.Jobs;
using Microsoft.Extensions.Options;
using Microsoft.EntityFrameworkCore;

namespace Learn.Admin.Pages;

/// <summary>
/// 仪表盘 for the organiser's scope: today's study participation, contests running now, study
/// participation per branch over the last two weeks (chart), members and WeChat binding per branch,
/// political birthdays in the next 7 days, terms ending within 90 days or already ended (超期未换届), and the next holiday notices
/// (the same plan Learn.Jobs sends by).
/// </summary>
public sealed class IndexModel(LearnDbContext db, OrganizationTree tree, TimeProvider clock, IOptions<JobsOptions> jobs) : AdminPageModel
{
    public const int BirthdayDays = 7;
    public const int TermDays = 90;
    public const int TrendDays = 14;
    public const int TrendBranches = 8;

    public sealed record ContestRow(long Id, string Title, ContestMode Mode, DateTime EndsAt, int Participants);

    public sealed record Birthday(long MemberId, string Name, string OrganizationName, DateOnly Date, int Years);

    public sealed record BranchRow(string Name, int Members, int Bound);

    public int ActiveMembers { get; private set; }
    public int BoundMembers { get; private set; }
    public int Branches { get; private set; }
    public DateOnly Today { get; private set; }
    public IReadOnlyList<Birthday> Birthdays { get; private set; } = [];
    public IReadOnlyList<OrganizationView> TermsEnding { get; private set; } = [];
    public IReadOnlyList<OrganizationView> TermsOverdue { get; private set; } = [];
    public IReadOnlyList<BranchRow> ByBranch { get; private set; } = [];
    public int StudiedToday { get; private set; }
    public IReadOnlyList<ContestRow> ActiveContests { get; private set; } = [];
    public string TrendJson { get; private set; } = "{}";
    public IReadOnlyList<HolidayNotice> HolidayNotices { get; private set; } = [];

    public string ChartJson => JsonSerializer.Serialize(new
    {
        branches = ByBranch.Select(b => b.Name),
        members = ByBranch.Select(b => b.Members),
        bound = ByBranch.Select(b => b.Bound),
    });

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = Shanghai.Today(clock);
        var members = Scope.Filter(db.Members.AsNoTracking()).Where(m => m.Status == MemberStatus.Active);
        var rows = await members
            .Select(m => new
            {
                m.Id, m.Name, m.JoinedPartyOn, OrganizationName = m.Organization!.Name, OrganizationPath = m.Organization.Path,
                Bound = db.WeChatIdentities.Any(w => w.MemberId == m.Id),
            })
            .ToListAsync(ct);
        ActiveMembers = rows.Count;
        BoundMembers = rows.Count(r => r.Bound);

        // Anniversaries are computed here, not in SQL: month/day arithmetic differs between providers.
        Birthdays = rows.Select(r => (r, next: PartyCalendar.NextPoliticalBirthday(r.JoinedPartyOn, Today)))
            .Where(x => x.next.Date <= Today.AddDays(BirthdayDays - 1) && x.next.Years > 0)
            .OrderBy(x => x.next.Date).ThenBy(x => x.r.Name)
            .Select(x => new Birthday(x.r.Id, x.r.Name, x.r.OrganizationName, x.next.Date, x.next.Years)).ToList();

        var branches = await Scope.Filter(db.Organizations.AsNoTracking()).Where(o => o.Kind == OrganizationKind.Branch)
            .OrderBy(o => o.Path).Select(o => new { o.Name, o.Path }).ToListAsync(ct);
        Branches = branches.Count;
        ByBranch = branches.Select(b => new BranchRow(b.Name,
            rows.Count(r => Subtree.Contains(b.Path, r.OrganizationPath)),
            rows.Count(r => r.Bound && Subtree.Contains(b.Path, r.OrganizationPath)))).ToList();
        TermsEnding = await tree.TermsEndingWithinAsync(Scope, TermDays, ct);
        TermsOverdue = await tree.TermsOverdueAsync(Scope, ct);
        await LoadStudyAsync(ct);
        await LoadContestsAsync(ct);
        HolidayNotices = Holidays.HolidaySchedule.Upcoming(jobs.Value.HolidayNotices, clock, 3);
    }

    /// <summary>Members who earned study points (read, quizzed, competed) today, and per branch and day for the chart.</summary>
    private async Task LoadStudyAsync(CancellationToken ct)
    {
        var branchIds = await Scope.Filter(db.Organizations.AsNoTracking()).Where(o => o.Kind == OrganizationKind.Branch)
            .OrderBy(o => o.Path).Select(o => new { o.Id, o.Name }).ToListAsync(ct);
        var ids = branchIds.Select(b => b.Id).ToList();
        StudiedToday = await db.Set<StudyPointEntry>().AsNoTracking()
            .Where(e => e.Day == Today && Scope.Filter(db.Members).Any(m => m.Id == e.MemberId))
            .Select(e => e.MemberId).Distinct().CountAsync(ct);
        var from = Today.AddDays(1 - TrendDays);
        var counts = await db.Set<StudyPointEntry>().AsNoTracking()
            .Where(e => e.Day >= from && ids.Contains(e.BranchId))
            .GroupBy(e => new { e.BranchId, e.Day })
            .Select(g => new { g.Key.BranchId, g.Key.Day, Members = g.Select(e => e.MemberId).Distinct().Count() })
            .ToListAsync(ct);
        var days = Enumerable.Range(0, TrendDays).Select(from.AddDays).ToList();
        // The busiest branches over the period, so a big tree still gives a readable chart.
        var shown = branchIds.OrderByDescending(b => counts.Where(c => c.BranchId == b.Id).Sum(c => c.Members)).Take(TrendBranches).ToList();
        TrendJson = JsonSerializer.Serialize(new
        {
            days = days.Select(d => d.ToString("M/d", System.Globalization.CultureInfo.InvariantCulture)),
            series = shown.Select(b => new
            {
                name = b.Name,
                data = days.Select(d => counts.FirstOrDefault(c => c.BranchId == b.Id && c.Day == d)?.Members ?? 0),
            }),
        });
    }

    private async Task LoadContestsAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        ActiveContests = await Scope.Filter(db.Set<Contest>().AsNoTracking(), c => c.OrganizationPath)
            .Where(c => c.ClosedAt == null && c.StartsAt <= now && c.EndsAt > now)
            .OrderBy(c => c.EndsAt)
            .Select(c => new ContestRow(c.Id, c.Title, c.Mode, c.EndsAt, db.Set<ContestEntry>().Count(e => e.ContestId == c.Id && !e.Voided)))
            .ToListAsync(ct);
    }
}

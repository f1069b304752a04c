using System.ComponentModel.DataAnnotations;
using Learn.Admin.Hosting;
using Learn.Core.Auditing;
using Learn.Core.Contests;
using Learn.Core.Data;
using Learn.Core.Spreadsheets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Learn.Admin.Pages.Contests;

/// <summary>
/// One contest: schedule and rules, participation per unit, results (top 100 here, all rows in the
/// CSV/XLSX export), closing it (freezes the final ranking), and for 直播竞答 the host console and big screen.
/// </summary>
public sealed class DetailsModel(LearnDbContext db, ContestLifecycle lifecycle, Auditor auditor, TimeProvider clock) : AdminPageModel
{
    /// <summary>The 调整时间 form, in Shanghai wall-clock time (<see cref="ContestSchedule"/> holds the rules).</summary>
    public sealed class ScheduleForm
    {
        [Required(ErrorMessage = "请填写开始时间")]
        public DateTime? StartsAt { get; set; }
        [Required(ErrorMessage = "请填写结束时间")]
        public DateTime? EndsAt { get; set; }
    }

    public const int Shown = 100;

    public sealed record UnitRow(string Name, int Participants, int Score);

    public Contest Contest { get; private set; } = null!;
    public DateTime Now { get; private set; }
    public IReadOnlyList<ContestResults.Row> Results { get; private set; } = [];
    public IReadOnlyList<UnitRow> Units { get; private set; } = [];
    public int Participants { get; private set; }
    public int Whitelisted { get; private set; }

    [BindProperty]
    public ScheduleForm Schedule { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is null) return NotFound();
        Schedule = new ScheduleForm { StartsAt = ContestNames.ToShanghai(Contest.StartsAt), EndsAt = ContestNames.ToShanghai(Contest.EndsAt) };
        return await ShowAsync(id, ct);
    }

    /// <summary>调整时间: before the start both edges, while open a later end only; recorded in the audit log.</summary>
    public async Task<IActionResult> OnPostRescheduleAsync(long id, [FromServices] ContestSchedule schedule, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is null) return NotFound();
        if (!ModelState.IsValid) return await ShowAsync(id, ct);
        var (outcome, errors) = await schedule.RescheduleAsync(Scope.PathPrefix(), id,
            SameMinuteAs(ContestNames.ToUtc(Schedule.StartsAt!.Value), Contest.StartsAt), ContestNames.ToUtc(Schedule.EndsAt!.Value), Scope.Actor(), ct);
        if (outcome == ContestSchedule.Outcome.NotFound) return NotFound();
        if (outcome == ContestSchedule.Outcome.Invalid)
        {
            foreach (var (field, messages) in errors)
                foreach (var message in messages) ModelState.AddModelError("Schedule." + field, message);
            return await ShowAsync(id, ct);
        }
        Flash = outcome == ContestSchedule.Outcome.Done ? "比赛时间已调整" : "比赛时间没有变化";
        return RedirectToPage(new { id });
    }

    /// <summary>The form has minute precision: a start left as shown means "unchanged", even if stored with seconds.</summary>
    private static DateTime SameMinuteAs(DateTime posted, DateTime stored) =>
        posted.Ticks / TimeSpan.TicksPerMinute == stored.Ticks / TimeSpan.TicksPerMinute ? stored : posted;

    private async Task<IActionResult> ShowAsync(long id, CancellationToken ct)
    {
        Whitelisted = Contest.HasWhitelist ? await db.Set<ContestWhitelistEntry>().CountAsync(w => w.ContestId == id, ct) : 0;
        Results = await ContestResults.ListAsync(db, Scope, id, Shown, ct);
        var units = await Scope.Filter(db.Set<ContestEntry>().AsNoTracking(), e => e.OrganizationPath).Where(e => e.ContestId == id && !e.Voided)
            .GroupBy(e => e.OrganizationId).Select(g => new { g.Key, Count = g.Count(), Score = g.Sum(e => e.Score) }).ToListAsync(ct);
        var ids = units.Select(u => u.Key).ToList();
        var names = await db.Organizations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        Units = units.Select(u => new UnitRow(names.GetValueOrDefault(u.Key, "?"), u.Count, u.Score)).OrderByDescending(u => u.Score).ToList();
        Participants = units.Sum(u => u.Count);
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(long id, string format, CancellationToken ct)
    {
        var contest = await FindAsync(id, ct);
        if (contest is null) return NotFound();
        var rows = await ContestResults.ListAsync(db, Scope, id, null, ct);
        auditor.Record(Scope.Actor(), "contest.export", "contest", id, after: new { count = rows.Count, format }, organizationPath: contest.OrganizationPath);
        await db.SaveChangesAsync(ct);
        var name = $"{contest.Title}-成绩";
        var kind = SpreadsheetFormats.Parse(format) ?? SpreadsheetFormat.Xlsx;
        return File(ContestResults.File(kind, rows), kind.ContentType(), name + kind.Extension());
    }

    /// <summary>Ends the contest now and freezes the final ranking (what the lifecycle job does at the end time).</summary>
    public async Task<IActionResult> OnPostCloseAsync(long id, CancellationToken ct)
    {
        var contest = await FindAsync(id, ct);
        if (contest is null) return NotFound();
        if (await lifecycle.CloseAsync(id, ct))
        {
            auditor.Record(Scope.Actor(), "contest.close", "contest", id, organizationPath: contest.OrganizationPath);
            await db.SaveChangesAsync(ct);
            Flash = "竞赛已结束，最终排名已固定";
        }
        else Flash = "竞赛此前已经结束";
        return RedirectToPage(new { id });
    }

    private async Task<Contest?> FindAsync(long id, CancellationToken ct)
    {
        Now = clock.GetUtcNow().UtcDateTime;
        var contest = await Scope.Filter(db.Set<Contest>().AsNoTracking(), c => c.OrganizationPath).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (contest is not null) Contest = contest;
        return contest;
    }
}

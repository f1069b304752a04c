using Learn.Admin.Hosting;
using Learn.Core.Auditing;
using Learn.Core.Contests;
using Learn.Core.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Learn.Admin.Pages.Contests;

/// <summary>
/// One contest: schedule and rules, participation per unit, results (top 100 here, all rows in the
/// CSV/XLSX export), closing it (freezes the final ranking), and for 直播竞答 the host console and big screen.
/// </summary>
public sealed class DetailsModel(LearnDbContext db, ContestLifecycle lifecycle, Auditor auditor, TimeProvider clock) : AdminPageModel
{
    public const int Shown = 100;

    public sealed record UnitRow(string Name, int Participants, int Score);

    public Contest Contest { get; private set; } = null!;
    public DateTime Now { get; private set; }
    public IReadOnlyList<ContestResults.Row> Results { get; private set; } = [];
    public IReadOnlyList<UnitRow> Units { get; private set; } = [];
    public int Participants { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is null) return NotFound();
        Results = await ContestResults.ListAsync(db, id, Shown, ct);
        var units = await db.Set<ContestEntry>().AsNoTracking().Where(e => e.ContestId == id && !e.Voided)
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
        var rows = await ContestResults.ListAsync(db, id, null, ct);
        auditor.Record(Scope.Actor(), "contest.export", "contest", id, after: new { count = rows.Count, format }, organizationPath: contest.OrganizationPath);
        await db.SaveChangesAsync(ct);
        var name = $"{contest.Title}-成绩";
        return string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
            ? File(ContestResults.Csv(rows), "text/csv; charset=utf-8", name + ".csv")
            : File(ContestResults.Xlsx(rows), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx");
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
        var prefix = Scope.PathPrefix();
        var contest = await db.Set<Contest>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id && c.OrganizationPath.StartsWith(prefix), ct);
        if (contest is not null) Contest = contest;
        return contest;
    }
}

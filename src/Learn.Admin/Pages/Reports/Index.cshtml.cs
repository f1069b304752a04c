using Learn.Admin.Hosting;
using Learn.Core;
using Learn.Core.Auditing;
using Learn.Core.Data;
using Learn.Core.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Learn.Admin.Pages.Reports;

/// <summary>
/// 参学统计: participation and points by unit for a week, month, quarter or contest, rolled up over the organiser's
/// subtree, ranked, drawn as a bar chart (inline SVG) and exported as XLSX (ADR 0203).
/// </summary>
public sealed class IndexModel(ParticipationReports reports, LearnDbContext db, Auditor auditor, TimeProvider clock) : AdminPageModel
{
    /// <summary>week / month / quarter / contest.</summary>
    [BindProperty(SupportsGet = true)] public string Kind { get; set; } = "week";
    /// <summary>Any day of the period (Asia/Shanghai); today by default.</summary>
    [BindProperty(SupportsGet = true)] public DateOnly? Day { get; set; }
    [BindProperty(SupportsGet = true)] public long? ContestId { get; set; }

    public ParticipationReport? Report { get; private set; }
    public IReadOnlyList<SelectListItem> Contests { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var (report, problem) = await BuildAsync(ct);
        if (problem is not null) return problem;
        Report = report;
        Contests = (await reports.VisibleContests(Scope).OrderByDescending(c => c.StartsAt).Select(c => new { c.Id, c.Title }).Take(200).ToListAsync(ct))
            .Select(c => new SelectListItem(c.Title, c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Id == ContestId)).ToList();
        return Page();
    }

    /// <summary>The same report as an XLSX workbook; recorded in the audit log like other exports.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var (report, problem) = await BuildAsync(ct);
        if (problem is not null) return problem;
        auditor.Record(Scope.Actor(), "report.export", "report", Kind, after: new { report!.Covers, units = report.Units.Count },
            organizationPath: Scope.IsSuperAdmin ? null : Scope.RootPath);
        await db.SaveChangesAsync(ct);
        return File(ReportWorkbook.Xlsx(report), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"参学统计-{report.Covers}.xlsx");
    }

    private async Task<(ParticipationReport? Report, IActionResult? Problem)> BuildAsync(CancellationToken ct)
    {
        Day ??= Shanghai.Today(clock);
        switch (Kind)
        {
            case "week": return (await reports.ForPeriodAsync(Scope, ReportPeriod.Containing(ReportPeriodKind.Week, Day.Value), ct), null);
            case "month": return (await reports.ForPeriodAsync(Scope, ReportPeriod.Containing(ReportPeriodKind.Month, Day.Value), ct), null);
            case "quarter": return (await reports.ForPeriodAsync(Scope, ReportPeriod.Containing(ReportPeriodKind.Quarter, Day.Value), ct), null);
            case "contest" when ContestId is null: return (null, null); // the page asks which contest
            case "contest":
                var report = await reports.ForContestAsync(Scope, ContestId.Value, ct);
                return report is null ? (null, NotFound()) : (report, null);
            default: return (null, BadRequest());
        }
    }

    public static string Percent(double rate) => (rate * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%";

    public static string OneDecimal(double value) => value.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
}

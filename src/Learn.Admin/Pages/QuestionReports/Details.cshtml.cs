using Learn.Admin.Hosting;
using Learn.Core.Data;
using Learn.Core.Questions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Learn.Admin.Pages.QuestionReports;

/// <summary>
/// One 答题纠错: the question as the member saw it, and the decision (采纳 / 不采纳, with a note the member is sent).
/// A super admin — the bank's owner — may accept and go straight to editing the question: the edit adds a version,
/// so answers already given keep the version they were scored on.
/// </summary>
public sealed class DetailsModel(Learn.Core.Questions.QuestionReports reports, LearnDbContext db) : AdminPageModel
{
    [BindProperty] public string? Note { get; set; }

    public QuestionReportRow Report { get; private set; } = null!;
    public QuestionVersion Version { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public Task<IActionResult> OnPostResolveAsync(long id, CancellationToken ct) => DecideAsync(id, accepted: true, edit: false, ct);

    public Task<IActionResult> OnPostRejectAsync(long id, CancellationToken ct) => DecideAsync(id, accepted: false, edit: false, ct);

    public Task<IActionResult> OnPostResolveAndEditAsync(long id, CancellationToken ct) => DecideAsync(id, accepted: true, edit: true, ct);

    private async Task<IActionResult> DecideAsync(long id, bool accepted, bool edit, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing) return missing;
        if (edit && !Scope.IsSuperAdmin) return StatusCode(StatusCodes.Status403Forbidden); // the bank is the super admins'
        var outcome = await reports.DecideAsync(Scope, id, accepted, Note, ct);
        if (outcome.Refusal is { } refusal) return Refused(refusal, "");
        Flash = accepted ? "已采纳，处理结果已通知提交人" : "已标记为不采纳，处理结果已通知提交人";
        return edit ? RedirectToPage("/Questions/Edit", new { id = Report.QuestionId }) : RedirectToPage(new { id });
    }

    private async Task<IActionResult?> LoadAsync(long id, CancellationToken ct)
    {
        var found = await reports.GetAsync(Scope, id, ct);
        if (found.Refusal is not null) return NotFound();
        Report = found.Value!;
        Version = await db.Set<QuestionVersion>().AsNoTracking()
            .SingleAsync(v => v.QuestionId == Report.QuestionId && v.VersionNo == Report.VersionNo, ct);
        return null;
    }
}

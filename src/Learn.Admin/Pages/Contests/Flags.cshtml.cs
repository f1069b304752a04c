using Learn.Admin.Hosting;
using Learn.Core.Contests;
using Learn.Core.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Learn.Admin.Pages.Contests;

/// <summary>
/// 异常答题: participants with answers faster than the contest's <see cref="Contest.MinHumanMs"/>, with the evidence
/// (every flagged answer's time, against all their answers), and 作废成绩 with a reason. Voiding is audited, drops the
/// result from the boards and organisation roll-ups, and for a closed contest recomputes the frozen final ranking,
/// which is then shown as 已修订. Only participants inside the organiser's subtree are listed or voidable.
/// </summary>
public sealed class FlagsModel(LearnDbContext db, ContestAdmin admin) : AdminPageModel
{
    public sealed record Suspect(long MemberId, string Name, string Organization, int Score, bool Voided, int Answers,
        IReadOnlyList<ContestAdmin.FlaggedAnswer> Flagged)
    {
        public long FastestMs => Flagged.Min(f => f.ElapsedMs);
    }

    public Contest Contest { get; private set; } = null!;
    public IReadOnlyList<Suspect> Suspects { get; private set; } = [];

    [BindProperty] public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostVoidAsync(long id, long memberId, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (string.IsNullOrWhiteSpace(Reason) || Reason.Trim().Length > 200)
        {
            ModelState.AddModelError("", "请填写作废原因（不超过 200 字）");
            return Page();
        }
        if (!await admin.VoidAsync(Scope.PathPrefix(), id, memberId, Reason, Scope.Actor(), ct)) return NotFound();
        Flash = Contest.ClosedAt is null ? "成绩已作废，排行榜已更新" : "成绩已作废，最终排名已重新计算并标注为修订";
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var contest = await Scope.Filter(db.Set<Contest>().AsNoTracking(), c => c.OrganizationPath).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (contest is null) return false;
        Contest = contest;
        var flagged = (await admin.FlaggedAnswersAsync(Scope.PathPrefix(), id, ct)).GroupBy(f => f.MemberId).ToDictionary(g => g.Key, g => g.ToList());
        var ids = flagged.Keys.ToList();
        var entries = await (from e in Scope.Filter(db.Set<ContestEntry>().AsNoTracking(), e => e.OrganizationPath)
                             where e.ContestId == id && ids.Contains(e.MemberId)
                             join o in db.Organizations on e.OrganizationId equals o.Id
                             select new { e.MemberId, e.Score, e.Voided, Organization = o.Name }).ToListAsync(ct);
        var answers = await db.Set<ContestAnswer>().Where(a => a.ContestId == id && ids.Contains(a.MemberId))
            .GroupBy(a => a.MemberId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        Suspects = entries.Select(e => new Suspect(e.MemberId, flagged[e.MemberId][0].MemberName, e.Organization, e.Score, e.Voided,
                answers.GetValueOrDefault(e.MemberId), flagged[e.MemberId]))
            .OrderBy(s => s.Voided).ThenByDescending(s => s.Flagged.Count).ThenBy(s => s.FastestMs).ToList();
        return true;
    }
}

using Learn.Admin.Hosting;
using Learn.Core.Contests;
using Learn.Core.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Learn.Admin.Pages.Contests;

/// <summary>大屏排行榜 for the projector: persons and branches, updated live over server-sent events.</summary>
public sealed class ScreenModel(LearnDbContext db, TimeProvider clock) : AdminPageModel
{
    public Contest Contest { get; private set; } = null!;
    public bool Hidden { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var contest = await Scope.Filter(db.Set<Contest>().AsNoTracking(), c => c.OrganizationPath).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (contest is null) return NotFound();
        Contest = contest;
        Hidden = contest.HideBoardUntilClose && !contest.IsOverAt(clock.GetUtcNow().UtcDateTime);
        return Page();
    }
}

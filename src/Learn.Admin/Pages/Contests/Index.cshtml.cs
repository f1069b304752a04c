using Learn.Admin.Hosting;
using Learn.Core.Contests;
using Learn.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Learn.Admin.Pages.Contests;

/// <summary>竞赛: the contests organised within the organiser's scope, newest first, with participants.</summary>
public sealed class IndexModel(LearnDbContext db, TimeProvider clock) : AdminPageModel
{
    public sealed record Row(Contest Contest, int Participants);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public DateTime Now { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow().UtcDateTime;
        Rows = await Scope.Filter(db.Set<Contest>().AsNoTracking(), c => c.OrganizationPath)
            .OrderByDescending(c => c.StartsAt).ThenByDescending(c => c.Id).Take(200)
            .Select(c => new Row(c, db.Set<ContestEntry>().Count(e => e.ContestId == c.Id && !e.Voided)))
            .ToListAsync(ct);
    }
}

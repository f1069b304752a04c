using System.Text.Json;
using Learn.Admin.Hosting;
using Learn.Core.Data;
using Learn.Core.Members;
using Learn.Core.Organizations;
using Microsoft.EntityFrameworkCore;

namespace Learn.Admin.Pages;

/// <summary>
/// 仪表盘: the roster at a glance for the organiser's scope — members and WeChat binding per branch
/// (chart), political birthdays in the next 7 days, terms ending within 90 days. Study and contest
/// figures join this page as those features land in Learn.Core.
/// </summary>
public sealed class IndexModel(LearnDbContext db, OrganizationTree tree, TimeProvider clock) : AdminPageModel
{
    public const int BirthdayDays = 7;
    public const int TermDays = 90;

    public sealed record Birthday(long MemberId, string Name, string OrganizationName, DateOnly Date, int Years);

    public sealed record BranchRow(string Name, int Members, int Bound);

    public int ActiveMembers { get; private set; }
    public int BoundMembers { get; private set; }
    public int Branches { get; private set; }
    public DateOnly Today { get; private set; }
    public IReadOnlyList<Birthday> Birthdays { get; private set; } = [];
    public IReadOnlyList<OrganizationView> TermsEnding { get; private set; } = [];
    public IReadOnlyList<BranchRow> ByBranch { get; private set; } = [];

    public string ChartJson => JsonSerializer.Serialize(new
    {
        branches = ByBranch.Select(b => b.Name),
        members = ByBranch.Select(b => b.Members),
        bound = ByBranch.Select(b => b.Bound),
    });

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = ShanghaiCalendar.Today(clock);
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
            rows.Count(r => r.OrganizationPath.StartsWith(b.Path, StringComparison.Ordinal)),
            rows.Count(r => r.Bound && r.OrganizationPath.StartsWith(b.Path, StringComparison.Ordinal)))).ToList();
        TermsEnding = await tree.TermsEndingWithinAsync(Scope, TermDays, ct);
    }
}

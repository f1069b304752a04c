using Learn.Admin.Hosting;
using Learn.Core.Data;
using Learn.Core.Notifications;
using Learn.Core.Organizers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Learn.Admin.Pages.Notifications;

/// <summary>
/// 通知活动: the campaigns the jobs wrote (birthdays, holiday notices, contest results…), newest first.
/// Scope: a campaign belongs to an organiser when its audience is bounded to their subtree; whole-tree and
/// per-person campaigns count people everywhere, so only super admins see those (docs/decisions/0602).
/// </summary>
public sealed class IndexModel(LearnDbContext db) : AdminPageModel
{
    public const int PageSize = 20;

    public sealed record Row(long Id, string Title, string Template, NotificationChannel Channel, CampaignAudience Audience,
        CampaignState State, int Recipients, DateTime CreatedAt);

    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var campaigns = Visible(db.Set<NotificationCampaign>().AsNoTracking(), Scope);
        Total = await campaigns.CountAsync(ct);
        PageNumber = Math.Max(1, PageNumber);
        Rows = await campaigns.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(c => new Row(c.Id, c.Title, c.Template, c.Channel, c.Audience, c.State, c.RecipientCount, c.CreatedAt))
            .ToListAsync(ct);
    }

    /// <summary>The campaigns <paramref name="scope"/> may see.</summary>
    public static IQueryable<NotificationCampaign> Visible(IQueryable<NotificationCampaign> campaigns, OrganizerScope scope)
    {
        if (scope.IsSuperAdmin) return campaigns;
        var root = scope.RootPath ?? "\u0000";
        return campaigns.Where(c => c.Audience != CampaignAudience.Explicit && c.ScopePath != null && c.ScopePath.StartsWith(root));
    }
}

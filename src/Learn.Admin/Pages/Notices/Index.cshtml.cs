using Learn.Admin.Hosting;
using Learn.Core.Data;
using Learn.Core.Notices;
using Learn.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Learn.Admin.Pages.Notices;

/// <summary>
/// 通知公告: the notices written in the organiser's subtree (their own and their sub-organisations'), newest first,
/// twenty a page, each with its delivery so far; a super admin sees every notice.
/// </summary>
public sealed class IndexModel(LearnDbContext db) : AdminPageModel
{
    public const int PageSize = 20;

    public sealed record Row(long Id, string Title, string Content, NotificationChannel Channel, string Recipients, string AuthorName,
        DateTime CreatedAt, int Total, int Sent);

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }

    /// <summary>The notices the organiser may see: those written in their subtree (joined, so they follow the tree).</summary>
    public static IQueryable<Notice> Visible(LearnDbContext db, Learn.Core.Organizers.OrganizerScope scope) =>
        scope.Filter(db.Set<Notice>(), n => n.Organization!.Path);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var notices = Visible(db, Scope).AsNoTracking();
        Total = await notices.CountAsync(ct);
        PageNumber = Math.Max(1, PageNumber);
        var messages = db.Set<OutboxMessage>();
        Rows = await notices.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(n => new Row(n.Id, n.Title, n.Content, n.Channel, n.Recipients, n.AuthorName, n.CreatedAt,
                messages.Count(m => m.CampaignId == n.CampaignId),
                messages.Count(m => m.CampaignId == n.CampaignId && m.State == OutboxState.Sent)))
            .ToListAsync(ct);
    }
}

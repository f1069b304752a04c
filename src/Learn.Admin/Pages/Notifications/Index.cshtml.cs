using Learn.Admin.Hosting;
using Learn.Core.Data;
using Learn.Core.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Learn.Admin.Pages.Notifications;

/// <summary>
/// 通知活动: the campaigns the jobs wrote (birthdays, holiday notices, contest results…), newest first.
/// Scoped by <see cref="CampaignScope"/>: other organisers see the campaigns that reach their subtree (docs/decisions/0602).
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
        var scope = new CampaignScope(db, Scope);
        var campaigns = scope.Campaigns().AsNoTracking();
        Total = await campaigns.CountAsync(ct);
        PageNumber = Math.Max(1, PageNumber);
        Rows = await campaigns.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(c => new Row(c.Id, c.Title, c.Template, c.Channel, c.Audience, c.State, c.RecipientCount, c.CreatedAt))
            .ToListAsync(ct);
        if (!scope.IsPartial) return;
        // A scoped organiser's recipients are their own members' rows, not the campaign's total.
        var own = new List<Row>();
        foreach (var row in Rows) own.Add(row with { Recipients = await scope.Messages(row.Id).CountAsync(ct) });
        Rows = own;
    }
}

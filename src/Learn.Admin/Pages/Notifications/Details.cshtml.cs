using Learn.Admin.Hosting;
using Learn.Core.Data;
using Learn.Core.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Learn.Admin.Pages.Notifications;

/// <summary>
/// One campaign: Core's <see cref="DeliveryReport"/> (queued / sent / failed by reason) and <see cref="CampaignReach"/>
/// (subscribe-message consent, Official Account, unreachable), over the organiser's share of it (<see cref="CampaignScope"/>).
/// </summary>
public sealed class DetailsModel(LearnDbContext db, IOptions<NotificationOptions> notifications) : AdminPageModel
{
    public NotificationCampaign Campaign { get; private set; } = null!;
    public DeliveryReport Report { get; private set; } = null!;

    /// <summary>True when the numbers are the organiser's subtree's share only.</summary>
    public bool ScopedShare { get; private set; }

    /// <summary>Null when this site has no WeChat settings for the campaign's template.</summary>
    public CampaignReachCounts? Reach { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var scope = new CampaignScope(db, Scope);
        var campaign = await scope.Campaigns().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null) return NotFound();
        Campaign = campaign;
        ScopedShare = scope.IsPartial;
        Report = await DeliveryReport.ForMessagesAsync(id, scope.Messages(id), ct);
        if (notifications.Value.Templates.TryGetValue(campaign.Template, out var template))
            Reach = await scope.ReachAsync(campaign, template, ct);
        return Page();
    }
}

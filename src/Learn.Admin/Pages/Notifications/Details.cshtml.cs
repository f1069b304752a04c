using Learn.Admin.Hosting;
using Learn.Core.Data;
using Learn.Core.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Learn.Admin.Pages.Notifications;

/// <summary>
/// One campaign: Core's <see cref="DeliveryReport"/> (queued / sent / failed by reason) and, for what is not
/// sent yet, <see cref="CampaignReach"/> (subscribe-message consent, Official Account, unreachable).
/// </summary>
public sealed class DetailsModel(LearnDbContext db, IOptions<NotificationOptions> notifications) : AdminPageModel
{
    public NotificationCampaign Campaign { get; private set; } = null!;
    public DeliveryReport Report { get; private set; } = null!;

    /// <summary>Null when this site has no WeChat settings for the campaign's template.</summary>
    public CampaignReachCounts? Reach { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var campaign = await IndexModel.Visible(db.Set<NotificationCampaign>().AsNoTracking(), Scope).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null) return NotFound();
        Campaign = campaign;
        Report = await DeliveryReport.ForCampaignAsync(db, id, ct);
        if (notifications.Value.Templates.ContainsKey(campaign.Template))
            Reach = await CampaignReach.ForCampaignAsync(db, id, notifications.Value, ct);
        return Page();
    }
}

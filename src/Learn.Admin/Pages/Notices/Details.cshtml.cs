using Learn.Admin.Hosting;
using Learn.Admin.Pages.Notifications;
using Learn.Core.Data;
using Learn.Core.Notices;
using Learn.Core.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Learn.Admin.Pages.Notices;

/// <summary>
/// One notice and its delivery report (Core's <see cref="DeliveryReport"/> over the organiser's share of the campaign):
/// waiting, sent, not reached for want of a subscription, failed. The page refreshes itself while anything is waiting.
/// </summary>
public sealed class DetailsModel(LearnDbContext db) : AdminPageModel
{
    /// <summary>Seconds between refreshes while the notice is still going out.</summary>
    public const int RefreshSeconds = 3;

    public Notice Notice { get; private set; } = null!;
    public NotificationCampaign Campaign { get; private set; } = null!;
    public DeliveryReport Report { get; private set; } = null!;

    /// <summary>Members with neither a subscription left nor the Official Account followed (订阅消息的授权规则).</summary>
    public int NoConsent { get; private set; }

    /// <summary>Everything not sent for another reason (WeChat refused, no WeChat bound, outcome unknown…).</summary>
    public int Failed => Report.Failed - NoConsent;

    public bool InProgress => Campaign.State == CampaignState.Expanding || Report.Queued > 0;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var notice = await IndexModel.Visible(db, Scope).AsNoTracking().SingleOrDefaultAsync(n => n.Id == id, ct);
        if (notice is null) return NotFound();
        Notice = notice;
        Campaign = await db.Set<NotificationCampaign>().AsNoTracking().SingleAsync(c => c.Id == notice.CampaignId, ct);
        Report = await DeliveryReport.ForMessagesAsync(Campaign.Id, new CampaignScope(db, Scope).Messages(Campaign.Id), ct);
        NoConsent = Report.FailedByReason.GetValueOrDefault(DeliveryReasons.NoConsentNotFollowing)
            + Report.FailedByReason.GetValueOrDefault(DeliveryReasons.NotFollowing);
        return Page();
    }
}

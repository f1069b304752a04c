using Learn.Admin.Hosting;
using Learn.Core.Data;
using Learn.Core.Notifications;
using Learn.Core.Organizers;

namespace Learn.Admin.Pages.Notifications;

/// <summary>
/// Which campaigns, and which of their messages, an organiser sees: super admins everything; others a campaign
/// bounded to their subtree, or their subtree's share of any other (the branch's birthday greetings within the
/// day's campaign), counted over their own members only. Nothing about other subtrees' people is shown.
/// </summary>
public sealed class CampaignScope(LearnDbContext db, OrganizerScope scope)
{
    public IQueryable<NotificationCampaign> Campaigns()
    {
        var campaigns = db.Set<NotificationCampaign>().AsQueryable();
        if (scope.IsSuperAdmin) return campaigns;
        var bounded = scope.Filter(campaigns, c => c.ScopePath).Select(c => c.Id);
        var members = scope.Filter(db.Members);
        return campaigns.Where(c => (c.Audience != CampaignAudience.Explicit && bounded.Contains(c.Id))
            || db.Set<OutboxMessage>().Any(m => m.CampaignId == c.Id && members.Any(x => x.Id == m.MemberId)));
    }

    /// <summary>The campaign's messages to members in scope.</summary>
    public IQueryable<OutboxMessage> Messages(long campaignId)
    {
        var messages = db.Set<OutboxMessage>().Where(m => m.CampaignId == campaignId);
        if (scope.IsSuperAdmin) return messages;
        var members = scope.Filter(db.Members);
        return messages.Where(m => members.Any(x => x.Id == m.MemberId));
    }

    /// <summary>Reach in scope: of the rows written, or of the audience while the rows are still being written.</summary>
    public Task<CampaignReachCounts> ReachAsync(NotificationCampaign campaign, NotificationTemplateOptions template, CancellationToken ct)
    {
        if (campaign.Audience != CampaignAudience.Explicit && campaign.State == CampaignState.Expanding)
        {
            // The narrower of the campaign's bound and the organiser's subtree (one contains the other, or the campaign is not visible).
            var path = scope.IsSuperAdmin ? campaign.ScopePath
                : campaign.ScopePath is { } bound && scope.Covers(bound) ? bound : scope.PathPrefix();
            return CampaignReach.ForAudienceAsync(db, campaign.Audience, path, campaign.Channel, template, ct);
        }
        return CampaignReach.CountAsync(db, Messages(campaign.Id).Select(m => m.MemberId), campaign.Channel, template, ct);
    }

    /// <summary>True when the organiser sees only their subtree's share of campaigns.</summary>
    public bool IsPartial => !scope.IsSuperAdmin;
}

using Learn.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Learn.Core.Notifications;

/// <summary>How many of a campaign's members a send would reach, and how, before anything is sent.</summary>
public sealed record CampaignReachCounts(int Total, int ViaMiniProgram, int ViaOfficialAccount, int Unreachable);

public static class CampaignReach
{
    /// <summary>
    /// Reach of <paramref name="memberIds"/> on <paramref name="channel"/>: subscribe messages reach members with a
    /// consent left for the template's Mini Program id, the rest are reached through the Official Account if they follow it.
    /// </summary>
    public static async Task<CampaignReachCounts> CountAsync(LearnDbContext db, IQueryable<long> memberIds,
        NotificationChannel channel, NotificationTemplateOptions template, CancellationToken ct)
    {
        var total = await memberIds.CountAsync(ct);
        var viaMini = 0;
        var withConsent = memberIds.Where(_ => false);
        if (channel == NotificationChannel.MiniProgramSubscribe && template.MiniProgramTemplateId is { } templateId)
        {
            withConsent = memberIds
                .Where(id => Audiences.InMiniProgram(db).Contains(id))
                .Where(id => db.Set<NotificationConsent>().Any(c => c.MemberId == id && c.TemplateId == templateId && c.Remaining > 0));
            viaMini = await withConsent.CountAsync(ct);
        }
        var viaOfficial = template.OfficialAccountTemplateId is null ? 0 : await memberIds
            .Where(id => !withConsent.Contains(id))
            .Where(id => Audiences.FollowingOfficialAccount(db).Contains(id))
            .CountAsync(ct);
        return new CampaignReachCounts(total, viaMini, viaOfficial, total - viaMini - viaOfficial);
    }

    /// <summary>Reach of an audience campaign that has not been written out yet.</summary>
    public static Task<CampaignReachCounts> ForAudienceAsync(LearnDbContext db, CampaignAudience audience, string? scopePath,
        NotificationChannel channel, NotificationTemplateOptions template, CancellationToken ct) =>
        CountAsync(db, Audiences.Members(db, audience, scopePath).Select(m => m.Id), channel, template, ct);

    /// <summary>
    /// Reach of a campaign's rows. An audience campaign still being written counts its whole audience; a campaign
    /// whose rule (<see cref="NotificationCampaign.RecipientSource"/>) is still being written counts the rows so far.
    /// </summary>
    public static async Task<CampaignReachCounts> ForCampaignAsync(LearnDbContext db, long campaignId, NotificationOptions options, CancellationToken ct)
    {
        var campaign = await db.Set<NotificationCampaign>().AsNoTracking().SingleAsync(c => c.Id == campaignId, ct);
        var template = options.Template(campaign.Template);
        if (campaign.Audience != CampaignAudience.Explicit && campaign.State == CampaignState.Expanding)
            return await ForAudienceAsync(db, campaign.Audience, campaign.ScopePath, campaign.Channel, template, ct);
        var members = db.Set<OutboxMessage>().Where(m => m.CampaignId == campaignId).Select(m => m.MemberId);
        return await CountAsync(db, members, campaign.Channel, template, ct);
    }
}

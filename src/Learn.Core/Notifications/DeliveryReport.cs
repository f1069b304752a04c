using Learn.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Learn.Core.Notifications;

/// <summary>A campaign's delivery so far, for Learn.Admin: queued, sent, and failures by reason.</summary>
public sealed record DeliveryReport(long CampaignId, int Queued, int Sent, int SentViaOfficialAccountFallback,
    IReadOnlyDictionary<string, int> FailedByReason)
{
    public int Failed => FailedByReason.Values.Sum();

    public static Task<DeliveryReport> ForCampaignAsync(LearnDbContext db, long campaignId, CancellationToken ct) =>
        ForMessagesAsync(campaignId, db.Set<OutboxMessage>().Where(m => m.CampaignId == campaignId), ct);

    /// <summary>The report over some of a campaign's rows, e.g. those of one organiser's subtree.</summary>
    public static async Task<DeliveryReport> ForMessagesAsync(long campaignId, IQueryable<OutboxMessage> messages, CancellationToken ct)
    {
        var rows = await messages
            .GroupBy(m => new { m.State, m.FinalReason, m.Channel, m.SentVia })
            .Select(g => new { g.Key.State, g.Key.FinalReason, g.Key.Channel, g.Key.SentVia, Count = g.Count() })
            .ToListAsync(ct);
        var queued = rows.Where(r => r.State is OutboxState.Pending or OutboxState.Claimed or OutboxState.Sending).Sum(r => r.Count);
        var sent = rows.Where(r => r.State == OutboxState.Sent).Sum(r => r.Count);
        var fallback = rows.Where(r => r.State == OutboxState.Sent && r.Channel != r.SentVia).Sum(r => r.Count);
        var failed = rows.Where(r => r.State is OutboxState.Failed or OutboxState.Unreachable)
            .GroupBy(r => r.FinalReason ?? DeliveryReasons.Rejected)
            .ToDictionary(g => g.Key, g => g.Sum(r => r.Count), StringComparer.Ordinal);
        return new DeliveryReport(campaignId, queued, sent, fallback, failed);
    }
}

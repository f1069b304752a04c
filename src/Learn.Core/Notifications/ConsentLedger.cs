using Learn.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Learn.Core.Notifications;

/// <summary>
/// Counts one-time subscriptions per member and Mini Program template. Adding and spending are single
/// UPDATE statements guarded by <c>remaining &gt; 0</c>, so concurrent dispatchers never spend one twice.
/// </summary>
public static class ConsentLedger
{
    /// <summary>Adds one consent per accepted template id; returns how many were recorded.</summary>
    public static async Task<int> RecordAcceptedAsync(LearnDbContext db, long memberId, IEnumerable<string> templateIds, DateTime now, CancellationToken ct)
    {
        var recorded = 0;
        foreach (var templateId in templateIds)
        {
            var updated = await db.Set<NotificationConsent>()
                .Where(c => c.MemberId == memberId && c.TemplateId == templateId)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Remaining, c => c.Remaining + 1).SetProperty(c => c.UpdatedAt, now), ct);
            if (updated == 0)
            {
                db.Set<NotificationConsent>().Add(new NotificationConsent { MemberId = memberId, TemplateId = templateId, Remaining = 1, UpdatedAt = now });
                await db.SaveChangesAsync(ct);
            }
            recorded++;
        }
        return recorded;
    }

    /// <summary>Spends one consent if the member has one left.</summary>
    public static async Task<bool> TrySpendAsync(LearnDbContext db, long memberId, string templateId, DateTime now, CancellationToken ct) =>
        await db.Set<NotificationConsent>()
            .Where(c => c.MemberId == memberId && c.TemplateId == templateId && c.Remaining > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Remaining, c => c.Remaining - 1).SetProperty(c => c.UpdatedAt, now), ct) == 1;

    /// <summary>Gives back a consent spent on a send WeChat certainly did not make.</summary>
    public static Task RefundAsync(LearnDbContext db, long memberId, string templateId, DateTime now, CancellationToken ct) =>
        db.Set<NotificationConsent>()
            .Where(c => c.MemberId == memberId && c.TemplateId == templateId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Remaining, c => c.Remaining + 1).SetProperty(c => c.UpdatedAt, now), ct);

    /// <summary>WeChat said 43101: its count is the truth, so ours drops to zero.</summary>
    public static Task ClearAsync(LearnDbContext db, long memberId, string templateId, DateTime now, CancellationToken ct) =>
        db.Set<NotificationConsent>()
            .Where(c => c.MemberId == memberId && c.TemplateId == templateId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Remaining, 0).SetProperty(c => c.UpdatedAt, now), ct);

    public static Task<int> RemainingAsync(LearnDbContext db, long memberId, string templateId, CancellationToken ct) =>
        db.Set<NotificationConsent>().Where(c => c.MemberId == memberId && c.TemplateId == templateId)
            .Select(c => c.Remaining).FirstOrDefaultAsync(ct);
}

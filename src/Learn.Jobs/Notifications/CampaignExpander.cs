using Learn.Core.Data;
using Learn.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Learn.Jobs.Notifications;

/// <summary>
/// Writes an audience campaign's rows one keyset batch at a time, so memory stays flat however large the
/// audience. The campaign's cursor is a concurrency token: two nodes on one batch, one commits, one rolls back.
/// </summary>
public static class CampaignExpander
{
    /// <summary>Writes one batch of one expanding campaign; false when none is expanding.</summary>
    public static async Task<bool> ExpandOneBatchAsync(LearnDbContext db, int batchSize, DateTime now, CancellationToken ct)
    {
        var campaign = await db.Set<NotificationCampaign>().Where(c => c.State == CampaignState.Expanding)
            .OrderBy(c => c.Id).FirstOrDefaultAsync(ct);
        if (campaign is null) return false;

        var ids = await Audiences.Members(db, campaign.Audience, campaign.ScopePath)
            .Where(m => m.Id > campaign.ExpandedThroughMemberId)
            .OrderBy(m => m.Id).Select(m => m.Id).Take(batchSize).ToListAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var id in ids)
            db.Add(Outbox.NewMessage(campaign, id, campaign.DataJson ?? "{}", now));
        if (ids.Count > 0) campaign.ExpandedThroughMemberId = ids[^1];
        campaign.RecipientCount += ids.Count;
        if (ids.Count < batchSize) campaign.State = CampaignState.Ready;
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            await tx.RollbackAsync(ct); // another node wrote this batch first (cursor moved or rows exist)
        }
        db.ChangeTracker.Clear();
        return true;
    }
}

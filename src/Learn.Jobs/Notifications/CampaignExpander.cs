using System.Collections.Concurrent;
using Learn.Core.Data;
using Learn.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Learn.Jobs.Notifications;

/// <summary>
/// Writes one batch of one campaign that is still being written: its rule (<see cref="IRecipientSource"/>) lists
/// the next members after the cursor, one statement inserts their rows, and the cursor moves in the same
/// transaction. Memory is one batch whatever the campaign's size; a crash loses at most the uncommitted batch,
/// which the next round writes again. On PostgreSQL the campaign row is locked with SKIP LOCKED, so two nodes
/// expand two campaigns side by side instead of racing on one; the cursor is also a concurrency token.
/// </summary>
public sealed class CampaignExpander(IEnumerable<IRecipientSource> sources, ILogger<CampaignExpander> logger)
{
    private readonly Dictionary<string, IRecipientSource> _sources = sources.ToDictionary(s => s.Name, StringComparer.Ordinal);

    // Campaigns whose last batch failed, and until when this node leaves them be: the oldest campaign is picked
    // first, so one that keeps failing would otherwise hold up every campaign behind it. Node-local on purpose:
    // it is a back-off, and another node (or this one a minute later) tries again.
    private readonly ConcurrentDictionary<long, DateTime> _failing = new();
    private static readonly TimeSpan FailureBackoff = TimeSpan.FromMinutes(1);
    private static readonly TimeProvider Wall = TimeProvider.System; // a back-off in real time, not a business date

    /// <summary>Writes one batch of one expanding campaign; false when none is expanding.</summary>
    public async Task<bool> ExpandOneBatchAsync(LearnDbContext db, int batchSize, DateTime now, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var campaign = await NextAsync(db, ct);
        if (campaign is null) return false;

        var source = _sources[campaign.RecipientSource ?? AudienceSource.SourceName];
        IReadOnlyList<RecipientRow> page;
        int written;
        try
        {
            page = await source.PageAsync(db, campaign, campaign.ExpandedThroughMemberId, batchSize, ct);
            written = await OutboxRows.InsertAsync(db, campaign, page, now, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _failing[campaign.Id] = Wall.GetUtcNow().UtcDateTime + FailureBackoff;
            logger.LogError(ex, "Writing the next batch of campaign {Campaign} failed; other campaigns go first for a minute", campaign.Key);
            return true;
        }
        if (page.Count > 0) campaign.ExpandedThroughMemberId = page[^1].MemberId;
        campaign.RecipientCount += written;
        if (page.Count < batchSize)
        {
            campaign.State = CampaignState.Ready;
            // Rows an interrupted writer left behind are not in the running count: the final count is the table's.
            campaign.RecipientCount = await db.Set<OutboxMessage>().CountAsync(m => m.CampaignId == campaign.Id, ct);
        }
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            if (campaign.State == CampaignState.Ready)
                logger.LogInformation("Campaign {Campaign} written: {Count} recipient(s)", campaign.Key, campaign.RecipientCount);
        }
        catch (DbUpdateException)
        {
            await tx.RollbackAsync(ct); // another node moved the cursor first; its rows stand, ours roll back
        }
        db.ChangeTracker.Clear();
        return true;
    }

    /// <summary>
    /// The expanding campaign with the fewest rows written so far (then the oldest) that this node has a rule for; a newer
    /// node's rule waits for a newer node. Fewest first is the expansion half of fairness (docs/decisions/0411): a
    /// small notice created while a 260,000-member campaign is being written gets its rows in the next step, not after
    /// the big one's 260 steps, and two large campaigns take turns.
    /// </summary>
    private async Task<NotificationCampaign?> NextAsync(LearnDbContext db, CancellationToken ct)
    {
        var known = _sources.Keys.ToArray();
        var wall = Wall.GetUtcNow().UtcDateTime;
        foreach (var (id, until) in _failing) if (until <= wall) _failing.TryRemove(id, out _);
        var skipped = _failing.Keys.ToArray();
        if (!db.Database.IsNpgsql())
        {
            return await db.Set<NotificationCampaign>()
                .Where(c => c.State == CampaignState.Expanding && (c.RecipientSource == null || known.Contains(c.RecipientSource)) && !skipped.Contains(c.Id))
                .OrderBy(c => c.RecipientCount).ThenBy(c => c.Id).FirstOrDefaultAsync(ct);
        }
        var locked = await db.Set<NotificationCampaign>().FromSqlRaw("""
                SELECT * FROM notification_campaigns
                WHERE state = 'Expanding' AND (recipient_source IS NULL OR recipient_source = ANY ({0})) AND NOT (id = ANY ({1}))
                ORDER BY recipient_count, id LIMIT 1
                FOR UPDATE SKIP LOCKED
                """, [known, skipped])
            .ToListAsync(ct); // not composed: the locking clause stays at the top level
        return locked.FirstOrDefault();
    }
}

using Learn.Core.Data;
using Learn.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Learn.Jobs.Notifications;

/// <summary>
/// Taking rows to send, and giving back the rows of a dispatcher that died. On PostgreSQL several nodes
/// claim at once: <c>FOR UPDATE SKIP LOCKED</c> hands each row to one of them without waiting. SQLite
/// has one writer at a time, so the same UPDATE without the locking clause is already exclusive there.
/// </summary>
public static class OutboxClaims
{
    /// <summary>
    /// Claims up to about <paramref name="count"/> due rows, shared between the campaigns that have due rows
    /// (docs/decisions/0411): each gets an equal quota of the batch, so a 20-member notice queued behind a
    /// 260,000-member campaign goes out in the next round instead of after it. Within a campaign the order is
    /// first due, first sent, as before.
    /// </summary>
    public static async Task<List<long>> ClaimAsync(LearnDbContext db, int count, string token, DateTime now, DateTime leaseUntil, CancellationToken ct)
    {
        var campaigns = await DueCampaignsAsync(db, now, count, ct);
        if (campaigns.Count == 0) return [];
        var quota = Math.Max(1, count / campaigns.Count);
        var claimed = new List<long>();
        foreach (var campaign in campaigns)
            claimed.AddRange(await ClaimFromAsync(db, campaign, quota, token, now, leaseUntil, ct));
        return claimed;
    }

    private static Task<List<long>> ClaimFromAsync(LearnDbContext db, long campaign, int quota, string token, DateTime now, DateTime leaseUntil, CancellationToken ct)
    {
        var locking = db.Database.IsNpgsql() ? "FOR UPDATE SKIP LOCKED" : "";
        var sql = $$"""
            UPDATE outbox_messages
            SET state = 'Claimed', claim_token = {0}, lease_until = {1}, updated_at = {2}
            WHERE id IN (
                SELECT id FROM outbox_messages
                WHERE state = 'Pending' AND campaign_id = {3} AND next_attempt_at <= {2}
                ORDER BY next_attempt_at, id
                LIMIT {4}
                {{locking}})
            RETURNING id AS "Value"
            """;
        return db.Database.SqlQueryRaw<long>(sql, token, leaseUntil, now, campaign, quota).ToListAsync(ct);
    }

    /// <summary>
    /// The campaigns with a due row, lowest id first, at most <paramref name="limit"/>. A skip scan over the
    /// (state, campaign, due time) index: one index probe per campaign, however many rows each has pending,
    /// where a DISTINCT would read every pending row of a 260,000-member campaign each round.
    /// </summary>
    private static Task<List<long>> DueCampaignsAsync(LearnDbContext db, DateTime now, int limit, CancellationToken ct) =>
        db.Database.SqlQueryRaw<long>("""
            WITH RECURSIVE due(campaign_id) AS (
                SELECT (SELECT min(campaign_id) FROM outbox_messages WHERE state = 'Pending' AND next_attempt_at <= {0})
                UNION ALL
                SELECT (SELECT min(m.campaign_id) FROM outbox_messages m
                        WHERE m.state = 'Pending' AND m.next_attempt_at <= {0} AND m.campaign_id > due.campaign_id)
                FROM due WHERE due.campaign_id IS NOT NULL)
            SELECT campaign_id AS "Value" FROM due WHERE campaign_id IS NOT NULL LIMIT {1}
            """, now, limit).ToListAsync(ct);

    /// <summary>
    /// Rows whose lease ran out. Claimed ones never reached WeChat: back to Pending. Sending ones are in doubt
    /// (ADR 0401): a template message is repeated with its client_msg_id while WeChat still deduplicates it;
    /// a subscribe message has no such key, so it is failed as in doubt rather than risk a second copy.
    /// </summary>
    public static async Task<int> RecoverAsync(LearnDbContext db, DateTime now, TimeSpan dedupeWindow, CancellationToken ct)
    {
        var rows = db.Set<OutboxMessage>();
        var released = await rows.Where(m => m.State == OutboxState.Claimed && m.LeaseUntil < now)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.State, OutboxState.Pending)
                .SetProperty(m => m.ClaimToken, (string?)null).SetProperty(m => m.LeaseUntil, (DateTime?)null)
                .SetProperty(m => m.UpdatedAt, now), ct);
        var dedupeFrom = now - dedupeWindow;
        var repeated = await rows.Where(m => m.State == OutboxState.Sending && m.LeaseUntil < now
                && m.SentVia == NotificationChannel.OfficialAccountTemplate && m.SendStartedAt > dedupeFrom)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.State, OutboxState.Pending).SetProperty(m => m.NextAttemptAt, now)
                .SetProperty(m => m.ClaimToken, (string?)null).SetProperty(m => m.LeaseUntil, (DateTime?)null)
                .SetProperty(m => m.UpdatedAt, now), ct);
        var doubtful = await rows.Where(m => m.State == OutboxState.Sending && m.LeaseUntil < now)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.State, OutboxState.Failed).SetProperty(m => m.FinalReason, DeliveryReasons.InDoubt)
                .SetProperty(m => m.ClaimToken, (string?)null).SetProperty(m => m.LeaseUntil, (DateTime?)null)
                .SetProperty(m => m.UpdatedAt, now), ct);
        return released + repeated + doubtful;
    }
}

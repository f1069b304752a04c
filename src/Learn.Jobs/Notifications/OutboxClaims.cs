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
    public static async Task<List<long>> ClaimAsync(LearnDbContext db, int count, string token, DateTime now, DateTime leaseUntil, CancellationToken ct)
    {
        var locking = db.Database.IsNpgsql() ? "FOR UPDATE SKIP LOCKED" : "";
        var sql = $$"""
            UPDATE outbox_messages
            SET state = 'Claimed', claim_token = {0}, lease_until = {1}, updated_at = {2}
            WHERE id IN (
                SELECT id FROM outbox_messages
                WHERE state = 'Pending' AND next_attempt_at <= {2}
                ORDER BY next_attempt_at, id
                LIMIT {3}
                {{locking}})
            RETURNING id AS "Value"
            """;
        return await db.Database.SqlQueryRaw<long>(sql, token, leaseUntil, now, count).ToListAsync(ct);
    }

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

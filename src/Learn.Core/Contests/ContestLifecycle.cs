using Learn.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Learn.Core.Contests;

/// <summary>
/// Closing a contest: the final ranking is frozen into contest_final_ranks (same order as the live
/// board: score, then less total time, then who reached it first, then member id) and stays
/// queryable after Redis forgets the board. Learn.Jobs' contest-lifecycle job calls
/// <see cref="CloseAsync"/> for contests past their end; calling it twice changes nothing.
/// </summary>
public sealed class ContestLifecycle(IDbContextFactory<LearnDbContext> dbs, TimeProvider clock, ContestCaches caches, ILogger<ContestLifecycle> log)
{
    /// <summary>Freezes the ranking; false when the contest does not exist or was already closed.</summary>
    public async Task<bool> CloseAsync(long contestId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        // The conditional update is the lock: of two concurrent closers only one sees a row changed.
        var closed = await db.Set<Contest>().Where(c => c.Id == contestId && c.ClosedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ClosedAt, now), ct);
        if (closed == 0) return false;
        var rows = await FreezeRanksAsync(db, contestId, ct);
        await tx.CommitAsync(ct);
        caches.ForgetContest(contestId);
        log.LogInformation("Contest {Contest} closed; {Rows} ranks frozen", contestId, rows);
        return true;
    }

    /// <summary>
    /// Recomputes the frozen ranking of a closed contest after a result was voided, inside the caller's transaction,
    /// and marks it revised; false when the contest is not closed (its ranking is not frozen yet).
    /// </summary>
    public static async Task<bool> ReviseRanksAsync(LearnDbContext db, long contestId, DateTime now, CancellationToken ct)
    {
        var revised = await db.Set<Contest>().Where(c => c.Id == contestId && c.ClosedAt != null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.FinalRevisedAt, now), ct);
        if (revised == 0) return false;
        await db.Set<ContestFinalRank>().Where(r => r.ContestId == contestId).ExecuteDeleteAsync(ct);
        await FreezeRanksAsync(db, contestId, ct);
        return true;
    }

    private static Task<int> FreezeRanksAsync(LearnDbContext db, long contestId, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO contest_final_ranks (contest_id, rank, member_id, organization_id, organization_path, score, correct_count, total_ms, reached_at)
            SELECT contest_id,
                   ROW_NUMBER() OVER (ORDER BY score DESC, total_ms, CASE WHEN reached_at IS NULL THEN 1 ELSE 0 END, reached_at, member_id),
                   member_id, organization_id, organization_path, score, correct_count, total_ms, reached_at
            FROM contest_entries WHERE contest_id = {contestId} AND NOT voided
            """, ct);

    /// <summary>Contests whose window has ended but which are not closed yet (for the lifecycle job).</summary>
    public async Task<IReadOnlyList<long>> DueForClosingAsync(CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.Set<Contest>().Where(c => c.ClosedAt == null && c.EndsAt <= now).Select(c => c.Id).ToListAsync(ct);
    }
}

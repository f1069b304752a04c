using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace Learn.Core.Contests.Boards;

public sealed partial class BoardRebuilder
{
    /// <summary>
    /// The voided set comes back with the board. A rebuild keeps it when Redis still holds it, but after a flush or a
    /// restart without data it is gone, and a change queued on an instance before a void (ADR 0307) would then put the
    /// voided result back on the rebuilt board. Restored from the database before the board is marked ready, so every
    /// change applied after that sees it. Few rows: voids are rare.
    /// </summary>
    private async Task RestoreVoidedAsync(DbContext db, long contestId, CancellationToken ct)
    {
        var voided = await db.Set<ContestEntry>().AsNoTracking().Where(e => e.ContestId == contestId && e.Voided)
            .Select(e => e.MemberId).ToListAsync(ct);
        if (voided.Count > 0) await Db.SetAddAsync(BoardKeys.Voided(contestId), [.. voided.Select(m => (RedisValue)m)]);
    }
}

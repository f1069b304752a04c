using Learn.Core.Data;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace Learn.Core.Contests.Boards;

public sealed partial class BoardRebuilder
{
    /// <summary>
    /// Re-reads the members writers queued while the rebuild ran and applies the difference to what the
    /// snapshot counted; marks the board ready only when the queue is empty in the same transaction.
    /// </summary>
    private async Task DrainPendingAsync(LearnDbContext db, Contest? contest, BoardSnapshot snapshot, CancellationToken ct)
    {
        var contestId = contest?.Id ?? 0;
        while (true)
        {
            var take = Db.CreateTransaction();
            var range = take.ListRangeAsync(BoardKeys.Pending(contestId), 0, 999);
            _ = take.ListTrimAsync(BoardKeys.Pending(contestId), 1000, -1);
            await take.ExecuteAsync();
            var ids = (await range).Select(v => (long)v).Distinct().ToArray();
            if (ids.Length == 0)
            {
                var done = Db.CreateTransaction();
                done.AddCondition(Condition.ListLengthEqual(BoardKeys.Pending(contestId), 0));
                _ = done.StringSetAsync(BoardKeys.State(contestId), BoardKeys.Ready);
                if (await done.ExecuteAsync()) return;
                continue;
            }
            if (contest is null) continue;
            var current = new Dictionary<long, BoardChange>();
            await foreach (var c in QueryChanges(db, contest, ids).WithCancellation(ct)) current[c.MemberId] = c;
            var counted = snapshot.Find(ids);
            var batch = Db.CreateBatch();
            foreach (var id in ids)
            {
                var now = current.GetValueOrDefault(id);
                BoardChange? change = (counted.TryGetValue(id, out var before), now) switch
                {
                    (false, null) => null,
                    (true, null) => new BoardChange(id, before.Path, 0, 0, -before.Score) { Removed = true },
                    (false, not null) => now,
                    _ => now! with { Delta = now!.Delta - before.Score, Joined = false },
                };
                if (change is null) continue;
                ContestBoard.AddOperations(batch, contestId, change);
                if (now is null) snapshot.Remove(id);
                else snapshot.Set(id, now.Delta, now.OrganizationPath);
            }
            batch.Execute();
            await Db.PingAsync(); // commands on one connection complete in order: the ping returns after the batch
        }
    }

    /// <summary>Counted (non-voided) entries of a few members as changes that add the whole score; Delta carries the score.</summary>
    private static async IAsyncEnumerable<BoardChange> QueryChanges(LearnDbContext db, Contest contest, long[] memberIds)
    {
        var unit = BoardScore.ReachedUnitMs(contest.StartsAt, contest.EndsAt);
        var rows = from e in db.Set<ContestEntry>().AsNoTracking()
                   where e.ContestId == contest.Id && !e.Voided && memberIds.Contains(e.MemberId)
                   join m in db.Members on e.MemberId equals m.Id
                   select new { e.MemberId, e.OrganizationPath, e.OrganizationId, e.Score, e.TotalMs, e.ReachedAt, e.CorrectCount, e.BoardVersion, m.Name };
        await foreach (var e in rows.AsAsyncEnumerable())
            yield return new BoardChange(e.MemberId, e.OrganizationPath,
                BoardScore.Encode(e.Score, e.TotalMs, e.ReachedAt, contest.StartsAt, unit), e.CorrectCount, e.Score)
            { Name = e.Name, OrganizationId = e.OrganizationId, Joined = true, Version = e.BoardVersion };
    }
}

using System.Diagnostics;
using Learn.Core.Data;
using Learn.Core.Redis;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Learn.Core.Contests.Boards;

/// <summary>
/// Rebuilds a contest's boards from the database: automatically when the state marker is missing,
/// or by <c>dotnet Learn.Api.dll rebuild-boards</c>. One instance rebuilds (a Redis lock); changes
/// committed meanwhile are queued by writers and re-read here before the board is marked ready.
/// Built for speed after Redis returns empty (docs/decisions/0309-fast-board-rebuild.md): one plain
/// reader over contest_entries, a compact snapshot, ZADD in the skip list's cheapest order with
/// several chunks in flight, correct counts packed 64 to a field, names left for the reads that show them.
/// </summary>
public sealed partial class BoardRebuilder(RedisStore redis, IDbContextFactory<LearnDbContext> dbs, ILogger<BoardRebuilder> log)
{
    private IDatabase Db => redis.Database;

    /// <param name="rebuilding">
    /// Called once this call owns the rebuild and the board is marked "rebuilding", before the database is read: every
    /// change committed before that moment is in the rebuild, and every later one is queued for its drain. Not called
    /// when another instance owns the rebuild, except on seeing its board "rebuilding" (from then on this instance's
    /// changes are queued for that rebuild's drain); this call then only waits for it.
    /// </param>
    public async Task RebuildAsync(long contestId, CancellationToken ct = default, Action? rebuilding = null)
    {
        var token = Guid.NewGuid().ToString("N");
        if (!await Db.StringSetAsync(BoardKeys.Lock(contestId), token, TimeSpan.FromMinutes(5), When.NotExists))
        {
            await WaitReadyAsync(contestId, ct, rebuilding);
            return;
        }
        try
        {
            var started = Stopwatch.GetTimestamp();
            var reset = Db.CreateTransaction();
            _ = reset.KeyDeleteAsync(BoardKeys.All(contestId));
            _ = reset.StringSetAsync(BoardKeys.State(contestId), BoardKeys.Rebuilding);
            await reset.ExecuteAsync();
            rebuilding?.Invoke();

            await using var db = await dbs.CreateDbContextAsync(ct);
            var contest = await db.Set<Contest>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == contestId, ct);
            await RestoreVoidedAsync(db, contestId, ct);
            var snapshot = contest is null ? new BoardSnapshot() : await ReadEntriesAsync(db, contest, ct);
            var read = Stopwatch.GetElapsedTime(started);
            await WriteAsync(contestId, snapshot);
            var written = Stopwatch.GetElapsedTime(started);
            await DrainPendingAsync(db, contest, snapshot, ct);
            log.LogInformation("Board of contest {Contest} rebuilt from the database: {Count} participants, read {Read} ms, written {Written} ms, ready {Ready} ms",
                contestId, snapshot.Count, (long)read.TotalMilliseconds, (long)written.TotalMilliseconds, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            await redis.Subscriber.PublishAsync(redis.Channel(BoardKeys.ChangedChannel(contestId)), "1", CommandFlags.FireAndForget);
        }
        finally
        {
            await Db.LockReleaseAsync(BoardKeys.Lock(contestId), token);
        }
    }

    /// <summary>Rebuilds every contest that has not been closed (the <c>rebuild-boards</c> command).</summary>
    public async Task<int> RebuildOpenContestsAsync(CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var ids = await db.Set<Contest>().Where(c => c.ClosedAt == null).Select(c => c.Id).ToListAsync(ct);
        foreach (var id in ids) await RebuildAsync(id, ct);
        return ids.Count;
    }

    public async Task WaitReadyAsync(long contestId, CancellationToken ct = default, Action? rebuilding = null)
    {
        for (var i = 0; i < 1200; i++)
        {
            var state = await Db.StringGetAsync(BoardKeys.State(contestId));
            if (state == BoardKeys.Ready) return;
            if (state == BoardKeys.Rebuilding && rebuilding is not null)
            {
                rebuilding();
                rebuilding = null;
            }
            if (state.IsNull && !await Db.KeyExistsAsync(BoardKeys.Lock(contestId)))
            {
                await RebuildAsync(contestId, ct, rebuilding);
                return;
            }
            await Task.Delay(50, ct);
        }
        throw new TimeoutException($"Board of contest {contestId} is still being rebuilt.");
    }
}

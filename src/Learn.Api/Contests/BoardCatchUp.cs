using System.Collections.Concurrent;
using Learn.Core.Contests.Boards;
using StackExchange.Redis;

namespace Learn.Api.Contests;

/// <summary>
/// Keeps Redis out of the answer's fate. A committed batch's board change is applied right after the
/// commit, but a Redis failure (stopped, restarting, flushed) never fails the batch: the contest is
/// marked behind and this service rebuilds its board from the database as soon as Redis answers
/// again, by itself, off the answer path (no writer waits on a rebuild). While a contest is behind,
/// writers skip Redis for it; the rebuild reads everything they committed.
/// </summary>
public sealed class BoardCatchUp(ContestBoard board, BoardRebuilder rebuilder, ILogger<BoardCatchUp> log) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(500);
    private readonly ConcurrentDictionary<long, byte> _behind = new();

    /// <summary>Contests whose board waits for a rebuild on this instance.</summary>
    public int Behind => _behind.Count;

    /// <summary>Applies the changes, or marks the contest behind; never throws for Redis.</summary>
    public async Task ApplyAsync(long contestId, IReadOnlyList<BoardChange> changes)
    {
        if (_behind.ContainsKey(contestId)) return;
        try
        {
            if (!await board.TryApplyAsync(contestId, changes)) _behind.TryAdd(contestId, 0);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            if (_behind.TryAdd(contestId, 0)) log.LogWarning(ex, "Board of contest {Contest} fell behind (Redis); rebuilding when Redis is back", contestId);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(Every);
        while (await timer.WaitForNextTickAsync(stop))
        {
            foreach (var contestId in _behind.Keys)
            {
                // Cleared first: changes committed from now on go to Redis again (queued there while the rebuild runs).
                _behind.TryRemove(contestId, out _);
                try
                {
                    await rebuilder.RebuildAsync(contestId, stop);
                    log.LogInformation("Board of contest {Contest} caught up from the database", contestId);
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException)
                {
                    _behind.TryAdd(contestId, 0);
                }
            }
        }
    }
}

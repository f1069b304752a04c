using System.Collections.Concurrent;
using System.Threading.Channels;
using Learn.Core.Contests.Boards;

namespace Learn.Api.Contests;

/// <summary>
/// Keeps Redis off the answer's critical path (docs/decisions/0306-answer-critical-path.md). A committed
/// batch's board changes are queued here and the batch is acknowledged at once; one loop applies the
/// queue to Redis in commit order. A Redis failure (stopped, restarting, flushed) marks the contest
/// behind: its queued changes are dropped (all are committed, so the database has them) and the
/// catch-up loop rebuilds the board from the database as soon as Redis answers again, by itself.
/// No answer writer ever waits on Redis or on a rebuild. The apply loop, the read-your-own-answer wait and
/// the drain at SIGTERM are in BoardCatchUp.Apply.cs.
/// </summary>
public sealed partial class BoardCatchUp(ContestBoard board, BoardRebuilder rebuilder, TopSnapshots snapshots, ILogger<BoardCatchUp> log) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(500);

    private sealed record Queued(long ContestId, IReadOnlyList<BoardChange> Changes, long Seq);

    // Bounded so a Redis that is slow (not down) cannot grow memory without end: a full queue marks the contest behind.
    private readonly Channel<Queued> _queue = Channel.CreateBounded<Queued>(new BoundedChannelOptions(20_000) { SingleReader = true });
    private readonly ConcurrentDictionary<long, byte> _behind = new();
    // Per contest: changes queued up to this sequence number were committed before a rebuild began, so the rebuild has them.
    private readonly ConcurrentDictionary<long, long> _coveredUpTo = new();
    private TaskCompletionSource _wake = NewSignal();
    private long _seq;
    private long _handled;

    /// <summary>Contests whose board waits for a rebuild on this instance.</summary>
    public int Behind => _behind.Count;

    /// <summary>Queues a committed batch's changes; returns at once and never throws.</summary>
    public void Enqueue(long contestId, IReadOnlyList<BoardChange> changes)
    {
        if (changes.Count == 0) return;
        if (_behind.ContainsKey(contestId))
        {
            snapshots.Changed(contestId, changes); // dropped for the rebuild, but this instance's cached top N must not outlive it
            return;
        }
        lock (_queue)
        {
            // Sequence numbers enter the queue in order, so "handled up to" is one number. The members are noted
            // before the write: the apply loop may take the item at once, and it forgets them after applying.
            var seq = _seq + 1;
            NotePending(contestId, changes, seq);
            if (_queue.Writer.TryWrite(new Queued(contestId, changes, seq))) Interlocked.Increment(ref _seq);
            else
            {
                ForgetPending(contestId, changes, seq);
                MarkBehind(contestId, null);
            }
        }
    }

    protected override Task ExecuteAsync(CancellationToken stop)
    {
        _applying = ApplyLoopAsync(stop);
        return Task.WhenAll(_applying, CatchUpLoopAsync(stop));
    }

    private async Task CatchUpLoopAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            // A contest that just fell behind is taken at once; one whose rebuild failed (Redis still down) every tick.
            var wake = Volatile.Read(ref _wake);
            await Task.WhenAny(Task.Delay(Every, stop), wake.Task);
            if (wake.Task.IsCompleted) Interlocked.CompareExchange(ref _wake, NewSignal(), wake);
            foreach (var contestId in _behind.Keys)
            {
                var cleared = false;
                try
                {
                    // Cleared only once the board says "rebuilding" and before the database is read: a change dropped
                    // while behind was committed before that read, and a later one meets "rebuilding" in Redis and is
                    // queued for the rebuild's drain. (Cleared before the marker, a change applied in between found
                    // the board missing and put the contest behind again, its next changes dropped until a later tick
                    // while reads were served the board the rebuild had just made.)
                    await rebuilder.RebuildAsync(contestId, stop, () =>
                    {
                        _coveredUpTo[contestId] = Interlocked.Read(ref _seq); // everything queued so far is in the rebuild
                        _behind.TryRemove(contestId, out _);
                        cleared = true;
                        Interlocked.Exchange(ref _advanced, NewSignal()).TrySetResult();
                    });
                    if (cleared) log.LogInformation("Board of contest {Contest} caught up from the database", contestId);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Redis or the database still down: try again on the next tick.
                    _behind.TryAdd(contestId, 0);
                }
            }
        }
    }

    private void MarkBehind(long contestId, Exception? ex)
    {
        if (!_behind.TryAdd(contestId, 0)) return;
        log.LogWarning(ex, "Board of contest {Contest} fell behind (Redis); rebuilding from the database when Redis is back", contestId);
        Volatile.Read(ref _wake).TrySetResult();
    }
}

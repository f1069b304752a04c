using System.Collections.Concurrent;
using System.Diagnostics;
using Learn.Core.Contests.Boards;

namespace Learn.Api.Contests;

/// <summary>
/// The apply side (docs/decisions/0307-board-reads-under-writes.md): one loop takes everything queued (up to
/// <see cref="MaxChangesPerApply"/>) and applies it with one script call per contest, the calls pipelined, in
/// commit order. A board read waits only when the reading member still has a change queued here, and is woken
/// by a signal, not by polling; on SIGTERM the queue is applied before the process ends (<see cref="StopAsync"/>).
/// </summary>
public sealed partial class BoardCatchUp
{
    /// <summary>Bounds one coalesced apply (a script's ARGV and the time Redis is busy with it).</summary>
    internal const int MaxChangesPerApply = 4_000;

    /// <summary>How long the stopping host gives the queue to reach Redis after the answer writers drained.</summary>
    public static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(5);

    // Per (contest, member): the sequence number of the member's latest queued change. An entry lives only
    // while that change is queued, so memory is bounded by the queue.
    private readonly ConcurrentDictionary<(long Contest, long Member), long> _pending = new();
    private TaskCompletionSource _advanced = NewSignal();
    private Task? _applying;

    /// <summary>Tests only: while set and not completed, the apply loop waits before each apply.</summary>
    internal Task? HeldForTests { get; set; }

    /// <summary>
    /// Waits (at most <paramref name="limit"/>) until the changes of <paramref name="memberId"/> queued on this
    /// instance before the call are in Redis, so a member reading right after an acknowledged answer sees it.
    /// While the contest is behind here (its changes dropped for a rebuild), a member waits for that rebuild to
    /// start: from then on the board is "rebuilding" and the read waits for it to be ready.
    /// Returns at once for anyone with nothing queued: anonymous readers, the big screen, other members.
    /// </summary>
    public Task SettledAsync(long contestId, long? memberId, TimeSpan limit, CancellationToken ct)
    {
        if (memberId is not { } member) return Task.CompletedTask;
        if (_behind.ContainsKey(contestId)) return UntilAsync(() => !_behind.ContainsKey(contestId), limit, ct);
        return _pending.TryGetValue((contestId, member), out var target) ? HandledAsync(target, limit, ct) : Task.CompletedTask;
    }

    /// <summary>Waits (at most <paramref name="limit"/>) until everything queued on this instance before the call is applied.</summary>
    public Task SettledAsync(TimeSpan limit, CancellationToken ct) => HandledAsync(Interlocked.Read(ref _seq), limit, ct);

    private Task HandledAsync(long target, TimeSpan limit, CancellationToken ct) =>
        UntilAsync(() => Interlocked.Read(ref _handled) >= target, limit, ct);

    /// <summary>Waits until <paramref name="done"/> holds, woken by each apply and each rebuild start, for at most <paramref name="limit"/>.</summary>
    private async Task UntilAsync(Func<bool> done, TimeSpan limit, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        while (!done())
        {
            var signal = Volatile.Read(ref _advanced);
            if (done()) return; // advanced between the check and taking the signal
            var left = limit - Stopwatch.GetElapsedTime(started);
            if (left <= TimeSpan.Zero) return;
            try
            {
                await signal.Task.WaitAsync(left, ct);
            }
            catch (TimeoutException)
            {
                return; // Redis slow: read what is there rather than hold the member
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Registered before AnswerWriter, so stopped after it: every committed batch is queued by now.
        _queue.Writer.TryComplete();
        if (_applying is { } applying)
        {
            try
            {
                await applying.WaitAsync(DrainLimit, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
            {
                log.LogWarning("Board queue not drained within {Limit}; those members' rows wait for their next answer or rebuild-boards", DrainLimit);
            }
        }
        await base.StopAsync(cancellationToken);
    }

    private async Task ApplyLoopAsync(CancellationToken stop)
    {
        var taken = new List<Queued>();
        // Not cancelled by the stop token: StopAsync completes the queue and this loop ends once it is applied.
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            var count = 0;
            while (count < MaxChangesPerApply && _queue.Reader.TryRead(out var item))
            {
                taken.Add(item);
                count += item.Changes.Count;
            }
            if (taken.Count == 0) continue;
            if (HeldForTests is { } held) await held.WaitAsync(stop);
            await ApplyAsync(taken);
            foreach (var item in taken) ForgetPending(item.ContestId, item.Changes, item.Seq);
            Interlocked.Exchange(ref _handled, taken[^1].Seq);
            Interlocked.Exchange(ref _advanced, NewSignal()).TrySetResult();
            taken.Clear();
        }
    }

    /// <summary>Concatenates the taken items per contest in queue (= commit) order; one script call per contest.</summary>
    private Task ApplyAsync(List<Queued> taken)
    {
        var byContest = new Dictionary<long, List<BoardChange>>();
        foreach (var item in taken)
        {
            var covered = _coveredUpTo.TryGetValue(item.ContestId, out var upTo) && item.Seq <= upTo;
            if (covered || _behind.ContainsKey(item.ContestId))
            {
                snapshots.Changed(item.ContestId, item.Changes); // the rebuild has them; this instance's top copy must not outlive it
                continue;
            }
            if (!byContest.TryGetValue(item.ContestId, out var changes)) byContest[item.ContestId] = changes = [];
            changes.AddRange(item.Changes);
        }
        return Task.WhenAll(byContest.Select(c => ApplyContestAsync(c.Key, c.Value))); // pipelined on the one connection
    }

    private async Task ApplyContestAsync(long contestId, List<BoardChange> changes)
    {
        try
        {
            if (!await board.TryApplyAsync(contestId, changes)) MarkBehind(contestId, null);
        }
        catch (Exception ex)
        {
            MarkBehind(contestId, ex);
        }
    }

    private void NotePending(long contestId, IReadOnlyList<BoardChange> changes, long seq)
    {
        foreach (var change in changes) _pending[(contestId, change.MemberId)] = seq;
    }

    // Removes an entry only while it still names this change: a later change of the same member keeps it.
    private void ForgetPending(long contestId, IReadOnlyList<BoardChange> changes, long seq)
    {
        foreach (var change in changes) _pending.TryRemove(KeyValuePair.Create((contestId, change.MemberId), seq));
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

using System.Collections.Concurrent;

namespace Learn.Core.Contests.Boards;

/// <summary>
/// Per-instance copies of each contest's top-N rows, at most <see cref="MaxAge"/> old: the top
/// board is the same for everyone, so thousands of reads a second need not each go to Redis.
/// A copy of data derived from Redis, never the only one. Changes written by this instance drop
/// an affected copy before the answer is acknowledged; changes from other instances show within
/// <see cref="MaxAge"/> (docs/decisions/0303-answer-path-throughput.md).
/// </summary>
public sealed class TopSnapshots
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    private sealed record Snapshot(int Count, IReadOnlyList<BoardRow> Rows, long TakenAt, double Cutoff, HashSet<long> Members);

    private sealed class State
    {
        public long Version;
        public int Building;
        public Dictionary<int, Snapshot> Current = [];
    }

    private readonly ConcurrentDictionary<long, State> _contests = new();

    private State Of(long contestId) => _contests.GetOrAdd(contestId, _ => new State());

    public IReadOnlyList<BoardRow>? Get(long contestId, int count)
    {
        var state = Of(contestId);
        lock (state)
            return state.Current.TryGetValue(count, out var s) && Environment.TickCount64 - s.TakenAt < MaxAge.TotalMilliseconds ? s.Rows : null;
    }

    /// <summary>Reads with <paramref name="read"/> and keeps the result unless a change arrived meanwhile.</summary>
    public async Task<IReadOnlyList<BoardRow>> FillAsync(long contestId, int count, Func<Task<(IReadOnlyList<BoardRow> Rows, double Cutoff)>> read)
    {
        var state = Of(contestId);
        long version;
        lock (state)
        {
            version = state.Version;
            state.Building++;
        }
        var takenAt = Environment.TickCount64;
        try
        {
            var (rows, cutoff) = await read();
            lock (state)
            {
                if (state.Version == version)
                    state.Current[count] = new Snapshot(count, rows, takenAt, cutoff, rows.Select(r => r.MemberId).ToHashSet());
            }
            return rows;
        }
        finally
        {
            lock (state) state.Building--;
        }
    }

    /// <summary>
    /// Called after this instance changed the board: drops every copy the changes could alter (a
    /// member on it, a new value at or above its lowest, a removal, a short board), and any copy being read now.
    /// </summary>
    public void Changed(long contestId, IReadOnlyList<BoardChange>? changes)
    {
        if (!_contests.TryGetValue(contestId, out var state)) return;
        lock (state)
        {
            if (state.Building == 0 && changes is not null && state.Current.Values.All(s => !Affects(s, changes))) return;
            state.Version++;
            state.Current.Clear();
        }
    }

    private static bool Affects(Snapshot s, IReadOnlyList<BoardChange> changes) =>
        s.Rows.Count < s.Count || changes.Any(c => c.Removed || c.Encoded >= s.Cutoff || s.Members.Contains(c.MemberId));
}

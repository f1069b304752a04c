using System.Globalization;
using Learn.Core.Hosting.Metrics;
using Learn.Core.Redis;
using StackExchange.Redis;

namespace Learn.Core.Contests.Boards;

/// <summary>
/// A contest's boards in Redis, derived from the database (contest_entries). Writers apply each
/// committed change only while the board's state marker says "ready"; while a rebuild runs they
/// queue the member for the rebuild to re-read; when the marker is gone (Redis flushed or
/// restarted) they trigger a rebuild, which reads the database after their commit. Writes and
/// reads are one Lua script each (<see cref="BoardScripts"/>): one Redis round trip.
/// </summary>
public sealed class ContestBoard(RedisStore redis, BoardRebuilder rebuilder, TopSnapshots snapshots)
{
    private IDatabase Db => redis.Database;

    public async Task ApplyAsync(long contestId, IReadOnlyList<BoardChange> changes)
    {
        if (!await TryApplyAsync(contestId, changes)) await rebuilder.RebuildAsync(contestId); // our change is committed, so a rebuild that starts now includes it
    }

    /// <summary>Like <see cref="ApplyAsync"/>, but false instead of rebuilding inline when the board is missing (Redis flushed or restarted).</summary>
    public async Task<bool> TryApplyAsync(long contestId, IReadOnlyList<BoardChange> changes)
    {
        if (changes.Count == 0) return true;
        LearnMetrics.BoardUpdatesPending.Add(changes.Count);
        try
        {
            // One atomic script: apply while "ready", queue the members while "rebuilding", else report the board missing.
            var outcome = (long)await Db.ScriptEvaluateAsync(BoardScripts.Apply, BoardScripts.ApplyKeys(contestId), BoardScripts.ApplyArgs(changes));
            if (outcome == 1)
                await redis.Subscriber.PublishAsync(redis.Channel(BoardKeys.ChangedChannel(contestId)), "1", CommandFlags.FireAndForget);
            return outcome != 0;
        }
        finally
        {
            LearnMetrics.BoardUpdatesPending.Add(-changes.Count);
            snapshots.Changed(contestId, changes);
        }
    }

    /// <summary>
    /// Takes a voided member off the boards (after the void committed). Exactly what the board holds for them leaves
    /// the roll-ups, and the member is marked so that no later change of theirs — one still queued on an instance
    /// from before the void, or an answer after it — returns them (<see cref="BoardScripts.Void"/>).
    /// </summary>
    public async Task VoidAsync(long contestId, long memberId, string organizationPath)
    {
        var orgs = BoardKeys.Ancestors(organizationPath).Select(o => (RedisValue)o).ToList();
        for (var round = 0; round < 10; round++)
        {
            var encoded = await Db.SortedSetScoreAsync(BoardKeys.Persons(contestId), memberId);
            RedisValue[] args = [memberId, encoded is { } e ? ((long)e).ToString(CultureInfo.InvariantCulture) : "",
                encoded is { } f ? BoardScore.ScoreOf(f) : 0, orgs.Count, .. orgs];
            var outcome = (long)await Db.ScriptEvaluateAsync(BoardScripts.Void, BoardScripts.VoidKeys(contestId), args);
            snapshots.Changed(contestId, [new BoardChange(memberId, organizationPath, 0, 0, 0) { Removed = true }]);
            if (outcome == 0) await rebuilder.RebuildAsync(contestId); // missing: rebuilt from the database, which leaves them out
            if (outcome != -1) return;
        }
        throw new InvalidOperationException($"Board of contest {contestId} kept moving while voiding member {memberId}.");
    }

    /// <summary>Queues the commands for one change on a batch or transaction (not awaited: they run on Execute).</summary>
    internal static void AddOperations(IDatabaseAsync db, long contestId, BoardChange change)
    {
        var member = (RedisValue)change.MemberId;
        if (change.Removed)
        {
            _ = db.SortedSetRemoveAsync(BoardKeys.Persons(contestId), member);
            _ = db.ScriptEvaluateAsync(BoardCorrect.SetScript, [BoardKeys.Correct(contestId)], [member, 0, 0]);
        }
        else
        {
            _ = db.SortedSetAddAsync(BoardKeys.Persons(contestId), member, change.Encoded);
            _ = db.ScriptEvaluateAsync(BoardCorrect.SetScript, [BoardKeys.Correct(contestId)], [member, change.CorrectCount, change.Version + 1]);
        }
        if (change.Name is not null)
            _ = db.HashSetAsync(BoardKeys.Names(contestId), member,
                change.OrganizationId.ToString(CultureInfo.InvariantCulture) + "|" + change.Name);
        var participation = change.Joined ? 1 : change.Removed ? -1 : 0;
        foreach (var org in BoardKeys.Ancestors(change.OrganizationPath))
        {
            if (change.Delta != 0) _ = db.HashIncrementAsync(BoardKeys.OrgTotal(contestId), org, change.Delta);
            if (participation != 0) _ = db.HashIncrementAsync(BoardKeys.OrgParticipants(contestId), org, participation);
        }
    }

    /// <summary>Waits until the board is ready, rebuilding it from the database when Redis lost it.</summary>
    public async Task EnsureReadyAsync(long contestId, CancellationToken ct = default)
    {
        var state = await Db.StringGetAsync(BoardKeys.State(contestId));
        if (state == BoardKeys.Ready) return;
        if (state.IsNull) await rebuilder.RebuildAsync(contestId, ct);
        await rebuilder.WaitReadyAsync(contestId, ct);
    }

    /// <summary>
    /// The first <paramref name="count"/> rows. With <paramref name="allowSnapshot"/> this may be this
    /// instance's copy of up to <see cref="TopSnapshots.MaxAge"/> (see there); otherwise read from Redis.
    /// </summary>
    public async Task<IReadOnlyList<BoardRow>> TopAsync(long contestId, int count, CancellationToken ct = default, bool allowSnapshot = true)
    {
        if (allowSnapshot && snapshots.Get(contestId, count) is { } copy) return copy;
        var read = async () =>
        {
            var (rows, lowest, _) = await ReadAsync(contestId, ["top", count], ct);
            return (Rows: rows, Cutoff: lowest);
        };
        return allowSnapshot ? await snapshots.FillAsync(contestId, count, read) : (await read()).Rows;
    }

    /// <summary>The member's row and <paramref name="radius"/> rows either side; empty when not on the board.</summary>
    public async Task<(BoardRow? Me, IReadOnlyList<BoardRow> Around)> AroundAsync(long contestId, long memberId, int radius, CancellationToken ct = default)
    {
        var (rows, _, notOnBoard) = await ReadAsync(contestId, ["me", memberId, radius], ct);
        if (notOnBoard) return (null, []);
        return (rows.FirstOrDefault(x => x.MemberId == memberId), rows);
    }

    /// <summary>One round trip when the board is ready; otherwise wait for (or run) the rebuild and read again.</summary>
    private async Task<(IReadOnlyList<BoardRow> Rows, double Lowest, bool NotOnBoard)> ReadAsync(long contestId, RedisValue[] args, CancellationToken ct)
    {
        for (var round = 0; ; round++)
        {
            var result = await Db.ScriptEvaluateAsync(BoardScripts.Read, BoardScripts.ReadKeys(contestId), args);
            if (BoardScripts.Rows(result, out var notOnBoard, out var lowest, out var missingNames) is { } rows)
            {
                if (missingNames is not null) await rebuilder.FillNamesAsync(contestId, rows, missingNames, ct);
                return (rows, lowest, notOnBoard);
            }
            if (round == NotReadyRounds) throw NotReady(contestId);
            await EnsureReadyAsync(contestId, ct);
        }
    }

    public async Task<long> ParticipantCountAsync(long contestId)
    {
        await EnsureReadyAsync(contestId);
        return await Db.SortedSetLengthAsync(BoardKeys.Persons(contestId));
    }

    /// <summary>Raw roll-up figures for the given units: total score, participants, members in scope. One script call when ready.</summary>
    public async Task<IReadOnlyList<(long Total, long Participants, long Members)>> OrgFiguresAsync(long contestId, IReadOnlyList<long> orgIds)
    {
        if (orgIds.Count == 0) return [];
        var fields = orgIds.Select(i => (RedisValue)i).ToArray();
        for (var round = 0; ; round++)
        {
            var parts = (RedisResult[])(await Db.ScriptEvaluateAsync(BoardScripts.OrgRead, BoardScripts.OrgReadKeys(contestId), fields))!;
            if (parts.Length == 3)
            {
                var (t, p, m) = ((RedisValue[])parts[0]!, (RedisValue[])parts[1]!, (RedisValue[])parts[2]!);
                return orgIds.Select((_, i) => (Long(t[i]), Long(p[i]), Long(m[i]))).ToList();
            }
            if (round == NotReadyRounds) throw NotReady(contestId);
            if ((long)parts[0] == -2) await EnsureReadyAsync(contestId);
            else await rebuilder.RefreshMembersInScopeAsync(contestId);
        }
    }

    private static long Long(RedisValue v) => v.IsNull ? 0 : (long)v;

    // Each round waits for a rebuild to finish; more rounds only help when rebuilds follow one another (Redis flushed
    // again, several instances catching up). Past them the reader gets a 503 with Retry-After (a TimeoutException is
    // what Learn.Api's DatabaseUnavailable maps so), never a 500: the board comes back by itself.
    private const int NotReadyRounds = 6;

    private static TimeoutException NotReady(long contestId) => new($"Board of contest {contestId} is not ready yet (being rebuilt).");
}

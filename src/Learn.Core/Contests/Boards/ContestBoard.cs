using System.Globalization;
using Learn.Core.Redis;
using StackExchange.Redis;

namespace Learn.Core.Contests.Boards;

/// <summary>
/// A contest's boards in Redis, derived from the database (contest_entries). Writers apply each
/// committed change only while the board's state marker says "ready"; while a rebuild runs they
/// queue the member for the rebuild to re-read; when the marker is gone (Redis flushed or
/// restarted) they trigger a rebuild, which reads the database after their commit.
/// </summary>
public sealed class ContestBoard(RedisStore redis, BoardRebuilder rebuilder)
{
    private IDatabase Db => redis.Database;

    public async Task ApplyAsync(long contestId, IReadOnlyList<BoardChange> changes)
    {
        if (changes.Count == 0) return;
        for (var round = 0; round < 20; round++)
        {
            var tran = Db.CreateTransaction();
            tran.AddCondition(Condition.StringEqual(BoardKeys.State(contestId), BoardKeys.Ready));
            foreach (var change in changes) AddOperations(tran, contestId, change);
            if (await tran.ExecuteAsync())
            {
                await redis.Subscriber.PublishAsync(redis.Channel(BoardKeys.ChangedChannel(contestId)), "1", CommandFlags.FireAndForget);
                return;
            }
            var state = await Db.StringGetAsync(BoardKeys.State(contestId));
            if (state == BoardKeys.Rebuilding)
            {
                var queue = Db.CreateTransaction();
                queue.AddCondition(Condition.StringEqual(BoardKeys.State(contestId), BoardKeys.Rebuilding));
                _ = queue.ListRightPushAsync(BoardKeys.Pending(contestId), changes.Select(c => (RedisValue)c.MemberId).ToArray());
                if (await queue.ExecuteAsync()) return;
            }
            else if (state.IsNull)
            {
                // Our change is committed, so a rebuild that starts now includes it.
                await rebuilder.RebuildAsync(contestId);
                return;
            }
        }
        throw new InvalidOperationException($"Board of contest {contestId} stayed busy; it will be rebuilt on next read.");
    }

    /// <summary>Queues the commands for one change on a batch or transaction (not awaited: they run on Execute).</summary>
    internal static void AddOperations(IDatabaseAsync db, long contestId, BoardChange change)
    {
        var member = (RedisValue)change.MemberId;
        if (change.Removed)
        {
            _ = db.SortedSetRemoveAsync(BoardKeys.Persons(contestId), member);
            _ = db.HashDeleteAsync(BoardKeys.Correct(contestId), member);
        }
        else
        {
            _ = db.SortedSetAddAsync(BoardKeys.Persons(contestId), member, change.Encoded);
            _ = db.HashSetAsync(BoardKeys.Correct(contestId), member, change.CorrectCount);
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

    public async Task<IReadOnlyList<BoardRow>> TopAsync(long contestId, int count, CancellationToken ct = default)
    {
        await EnsureReadyAsync(contestId, ct);
        var entries = await Db.SortedSetRangeByRankWithScoresAsync(BoardKeys.Persons(contestId), 0, count - 1, Order.Descending);
        return await RowsAsync(contestId, entries, 1);
    }

    /// <summary>The member's row and <paramref name="radius"/> rows either side; empty when not on the board.</summary>
    public async Task<(BoardRow? Me, IReadOnlyList<BoardRow> Around)> AroundAsync(long contestId, long memberId, int radius, CancellationToken ct = default)
    {
        await EnsureReadyAsync(contestId, ct);
        var rank = await Db.SortedSetRankAsync(BoardKeys.Persons(contestId), memberId, Order.Descending);
        if (rank is not { } r) return (null, []);
        var from = Math.Max(0, r - radius);
        var entries = await Db.SortedSetRangeByRankWithScoresAsync(BoardKeys.Persons(contestId), from, r + radius, Order.Descending);
        var rows = await RowsAsync(contestId, entries, from + 1);
        return (rows.FirstOrDefault(x => x.MemberId == memberId), rows);
    }

    public async Task<long> ParticipantCountAsync(long contestId)
    {
        await EnsureReadyAsync(contestId);
        return await Db.SortedSetLengthAsync(BoardKeys.Persons(contestId));
    }

    private async Task<IReadOnlyList<BoardRow>> RowsAsync(long contestId, SortedSetEntry[] entries, long firstRank)
    {
        if (entries.Length == 0) return [];
        var ids = entries.Select(e => e.Element).ToArray();
        var batch = Db.CreateBatch();
        var names = batch.HashGetAsync(BoardKeys.Names(contestId), ids);
        var correct = batch.HashGetAsync(BoardKeys.Correct(contestId), ids);
        batch.Execute();
        var nameValues = await names;
        var correctValues = await correct;
        var rows = new List<BoardRow>(entries.Length);
        for (var i = 0; i < entries.Length; i++)
        {
            var nameParts = ((string?)nameValues[i] ?? "0|").Split('|', 2);
            rows.Add(new BoardRow(firstRank + i, (long)entries[i].Element, nameParts[1],
                long.Parse(nameParts[0], CultureInfo.InvariantCulture), BoardScore.ScoreOf(entries[i].Score),
                correctValues[i].IsNull ? 0 : (int)correctValues[i], BoardScore.TotalMsOf(entries[i].Score)));
        }
        return rows;
    }

    /// <summary>Raw roll-up figures for the given units: total score, participants, members in scope.</summary>
    public async Task<IReadOnlyList<(long Total, long Participants, long Members)>> OrgFiguresAsync(long contestId, IReadOnlyList<long> orgIds)
    {
        await EnsureReadyAsync(contestId);
        if (!await Db.KeyExistsAsync(BoardKeys.OrgMembers(contestId))) await rebuilder.RefreshMembersInScopeAsync(contestId);
        var fields = orgIds.Select(i => (RedisValue)i).ToArray();
        var batch = Db.CreateBatch();
        var totals = batch.HashGetAsync(BoardKeys.OrgTotal(contestId), fields);
        var parts = batch.HashGetAsync(BoardKeys.OrgParticipants(contestId), fields);
        var members = batch.HashGetAsync(BoardKeys.OrgMembers(contestId), fields);
        batch.Execute();
        var (t, p, m) = (await totals, await parts, await members);
        return orgIds.Select((_, i) => (Long(t[i]), Long(p[i]), Long(m[i]))).ToList();
    }

    private static long Long(RedisValue v) => v.IsNull ? 0 : (long)v;
}

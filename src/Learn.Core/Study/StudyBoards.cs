using System.Globalization;
using Learn.Core.Redis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Learn.Core.Study;

public enum BoardPeriod
{
    Week,
    Month,
    All,
}

public enum BoardSubject
{
    Person,
    Branch,
}

/// <summary>One place on a board: competition ranking, so equal points share a rank (1, 2, 2, 4).</summary>
public sealed record BoardPlace(long Id, int Rank, int Points);

/// <summary>
/// The study leaderboards in Redis: sorted sets of points per member and per 党支部, for this week
/// (Asia/Shanghai, from Monday), this month and all time. They are a cache of the ledger: a marker
/// key says they are complete, and when it is missing (Redis restarted empty, flushed, evicted)
/// the first reader or writer rebuilds them from the ledger. See docs/decisions/0201.
/// </summary>
public sealed partial class StudyBoards(RedisStore redis, StudyBoardRebuilder rebuilder, TimeProvider clock,
    IOptions<StudyOptions> options, ILogger<StudyBoards> logger)
{
    // One hash tag for all study-board keys: the recording transaction and the rebuild's renames touch
    // several boards and the marker at once, which a Redis Cluster allows only within one slot.
    internal const string Marker = "{study}:boards:built";
    internal const string Lock = "{study}:boards:rebuilding";

    public static string Key(BoardSubject subject, BoardPeriod period, DateOnly day) =>
        $"{{study}}:board:{subject.ToString().ToLowerInvariant()}:" + period switch
        {
            BoardPeriod.Week => "week:" + StudyCalendar.WeekStart(day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            BoardPeriod.Month => "month:" + day.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            _ => "all",
        };

    /// <summary>Adds a new ledger entry to every board it belongs on (after it committed).</summary>
    public async Task RecordAsync(StudyPointEntry entry, CancellationToken ct = default)
    {
        if (entry.Points == 0) return;
        try
        {
            var db = redis.Database;
            var tx = db.CreateTransaction();
            // Only onto complete boards: if the marker is gone, a rebuild (which reads this committed entry) follows.
            tx.AddCondition(Condition.KeyExists(Marker));
            var retention = TimeSpan.FromDays(options.Value.BoardRetentionDays);
            foreach (var period in Enum.GetValues<BoardPeriod>())
            {
                var person = Key(BoardSubject.Person, period, entry.Day);
                var branch = Key(BoardSubject.Branch, period, entry.Day);
                _ = tx.SortedSetIncrementAsync(person, entry.MemberId, entry.Points);
                _ = tx.SortedSetIncrementAsync(branch, entry.BranchId, entry.Points);
                if (period == BoardPeriod.All) continue;
                _ = tx.KeyExpireAsync(person, retention);
                _ = tx.KeyExpireAsync(branch, retention);
            }
            if (!await tx.ExecuteAsync()) await EnsureBuiltAsync(ct);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The ledger holds the points; the boards catch up at the next rebuild.
            LogRecordFailed(logger, entry.Id, ex);
            try { await redis.Database.KeyDeleteAsync(Marker); } catch (Exception e) when (e is RedisException or TimeoutException) { }
        }
    }

    /// <summary>The places <paramref name="start"/>..<paramref name="stop"/> (0-based) of a board, best first.</summary>
    public async Task<IReadOnlyList<BoardPlace>> RangeAsync(BoardSubject subject, BoardPeriod period, long start, long stop, CancellationToken ct = default)
    {
        await EnsureBuiltAsync(ct);
        var key = Key(subject, period, Shanghai.Today(clock));
        var db = redis.Database;
        var entries = await db.SortedSetRangeByRankWithScoresAsync(key, Math.Max(0, start), stop, Order.Descending);
        var places = new List<BoardPlace>(entries.Length);
        int rank = 0, position = 0;
        double? previous = null;
        foreach (var e in entries)
        {
            // Competition ranking: the first place of the window is 1 + how many scored strictly more.
            if (previous is null) rank = 1 + (int)await db.SortedSetLengthAsync(key, e.Score, double.PositiveInfinity, Exclude.Start);
            else if (e.Score < previous) rank = (int)Math.Max(start, 0) + position + 1;
            places.Add(new BoardPlace(long.Parse((string)e.Element!, CultureInfo.InvariantCulture), rank, (int)e.Score));
            previous = e.Score;
            position++;
        }
        return places;
    }

    /// <summary>Where one member or branch stands (null rank when it has no points in the period) and its 0-based position.</summary>
    public async Task<(BoardPlace Place, long? Position)> PlaceOfAsync(BoardSubject subject, BoardPeriod period, long id, CancellationToken ct = default)
    {
        await EnsureBuiltAsync(ct);
        var key = Key(subject, period, Shanghai.Today(clock));
        var db = redis.Database;
        var score = await db.SortedSetScoreAsync(key, id);
        if (score is null) return (new BoardPlace(id, 0, 0), null);
        var position = await db.SortedSetRankAsync(key, id, Order.Descending);
        var higher = await db.SortedSetLengthAsync(key, score.Value, double.PositiveInfinity, Exclude.Start);
        return (new BoardPlace(id, (int)higher + 1, (int)score.Value), position);
    }

    /// <summary>Every entry of a board (branch boards are small: one entry per branch).</summary>
    public async Task<IReadOnlyDictionary<long, int>> AllAsync(BoardSubject subject, BoardPeriod period, CancellationToken ct = default)
    {
        await EnsureBuiltAsync(ct);
        var entries = await redis.Database.SortedSetRangeByRankWithScoresAsync(Key(subject, period, Shanghai.Today(clock)));
        return entries.ToDictionary(e => long.Parse((string)e.Element!, CultureInfo.InvariantCulture), e => (int)e.Score);
    }

    /// <summary>Rebuilds the boards from the ledger when the marker is missing; one instance at a time.</summary>
    public async Task EnsureBuiltAsync(CancellationToken ct = default)
    {
        var db = redis.Database;
        if (await db.KeyExistsAsync(Marker)) return;
        var token = Guid.NewGuid().ToString("N");
        if (await db.StringSetAsync(Lock, token, TimeSpan.FromMinutes(2), When.NotExists))
        {
            try
            {
                LogRebuilding(logger);
                await rebuilder.RebuildAsync(Shanghai.Today(clock), ct);
            }
            finally
            {
                await db.LockReleaseAsync(Lock, token);
            }
            return;
        }
        // Another instance is rebuilding: wait for it rather than serve half a board.
        for (var i = 0; i < 100 && !await db.KeyExistsAsync(Marker); i++) await Task.Delay(100, ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Study boards missed ledger entry {EntryId}; they will be rebuilt")]
    private static partial void LogRecordFailed(ILogger logger, long entryId, Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Study boards missing in Redis: rebuilding from the ledger")]
    private static partial void LogRebuilding(ILogger logger);
}

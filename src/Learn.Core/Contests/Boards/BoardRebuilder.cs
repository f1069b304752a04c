using Learn.Core.Data;
using Learn.Core.Members;
using Learn.Core.Redis;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Learn.Core.Contests.Boards;

/// <summary>
/// Rebuilds a contest's boards from the database: automatically when the state marker is missing,
/// or by <c>dotnet Learn.Api.dll rebuild-boards</c>. One instance rebuilds (a Redis lock); changes
/// committed meanwhile are queued by writers and re-read here before the board is marked ready.
/// </summary>
public sealed class BoardRebuilder(RedisStore redis, IDbContextFactory<LearnDbContext> dbs, ILogger<BoardRebuilder> log)
{
    private const int Chunk = 5000;
    private IDatabase Db => redis.Database;

    private sealed record Counted(int Score, string Path);

    public async Task RebuildAsync(long contestId, CancellationToken ct = default)
    {
        var token = Guid.NewGuid().ToString("N");
        if (!await Db.StringSetAsync(BoardKeys.Lock(contestId), token, TimeSpan.FromMinutes(5), When.NotExists))
        {
            await WaitReadyAsync(contestId, ct);
            return;
        }
        try
        {
            var reset = Db.CreateTransaction();
            _ = reset.KeyDeleteAsync(BoardKeys.All(contestId));
            _ = reset.StringSetAsync(BoardKeys.State(contestId), BoardKeys.Rebuilding);
            await reset.ExecuteAsync();

            await using var db = await dbs.CreateDbContextAsync(ct);
            var contest = await db.Set<Contest>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == contestId, ct);
            var snapshot = new Dictionary<long, Counted>();
            if (contest is not null)
            {
                await LoadEntriesAsync(db, contest, snapshot, ct);
            }
            await DrainPendingAsync(db, contest, snapshot, ct);
            log.LogInformation("Board of contest {Contest} rebuilt from the database: {Count} participants", contestId, snapshot.Count);
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

    public async Task WaitReadyAsync(long contestId, CancellationToken ct = default)
    {
        for (var i = 0; i < 1200; i++)
        {
            var state = await Db.StringGetAsync(BoardKeys.State(contestId));
            if (state == BoardKeys.Ready) return;
            if (state.IsNull && !await Db.KeyExistsAsync(BoardKeys.Lock(contestId)))
            {
                await RebuildAsync(contestId, ct);
                return;
            }
            await Task.Delay(50, ct);
        }
        throw new TimeoutException($"Board of contest {contestId} is still being rebuilt.");
    }

    private async Task LoadEntriesAsync(LearnDbContext db, Contest contest, Dictionary<long, Counted> snapshot, CancellationToken ct)
    {
        var totals = new Dictionary<long, long>();
        var participants = new Dictionary<long, long>();
        var changes = new List<BoardChange>(Chunk);
        await foreach (var change in QueryChanges(db, contest, null).WithCancellation(ct))
        {
            snapshot[change.MemberId] = new Counted(BoardScore.ScoreOf(change.Encoded), change.OrganizationPath);
            foreach (var org in BoardKeys.Ancestors(change.OrganizationPath))
            {
                totals[org] = totals.GetValueOrDefault(org) + change.Delta;
                participants[org] = participants.GetValueOrDefault(org) + 1;
            }
            changes.Add(change with { Delta = 0, Joined = false });
            if (changes.Count == Chunk) await WriteChunkAsync(contest.Id, changes);
        }
        await WriteChunkAsync(contest.Id, changes);
        await Db.HashSetAsync(BoardKeys.OrgTotal(contest.Id), totals.Select(t => new HashEntry(t.Key, t.Value)).ToArray());
        await Db.HashSetAsync(BoardKeys.OrgParticipants(contest.Id), participants.Select(t => new HashEntry(t.Key, t.Value)).ToArray());
    }

    private async Task WriteChunkAsync(long contestId, List<BoardChange> changes)
    {
        if (changes.Count == 0) return;
        // Variadic ZADD/HSET: one command per chunk instead of one per participant.
        var batch = Db.CreateBatch();
        var tasks = new List<Task>
        {
            batch.SortedSetAddAsync(BoardKeys.Persons(contestId), changes.Select(c => new SortedSetEntry(c.MemberId, c.Encoded)).ToArray()),
            batch.HashSetAsync(BoardKeys.Correct(contestId), changes.Select(c => new HashEntry(c.MemberId, c.CorrectCount)).ToArray()),
            batch.HashSetAsync(BoardKeys.Names(contestId), changes.Select(c => new HashEntry(c.MemberId, $"{c.OrganizationId}|{c.Name}")).ToArray()),
        };
        batch.Execute();
        await Task.WhenAll(tasks);
        changes.Clear();
    }

    /// <summary>Counted (non-voided) entries as changes that add the whole score; Delta carries the score.</summary>
    private static async IAsyncEnumerable<BoardChange> QueryChanges(LearnDbContext db, Contest contest, long[]? memberIds)
    {
        var unit = BoardScore.ReachedUnitMs(contest.StartsAt, contest.EndsAt);
        var entries = db.Set<ContestEntry>().AsNoTracking().Where(e => e.ContestId == contest.Id && !e.Voided);
        if (memberIds is not null) entries = entries.Where(e => memberIds.Contains(e.MemberId));
        var rows = from e in entries
                   join m in db.Members on e.MemberId equals m.Id
                   select new { e.MemberId, e.OrganizationPath, e.OrganizationId, e.Score, e.TotalMs, e.ReachedAt, e.CorrectCount, m.Name };
        await foreach (var e in rows.AsAsyncEnumerable())
            yield return new BoardChange(e.MemberId, e.OrganizationPath,
                BoardScore.Encode(e.Score, e.TotalMs, e.ReachedAt, contest.StartsAt, unit), e.CorrectCount, e.Score)
            { Name = e.Name, OrganizationId = e.OrganizationId, Joined = true };
    }

    private async Task DrainPendingAsync(LearnDbContext db, Contest? contest, Dictionary<long, Counted> snapshot, CancellationToken ct)
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
            var batch = Db.CreateBatch();
            foreach (var id in ids)
            {
                var before = snapshot.GetValueOrDefault(id);
                var now = current.GetValueOrDefault(id);
                BoardChange? change = (before, now) switch
                {
                    (null, null) => null,
                    (not null, null) => new BoardChange(id, before.Path, 0, 0, -before.Score) { Removed = true },
                    (null, not null) => now,
                    _ => now! with { Delta = now!.Delta - before!.Score, Joined = false },
                };
                if (change is null) continue;
                ContestBoard.AddOperations(batch, contestId, change);
                if (now is null) snapshot.Remove(id);
                else snapshot[id] = new Counted(now.Delta, now.OrganizationPath);
            }
            batch.Execute();
            await Db.PingAsync(); // commands on one connection complete in order: the ping returns after the batch
        }
    }

    /// <summary>
    /// Members in scope per unit (the participation-rate denominator). The roster changes outside
    /// contests, so this is recounted from the database at most once a minute rather than kept forever.
    /// </summary>
    public async Task RefreshMembersInScopeAsync(long contestId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await db.Set<Contest>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == contestId, ct) is { } contest)
            await LoadMembersInScopeAsync(db, contest, ct);
    }

    private async Task LoadMembersInScopeAsync(LearnDbContext db, Contest contest, CancellationToken ct)
    {
        var perPath = await (from m in db.Members
                             where m.Status == MemberStatus.Active
                             join o in db.Organizations on m.OrganizationId equals o.Id
                             group m by o.Path into g
                             select new { Path = g.Key, Count = g.Count() }).ToListAsync(ct);
        var counts = new Dictionary<long, long>();
        void Add(string path, long n)
        {
            foreach (var org in BoardKeys.Ancestors(path)) counts[org] = counts.GetValueOrDefault(org) + n;
        }
        foreach (var p in perPath.Where(p => ContestAudience.InSubtrees(contest, p.Path)))
            Add(p.Path, p.Count);
        if (contest.HasWhitelist)
        {
            var listed = await (from w in db.Set<ContestWhitelistEntry>()
                                where w.ContestId == contest.Id
                                join m in db.Members on w.MemberId equals m.Id
                                join o in db.Organizations on m.OrganizationId equals o.Id
                                select o.Path).ToListAsync(ct);
            foreach (var path in listed.Where(p => !ContestAudience.InSubtrees(contest, p)))
                Add(path, 1);
        }
        var refresh = Db.CreateTransaction();
        _ = refresh.KeyDeleteAsync(BoardKeys.OrgMembers(contest.Id));
        _ = refresh.HashSetAsync(BoardKeys.OrgMembers(contest.Id), counts.Select(c => new HashEntry(c.Key, c.Value)).Append(new HashEntry("counted", 1)).ToArray());
        _ = refresh.KeyExpireAsync(BoardKeys.OrgMembers(contest.Id), TimeSpan.FromMinutes(1));
        await refresh.ExecuteAsync();
    }
}

using Learn.Core.Data;
using Learn.Core.Redis;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Learn.Core.Study;

/// <summary>
/// Recomputes the current boards from the ledger: the sums go to temporary keys, then one Redis
/// transaction swaps them in and sets the marker, so readers never see a half-built board.
/// </summary>
public sealed class StudyBoardRebuilder(IDbContextFactory<LearnDbContext> contexts, RedisStore redis, TimeProvider clock,
    IOptions<StudyOptions> options)
{
    public async Task RebuildAsync(DateOnly today, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var periods = new (BoardPeriod Period, DateOnly? From)[]
        {
            (BoardPeriod.Week, StudyCalendar.WeekStart(today)),
            (BoardPeriod.Month, StudyCalendar.MonthStart(today)),
            (BoardPeriod.All, null),
        };
        var redisDb = redis.Database;
        var suffix = ":rebuild:" + Guid.NewGuid().ToString("N");
        var built = new List<(string Key, bool HasEntries, bool Expires)>();
        foreach (var (period, from) in periods)
        {
            var entries = db.Set<StudyPointEntry>().AsNoTracking().Where(e => e.Points > 0 && (from == null || e.Day >= from));
            var people = await entries.GroupBy(e => e.MemberId).Select(g => new { Id = g.Key, Points = g.Sum(e => e.Points) }).ToListAsync(ct);
            var branches = await entries.GroupBy(e => e.BranchId).Select(g => new { Id = g.Key, Points = g.Sum(e => e.Points) }).ToListAsync(ct);
            foreach (var (subject, sums) in new[] { (BoardSubject.Person, people.Select(p => (p.Id, p.Points))), (BoardSubject.Branch, branches.Select(b => (b.Id, b.Points))) })
            {
                var key = StudyBoards.Key(subject, period, today);
                var values = sums.Select(s => new SortedSetEntry(s.Id, s.Points)).ToArray();
                foreach (var chunk in values.Chunk(1000)) await redisDb.SortedSetAddAsync(key + suffix, chunk);
                built.Add((key, values.Length > 0, period != BoardPeriod.All));
            }
        }

        var tx = redisDb.CreateTransaction();
        var retention = TimeSpan.FromDays(options.Value.BoardRetentionDays);
        foreach (var (key, hasEntries, expires) in built)
        {
            if (hasEntries)
            {
                _ = tx.KeyRenameAsync(key + suffix, key);
                if (expires) _ = tx.KeyExpireAsync(key, retention);
            }
            else
            {
                _ = tx.KeyDeleteAsync(key);
            }
        }
        _ = tx.StringSetAsync(StudyBoards.Marker, clock.GetUtcNow().ToString("O"));
        await tx.ExecuteAsync();
    }
}

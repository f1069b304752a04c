using Learn.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Learn.Core.Study;

/// <summary>One page of a list, with the total count for the pager.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    public const int MaxPageSize = 50;

    /// <summary>Clamps a requested page (1-based) and size to sane values.</summary>
    public static (int Page, int Size) Normalize(int? page, int? pageSize) =>
        (Math.Max(1, page ?? 1), Math.Clamp(pageSize ?? 20, 1, MaxPageSize));
}

public sealed record StudyPointsToday(StudyPointKind Kind, int Points, int DailyCap);

public sealed record StudyPointsSummary(int Total, int Today, int StreakDays, int LongestStreakDays,
    bool StudiedToday, IReadOnlyList<StudyPointsToday> TodayByKind);

public sealed record StudyLedgerLine(long Id, StudyPointKind Kind, int Points, int RequestedPoints, string Reason, DateOnly Day, DateTime OccurredAt);

/// <summary>Reads of a member's study points: total, today, streak, ledger. Members' card (/api/me) uses <see cref="TotalOfAsync"/>.</summary>
public sealed class StudyPointsQuery(LearnDbContext db, TimeProvider clock, IOptions<StudyOptions> options)
{
    /// <summary>The member's study points total (学习积分), 0 when they have none yet.</summary>
    public async Task<int> TotalOfAsync(long memberId, CancellationToken ct = default) =>
        await db.Set<StudyPointAccount>().Where(a => a.MemberId == memberId).Select(a => (int?)a.Total).FirstOrDefaultAsync(ct) ?? 0;

    public async Task<StudyPointsSummary> SummaryAsync(long memberId, CancellationToken ct = default)
    {
        var today = Shanghai.Today(clock);
        var account = await db.Set<StudyPointAccount>().AsNoTracking().FirstOrDefaultAsync(a => a.MemberId == memberId, ct);
        var byKind = await db.Set<StudyPointEntry>().Where(e => e.MemberId == memberId && e.Day == today)
            .GroupBy(e => e.Kind).Select(g => new { Kind = g.Key, Points = g.Sum(e => e.Points) }).ToListAsync(ct);
        var todayByKind = Enum.GetValues<StudyPointKind>()
            .Select(k => new StudyPointsToday(k, byKind.Where(x => x.Kind == k).Sum(x => x.Points), options.Value.DailyCapFor(k)))
            .ToList();
        return new StudyPointsSummary(account?.Total ?? 0, todayByKind.Sum(k => k.Points), StudyStreak.Current(account, today),
            account?.LongestStreakDays ?? 0, account?.LastStudyDay == today, todayByKind);
    }

    public async Task<Paged<StudyLedgerLine>> LedgerAsync(long memberId, int? page, int? pageSize, CancellationToken ct = default)
    {
        var (p, size) = Paged<StudyLedgerLine>.Normalize(page, pageSize);
        var query = db.Set<StudyPointEntry>().AsNoTracking().Where(e => e.MemberId == memberId);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(e => e.Id).Skip((p - 1) * size).Take(size)
            .Select(e => new StudyLedgerLine(e.Id, e.Kind, e.Points, e.RequestedPoints, e.Reason, e.Day, e.OccurredAt))
            .ToListAsync(ct);
        return new Paged<StudyLedgerLine>(items, p, size, total);
    }
}

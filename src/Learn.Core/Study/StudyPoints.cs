using Learn.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Learn.Core.Study;

/// <summary>The outcome of an award: what was granted now, or the earlier entry for a repeated key.</summary>
public sealed record StudyAward(long EntryId, int Points, int RequestedPoints, bool AlreadyAwarded)
{
    /// <summary>True when the daily cap cut the award short.</summary>
    public bool Capped => Points < RequestedPoints;
}

/// <summary>
/// Awards study points: one ledger entry per (member, idempotency key), capped per kind and
/// Asia/Shanghai day, updating the member's total and streak in the same transaction, then the
/// Redis boards. Contests call this too (kind <see cref="StudyPointKind.Contest"/> / Quiz).
/// </summary>
public sealed partial class StudyPoints(
    IDbContextFactory<LearnDbContext> contexts, StudyBoards boards, TimeProvider clock,
    IOptions<StudyOptions> options, ILogger<StudyPoints> logger)
{
    private const int MaxAttempts = 8;

    /// <summary>
    /// Awards <paramref name="points"/> unless this member already has an entry with
    /// <paramref name="idempotencyKey"/> (then that entry is returned). Safe to call concurrently
    /// and to retry: the unique index and the account's version make both end in one entry.
    /// </summary>
    public async Task<StudyAward> AwardAsync(long memberId, StudyPointKind kind, string idempotencyKey, int points, string reason,
        CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(points);
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(idempotencyKey.Length, 100, nameof(idempotencyKey));
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (reason.Length > 200) reason = reason[..200];

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var (award, entry) = await TryAwardAsync(memberId, kind, idempotencyKey, points, reason, ct);
                if (entry is not null) await boards.RecordAsync(entry, ct);
                return award;
            }
            catch (DbUpdateException ex) when (attempt < MaxAttempts)
            {
                // Another award to this member (or the same key) committed first: read again.
                LogRetry(logger, memberId, attempt, ex.GetType().Name);
                await Task.Delay(Random.Shared.Next(5, 20 * attempt), ct);
            }
        }
    }

    private async Task<(StudyAward Award, StudyPointEntry? New)> TryAwardAsync(long memberId, StudyPointKind kind,
        string key, int points, string reason, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var entries = db.Set<StudyPointEntry>();
        var existing = await entries.AsNoTracking().FirstOrDefaultAsync(e => e.MemberId == memberId && e.IdempotencyKey == key, ct);
        if (existing is not null) return (new StudyAward(existing.Id, existing.Points, existing.RequestedPoints, true), null);

        var path = await db.Members.Where(m => m.Id == memberId).Select(m => m.Organization!.Path).FirstOrDefaultAsync(ct)
            ?? throw new InvalidOperationException($"Member {memberId} does not exist.");
        var now = clock.GetUtcNow();
        var today = Shanghai.DayOf(now);
        // The account is read BEFORE today's sums: an award committing in between changes its
        // version, so our conditional update fails and we retry, instead of exceeding the cap.
        var account = await db.Set<StudyPointAccount>().FirstOrDefaultAsync(a => a.MemberId == memberId, ct);
        if (account is null) db.Add(account = new StudyPointAccount { MemberId = memberId });
        var earnedToday = await entries.Where(e => e.MemberId == memberId && e.Day == today)
            .GroupBy(e => e.Kind).Select(g => new { Kind = g.Key, Points = g.Sum(e => e.Points) }).ToListAsync(ct);
        var earnedOfKind = earnedToday.Where(e => e.Kind == kind).Sum(e => e.Points);
        var granted = Math.Clamp(options.Value.DailyCapFor(kind) - earnedOfKind, 0, points);

        var entry = new StudyPointEntry
        {
            MemberId = memberId, Kind = kind, Points = granted, RequestedPoints = points,
            Reason = granted < points ? Truncate(reason + "（已达今日上限）", 200) : reason,
            IdempotencyKey = key, Day = today, OccurredAt = now.UtcDateTime,
            BranchId = await StudyBranch.OfAsync(db, path, ct),
        };
        entries.Add(entry);

        account.Total += granted;
        account.Version++;
        account.UpdatedAt = now.UtcDateTime;
        StudyStreak.Count(account, today, earnedToday.Sum(e => e.Points) + granted, options.Value.StreakMinimumDailyPoints);

        await db.SaveChangesAsync(ct);
        return (new StudyAward(entry.Id, granted, points, false), entry);
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];

    [LoggerMessage(Level = LogLevel.Information, Message = "Study award to member {MemberId} retried (attempt {Attempt}): {Reason}")]
    private static partial void LogRetry(ILogger logger, long memberId, int attempt, string reason);
}

/// <summary>连续学习天数: consecutive Asia/Shanghai days on which a member earned enough points.</summary>
public static class StudyStreak
{
    /// <summary>Counts <paramref name="today"/> once its points reach the threshold; a gap restarts at 1.</summary>
    public static void Count(StudyPointAccount account, DateOnly today, int pointsToday, int threshold)
    {
        if (account.LastStudyDay == today || pointsToday < threshold) return;
        account.StreakDays = account.LastStudyDay == today.AddDays(-1) ? account.StreakDays + 1 : 1;
        account.LastStudyDay = today;
        account.LongestStreakDays = Math.Max(account.LongestStreakDays, account.StreakDays);
    }

    /// <summary>The streak as of today: it still stands until a whole day passes without study.</summary>
    public static int Current(StudyPointAccount? account, DateOnly today) =>
        account?.LastStudyDay is { } last && last >= today.AddDays(-1) ? account.StreakDays : 0;
}

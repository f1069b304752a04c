using System.Security.Cryptography;
using Learn.Core.Data;
using Learn.Core.Questions;
using Microsoft.EntityFrameworkCore;

namespace Learn.Core.Study.Practice;

/// <summary>
/// Picks a day's questions: the current version of active questions in the configured categories, preferring
/// questions the member has not practised in the last 30 days (the bank is small, so it is filtered in memory).
/// </summary>
internal static class PracticeDraw
{
    private const int FreshDays = 30;

    public static async Task<List<long>> VersionIdsAsync(LearnDbContext db, long memberId, DateOnly today, int count,
        IReadOnlyCollection<string> categories, CancellationToken ct)
    {
        var pool = (await db.Set<Question>().AsNoTracking().Where(q => q.IsActive && q.CurrentVersionId != null)
                .Select(q => new { q.Id, VersionId = q.CurrentVersionId!.Value, q.Tags }).ToListAsync(ct))
            .Where(q => categories.Count == 0 || QuestionTags.Split(q.Tags).Any(categories.Contains)).ToList();
        var since = today.AddDays(-FreshDays);
        var seen = (await (from s in db.Set<PracticeSession>()
                           where s.MemberId == memberId && s.Day >= since
                           join i in db.Set<PracticeItem>() on s.Id equals i.SessionId
                           join v in db.Set<QuestionVersion>() on i.QuestionVersionId equals v.Id
                           select v.QuestionId).ToListAsync(ct)).ToHashSet();
        return Shuffle(pool.Where(q => !seen.Contains(q.Id))).Concat(Shuffle(pool.Where(q => seen.Contains(q.Id))))
            .Take(count).Select(q => q.VersionId).ToList();
    }

    private static T[] Shuffle<T>(IEnumerable<T> items)
    {
        var array = items.ToArray();
        RandomNumberGenerator.Shuffle(array.AsSpan());
        return array;
    }
}

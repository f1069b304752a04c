using System.Security.Cryptography;
using Learn.Core.Questions;

namespace Learn.Core.Contests;

/// <summary>Random draws from the active bank by category and difficulty.</summary>
public static class QuestionDraw
{
    /// <summary>
    /// The contest's difficulty mix for a timed paper. When a difficulty runs short the rest comes
    /// from the other difficulties, so a paper is always full while the category has enough questions.
    /// </summary>
    public static List<long> Paper(IReadOnlyList<PoolQuestion> pool, Contest contest)
    {
        var eligible = pool.Where(q => q.InAny(contest.CategoryList)).ToList();
        var picked = new List<PoolQuestion>();
        foreach (var (level, count) in new[] { (Difficulty.Easy, contest.EasyCount), (Difficulty.Medium, contest.MediumCount), (Difficulty.Hard, contest.HardCount) })
            picked.AddRange(Shuffle(eligible.Where(q => q.Difficulty == level)).Take(count));
        var missing = contest.QuestionCount - picked.Count;
        if (missing > 0) picked.AddRange(Shuffle(eligible.Except(picked)).Take(missing));
        return Shuffle(picked).Select(q => q.VersionId).ToList();
    }

    /// <summary>One more question not yet used (challenge, live); null when the category is exhausted.</summary>
    public static long? Next(IReadOnlyList<PoolQuestion> pool, Contest contest, IReadOnlyCollection<long> usedQuestionIds)
    {
        var left = pool.Where(q => q.InAny(contest.CategoryList) && !usedQuestionIds.Contains(q.QuestionId)).ToList();
        return left.Count == 0 ? null : left[RandomNumberGenerator.GetInt32(left.Count)].VersionId;
    }

    public static int Available(IReadOnlyList<PoolQuestion> pool, Contest contest) => pool.Count(q => q.InAny(contest.CategoryList));

    private static List<T> Shuffle<T>(IEnumerable<T> items)
    {
        var list = items.ToList();
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = RandomNumberGenerator.GetInt32(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
        return list;
    }
}

namespace Learn.Core.Study;

/// <summary>
/// One line of the study points ledger. Append-only: rows are inserted by <see cref="StudyPoints"/>
/// and never updated or deleted; totals, caps, streaks and the Redis boards all derive from it.
/// </summary>
public class StudyPointEntry
{
    public long Id { get; set; }
    public long MemberId { get; set; }
    public StudyPointKind Kind { get; set; }

    /// <summary>Points granted; less than <see cref="RequestedPoints"/> (even 0) when the daily cap was reached.</summary>
    public int Points { get; set; }
    public int RequestedPoints { get; set; }
    public required string Reason { get; set; }

    /// <summary>Unique per member: the same key never awards twice, however often the request is retried.</summary>
    public required string IdempotencyKey { get; set; }

    /// <summary>The Asia/Shanghai calendar day of the award (caps, streaks, week and month boards).</summary>
    public DateOnly Day { get; set; }
    public DateTime OccurredAt { get; set; }

    /// <summary>The member's 党支部 when the points were earned, so a later transfer does not move them.</summary>
    public long BranchId { get; set; }
}

public enum StudyPointKind
{
    /// <summary>阅读文章</summary>
    Reading,
    /// <summary>答题</summary>
    Quiz,
    /// <summary>竞赛</summary>
    Contest,
}

/// <summary>
/// Running totals of one member, kept beside the ledger in the same transaction. Its
/// <see cref="Version"/> serialises concurrent awards to one member, which is what makes the
/// daily caps hold under concurrent requests on every provider.
/// </summary>
public class StudyPointAccount
{
    public long MemberId { get; set; }
    public int Total { get; set; }

    /// <summary>连续学习天数 as of <see cref="LastStudyDay"/>.</summary>
    public int StreakDays { get; set; }
    public int LongestStreakDays { get; set; }

    /// <summary>The last day that counted as a study day (enough points, see StudyOptions.StreakMinimumDailyPoints).</summary>
    public DateOnly? LastStudyDay { get; set; }
    public int Version { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>One member's reading of one article, measured on the server between start and finish.</summary>
public class ArticleReading
{
    public long Id { get; set; }
    public long MemberId { get; set; }
    public long ArticleId { get; set; }
    public DateTime StartedAt { get; set; }

    /// <summary>Set once the reading lasted long enough; then it never changes again.</summary>
    public DateTime? CompletedAt { get; set; }
    public int PointsAwarded { get; set; }
}

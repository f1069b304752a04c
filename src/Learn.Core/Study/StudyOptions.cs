using Microsoft.Extensions.Options;

namespace Learn.Core.Study;

/// <summary>The rules of daily study (section <c>Study</c>): points, caps, streaks, reading time, links.</summary>
public sealed class StudyOptions
{
    public const string Section = "Study";

    /// <summary>Points for one article read long enough.</summary>
    public int ReadingPoints { get; set; } = 1;

    /// <summary>Most points per kind a member can earn in one Asia/Shanghai day.</summary>
    public DailyCapOptions DailyCaps { get; set; } = new();

    /// <summary>A day counts toward 连续学习天数 once the member has earned this many points that day.</summary>
    public int StreakMinimumDailyPoints { get; set; } = 1;

    /// <summary>Reading pace behind the default minimum reading time: length ÷ this many characters per minute.</summary>
    public int CharactersPerMinute { get; set; } = 500;

    /// <summary>Bounds of the default minimum reading time, in seconds.</summary>
    public int MinimumReadingSeconds { get; set; } = 15;
    public int MaximumReadingSeconds { get; set; } = 300;

    /// <summary>Link to an article for the Official Account card; <c>{id}</c> is replaced by the article id.</summary>
    public string ArticleLinkTemplate { get; set; } = "https://learn.example.cn/study/articles/{id}";

    /// <summary>Picture of the Official Account card when the article has no cover.</summary>
    public string DefaultCoverUrl { get; set; } = "https://learn.example.cn/static/study-cover.png";

    /// <summary>How long week and month boards stay in Redis after their last award.</summary>
    public int BoardRetentionDays { get; set; } = 62;

    /// <summary>每日答题 (section <c>Study:Practice</c>).</summary>
    public PracticeOptions Practice { get; set; } = new();

    /// <summary>Points for taking part in a contest, awarded once per contest when it closes (ADR 0202).</summary>
    public int ContestPoints { get; set; } = 5;

    public int DailyCapFor(StudyPointKind kind) => kind switch
    {
        StudyPointKind.Reading => DailyCaps.Reading,
        StudyPointKind.Quiz => DailyCaps.Quiz,
        _ => DailyCaps.Contest,
    };
}

public sealed class DailyCapOptions
{
    public int Reading { get; set; } = 6;
    public int Quiz { get; set; } = 10;
    public int Contest { get; set; } = 20;
}

/// <summary>
/// 每日答题 for every member alike: the bank has no owner per organisation, so one configuration decides how many
/// questions, from which categories (tags; empty = the whole active bank), and the points per correct answer.
/// </summary>
public sealed class PracticeOptions
{
    public int QuestionCount { get; set; } = 5;
    public string[] Categories { get; set; } = [];
    public int PointsPerCorrect { get; set; } = 2;
}

/// <summary>Reports every bad study setting at once, each by its configuration key.</summary>
internal sealed class StudyOptionsValidator : IValidateOptions<StudyOptions>
{
    public ValidateOptionsResult Validate(string? name, StudyOptions o)
    {
        var errors = new List<string>();
        void Range(string key, int value, int min, int max)
        {
            if (value < min || value > max) errors.Add($"Study:{key} must be between {min} and {max} (was {value}).");
        }
        Range("ReadingPoints", o.ReadingPoints, 1, 1000);
        Range("DailyCaps:Reading", o.DailyCaps.Reading, 0, 100000);
        Range("DailyCaps:Quiz", o.DailyCaps.Quiz, 0, 100000);
        Range("DailyCaps:Contest", o.DailyCaps.Contest, 0, 100000);
        Range("Practice:QuestionCount", o.Practice.QuestionCount, 1, 50);
        Range("Practice:PointsPerCorrect", o.Practice.PointsPerCorrect, 1, 1000);
        Range("ContestPoints", o.ContestPoints, 1, 1000);
        Range("StreakMinimumDailyPoints", o.StreakMinimumDailyPoints, 1, 100000);
        Range("CharactersPerMinute", o.CharactersPerMinute, 50, 10000);
        Range("MinimumReadingSeconds", o.MinimumReadingSeconds, 0, 3600);
        Range("MaximumReadingSeconds", o.MaximumReadingSeconds, 1, 3600);
        Range("BoardRetentionDays", o.BoardRetentionDays, 35, 3660);
        if (o.MinimumReadingSeconds > o.MaximumReadingSeconds)
            errors.Add("Study:MinimumReadingSeconds must not exceed Study:MaximumReadingSeconds.");
        if (!o.ArticleLinkTemplate.Contains("{id}", StringComparison.Ordinal) || !IsHttpUrl(o.ArticleLinkTemplate.Replace("{id}", "1", StringComparison.Ordinal)))
            errors.Add("Study:ArticleLinkTemplate must be an http(s) URL containing {id}.");
        if (!IsHttpUrl(o.DefaultCoverUrl))
            errors.Add("Study:DefaultCoverUrl must be an http(s) URL.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsHttpUrl(string s) =>
        Uri.TryCreate(s, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp);
}

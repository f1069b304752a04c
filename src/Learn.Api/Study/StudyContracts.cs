using Learn.Core.Study;

namespace Learn.Api.Study;

public sealed record ColumnItem(long Id, string Name);

public sealed record ArticleItem(long Id, string Title, long ColumnId, string Column, string Summary, string? CoverImageUrl,
    string Source, DateOnly PublishOn, int MinReadingSeconds)
{
    public static ArticleItem Of(ArticleHeadline a) =>
        new(a.Id, a.Title, a.ColumnId, a.ColumnName, a.Summary, a.CoverImageUrl, a.Source, a.PublishOn, a.MinReadingSeconds);
}

/// <summary>Today's article; when there is none, <c>article</c> is null and <c>emptyMessage</c> says so.</summary>
public sealed record TodayResponse(DateOnly Date, ArticleItem? Article, ArticleItem[] More, string? EmptyMessage);

public sealed record ReadingResponse(bool Started, bool Completed, int PointsAwarded);

public sealed record ArticleDetailResponse(ArticleItem Article, string BodyHtml, int TextLength, ReadingResponse Reading);

public sealed record PageResponse<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    public static PageResponse<T> Of<TSource>(Paged<TSource> page, Func<TSource, T> map) =>
        new([.. page.Items.Select(map)], page.Page, page.PageSize, page.Total);
}

/// <summary>
/// A reading's state after start or finish. <c>completed</c> false with <c>remainingSeconds</c> &gt; 0
/// means too short: nothing earned yet. <c>newlyAwarded</c> is false for a repeated finish.
/// </summary>
public sealed record ReadResponse(bool Completed, int MinReadingSeconds, int ElapsedSeconds, int RemainingSeconds,
    int PointsAwarded, bool NewlyAwarded, bool DailyCapReached, string Message);

public sealed record PointsKindToday(string Kind, string Name, int Points, int DailyCap);

public sealed record LedgerLine(long Id, string Kind, int Points, int RequestedPoints, string Reason, DateOnly Day, DateTime OccurredAt);

public sealed record PointsResponse(int Total, int Today, int StreakDays, int LongestStreakDays, bool StudiedToday,
    PointsKindToday[] TodayByKind, PageResponse<LedgerLine> Ledger);

public static class StudyKindNames
{
    public static string Code(this StudyPointKind kind) => kind.ToString().ToLowerInvariant();

    public static string Chinese(this StudyPointKind kind) => kind switch
    {
        StudyPointKind.Reading => "阅读文章",
        StudyPointKind.Quiz => "答题",
        _ => "竞赛",
    };
}

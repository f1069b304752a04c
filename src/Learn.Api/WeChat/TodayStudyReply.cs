namespace Learn.Api.WeChat;

/// <summary>Today's article as the 今日学习 menu shows it.</summary>
/// <param name="Title">Title.</param>
/// <param name="Summary">One or two lines under the title.</param>
/// <param name="CoverUrl">Cover image (360×200); may be empty.</param>
/// <param name="Url">Where a tap leads (the article page).</param>
public sealed record TodayStudyArticle(string Title, string Summary, string CoverUrl, string Url);

/// <summary>
/// The study feature's answer to 今日学习. The study feature (issue 5) registers its own; until then
/// <see cref="NoTodayStudy"/> answers that there is no article today.
/// </summary>
public interface ITodayStudyReply
{
    /// <summary>Today's article in Asia/Shanghai, or null when there is none.</summary>
    Task<TodayStudyArticle?> TodayAsync(CancellationToken ct);
}

/// <summary>The stand-in until the study feature provides articles.</summary>
internal sealed class NoTodayStudy : ITodayStudyReply
{
    public Task<TodayStudyArticle?> TodayAsync(CancellationToken ct) => Task.FromResult<TodayStudyArticle?>(null);
}

using Learn.Core;
using Learn.Api.WeChat;
using Learn.Core.Study;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Learn.Api.Study;

/// <summary>
/// The 今日学习 menu's article: the whole organisation's (root's) article of the day, as a news
/// card. The menu click does not say which member taps it; <see cref="TodayArticles.MenuCardAsync"/>
/// takes an organisation when the caller knows the follower's.
/// </summary>
internal sealed class StudyTodayReply(TodayArticles today, TimeProvider clock) : ITodayStudyReply
{
    public async Task<TodayStudyArticle?> TodayAsync(CancellationToken ct)
    {
        var card = await today.MenuCardAsync(null, Shanghai.Today(clock), ct);
        return card is null ? null : new TodayStudyArticle(card.Title, card.Description, card.PicUrl, card.Url);
    }
}

public static class StudyApiRegistration
{
    /// <summary>Learn.Api's part of study: the 今日学习 reply for the Official Account (replaces the WeChat stand-in).</summary>
    public static IServiceCollection AddStudyApi(this IServiceCollection services)
    {
        services.RemoveAll<ITodayStudyReply>();
        services.AddScoped<ITodayStudyReply, StudyTodayReply>();
        return services;
    }
}

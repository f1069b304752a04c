using Learn.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Learn.Core.Study;

/// <summary>An article as lists, the day's article and the daily push show it (no body).</summary>
public sealed record ArticleHeadline(
    long Id, string Title, long ColumnId, string ColumnName, string Summary, string? CoverImageUrl, string Source,
    DateOnly PublishOn, int MinReadingSeconds, long AudienceOrganizationId, string AudiencePath);

/// <summary>The Official Account's news card (图文消息) for an article.</summary>
public sealed record ArticleCard(long ArticleId, string Title, string Description, string Url, string PicUrl);

/// <summary>
/// Which article is "today's" for an organisation: one published for that day whose audience is
/// the organisation itself, else its parent, and so on up to the root — the most specific wins
/// (latest created among equals). Used by the member API, the daily push job and the 今日学习 menu.
/// </summary>
public sealed class TodayArticles(LearnDbContext db, IOptions<StudyOptions> options)
{
    /// <summary>The menu reply text when there is no article for the day.</summary>
    public const string NothingTodayText = "今天还没有发布学习文章，请进入小程序查看往期文章。";

    /// <summary>The article of the day for an organisation, or null when none reaches it.</summary>
    public async Task<ArticleHeadline?> ForOrganizationAsync(long organizationId, DateOnly date, CancellationToken ct = default)
    {
        var path = await db.Organizations.Where(o => o.Id == organizationId).Select(o => o.Path).FirstOrDefaultAsync(ct);
        return path is null ? null : (await VisibleOnAsync(path, date, ct)).FirstOrDefault();
    }

    /// <summary>All articles of the day that reach an organisation path, most specific first.</summary>
    public async Task<IReadOnlyList<ArticleHeadline>> VisibleOnAsync(string organizationPath, DateOnly date, CancellationToken ct = default)
    {
        var ancestors = ArticleAudience.AncestorPaths(organizationPath);
        var items = await Headlines(db.Set<Article>().Where(a => a.PublishOn == date && ancestors.Contains(a.AudiencePath))).ToListAsync(ct);
        return [.. items.OrderByDescending(a => a.AudiencePath.Length).ThenByDescending(a => a.Id)];
    }

    /// <summary>
    /// For the daily push: every organisation that has an article of the day, with that article.
    /// The push job sends each subscriber the entry of their own organisation.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, ArticleHeadline>> ForAllOrganizationsAsync(DateOnly date, CancellationToken ct = default)
    {
        var published = await Headlines(db.Set<Article>().Where(a => a.PublishOn == date)).ToListAsync(ct);
        var result = new Dictionary<long, ArticleHeadline>();
        if (published.Count == 0) return result;
        var byPath = published.GroupBy(a => a.AudiencePath).ToDictionary(g => g.Key, g => g.MaxBy(a => a.Id)!);
        foreach (var org in await db.Organizations.AsNoTracking().Select(o => new { o.Id, o.Path }).ToListAsync(ct))
        {
            var best = ArticleAudience.AncestorPaths(org.Path).Reverse().Select(p => byPath.GetValueOrDefault(p)).FirstOrDefault(a => a is not null);
            if (best is not null) result[org.Id] = best;
        }
        return result;
    }

    /// <summary>
    /// The 今日学习 menu reply: a news card for the organisation's article of the day (the root's
    /// when the follower is not bound to a member), or null — then reply <see cref="NothingTodayText"/>.
    /// </summary>
    public async Task<ArticleCard?> MenuCardAsync(long? organizationId, DateOnly date, CancellationToken ct = default)
    {
        organizationId ??= await db.Organizations.Where(o => o.ParentId == null).OrderBy(o => o.Id).Select(o => (long?)o.Id).FirstOrDefaultAsync(ct);
        if (organizationId is null) return null;
        var article = await ForOrganizationAsync(organizationId.Value, date, ct);
        return article is null ? null : CardOf(article);
    }

    public ArticleCard CardOf(ArticleHeadline a) => new(
        a.Id, a.Title, a.Summary,
        options.Value.ArticleLinkTemplate.Replace("{id}", a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal),
        a.CoverImageUrl ?? options.Value.DefaultCoverUrl);

    internal static IQueryable<ArticleHeadline> Headlines(IQueryable<Article> articles) =>
        articles.AsNoTracking().Select(a => new ArticleHeadline(
            a.Id, a.Title, a.ColumnId, a.Column!.Name, a.Summary, a.CoverImageUrl, a.Source,
            a.PublishOn!.Value, a.MinReadingSeconds, a.AudienceOrganizationId, a.AudiencePath));
}

/// <summary>Audience rules: an article reaches every member whose organisation path starts with its audience path.</summary>
public static class ArticleAudience
{
    /// <summary><c>/1/4/17/</c> → <c>/1/</c>, <c>/1/4/</c>, <c>/1/4/17/</c>: the paths whose articles reach it.</summary>
    public static string[] AncestorPaths(string path)
    {
        var ids = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var result = new string[ids.Length];
        for (var i = 0; i < ids.Length; i++)
            result[i] = "/" + string.Join('/', ids.Take(i + 1)) + "/";
        return result;
    }
}

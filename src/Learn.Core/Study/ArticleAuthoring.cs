using Learn.Core.Auditing;
using Learn.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Learn.Core.Organizations;

namespace Learn.Core.Study;

/// <summary>What an organiser submits for an article. <see cref="PublishOn"/> null keeps it a draft.</summary>
public sealed record ArticleInput(
    string Title, long ColumnId, string Source, ArticleBodyFormat BodyFormat, string Body,
    long AudienceOrganizationId, DateOnly? PublishOn = null, string? Summary = null,
    string? CoverImageUrl = null, int? MinReadingSeconds = null);

/// <summary>The organiser acting, and the subtree they may publish to (null: everything, a super admin).</summary>
public sealed record ArticleAuthor(AuditActor Actor, string? ScopePath);

/// <summary>Either the saved article or field errors in Chinese (keys are the input's property names).</summary>
public sealed record ArticleSaveResult(Article? Article, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool Succeeded => Article is not null;
}

/// <summary>
/// Organiser-side create, edit and schedule of articles (Learn.Admin calls this). Bodies are
/// sanitised here, on save, so nothing unsafe is ever stored in <see cref="Article.BodyHtml"/>.
/// </summary>
public sealed class ArticleAuthoring(LearnDbContext db, Auditor auditor, TimeProvider clock, IOptions<StudyOptions> options)
{
    public async Task<ArticleSaveResult> CreateAsync(ArticleAuthor author, ArticleInput input, CancellationToken ct = default)
    {
        var article = new Article { Title = "", Summary = "", Source = "", Body = "", BodyHtml = "", AudiencePath = "" };
        var errors = await ApplyAsync(author, article, input, ct);
        if (errors.Count > 0) return new ArticleSaveResult(null, errors);
        article.CreatedByOrganizerId = author.Actor.Id;
        article.CreatedAt = article.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Add(article);
        await db.SaveChangesAsync(ct); // the id is needed by the audit entry
        auditor.Record(author.Actor, "article.create", nameof(Article), article.Id, after: Snapshot(article), organizationPath: article.AudiencePath);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new ArticleSaveResult(article, errors);
    }

    public async Task<ArticleSaveResult?> UpdateAsync(ArticleAuthor author, long id, ArticleInput input, CancellationToken ct = default)
    {
        var article = await db.Set<Article>().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (article is null || !InScope(author, article.AudiencePath)) return null;
        var before = Snapshot(article);
        var errors = await ApplyAsync(author, article, input, ct);
        if (errors.Count > 0) return new ArticleSaveResult(null, errors);
        article.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        auditor.Record(author.Actor, "article.update", nameof(Article), article.Id, before, Snapshot(article), article.AudiencePath);
        await db.SaveChangesAsync(ct);
        return new ArticleSaveResult(article, errors);
    }

    /// <summary>Publishes the article for <paramref name="publishOn"/>, or back to draft with null.</summary>
    public async Task<bool> ScheduleAsync(ArticleAuthor author, long id, DateOnly? publishOn, CancellationToken ct = default)
    {
        var article = await db.Set<Article>().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (article is null || !InScope(author, article.AudiencePath)) return false;
        var before = article.PublishOn;
        article.PublishOn = publishOn;
        article.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        auditor.Record(author.Actor, publishOn is null ? "article.unschedule" : "article.schedule", nameof(Article), article.Id,
            new { PublishOn = before }, new { PublishOn = publishOn }, article.AudiencePath);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Adds a column (专栏); null when the name is empty, too long or taken.</summary>
    public async Task<ArticleColumn?> AddColumnAsync(AuditActor actor, string name, CancellationToken ct = default)
    {
        name = name.Trim();
        if (name.Length is 0 or > 32 || await db.Set<ArticleColumn>().AnyAsync(c => c.Name == name, ct)) return null;
        var order = await db.Set<ArticleColumn>().MaxAsync(c => (int?)c.SortOrder, ct) ?? 0;
        var column = new ArticleColumn { Name = name, SortOrder = order + 1, CreatedAt = clock.GetUtcNow().UtcDateTime };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Add(column);
        await db.SaveChangesAsync(ct);
        auditor.Record(actor, "article-column.create", nameof(ArticleColumn), column.Id, after: new { column.Name });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return column;
    }

    private async Task<Dictionary<string, string[]>> ApplyAsync(ArticleAuthor author, Article article, ArticleInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        void Error(string field, string message) => errors[field] = [message];

        var title = input.Title?.Trim() ?? "";
        if (title.Length is 0 or > 100) Error(nameof(input.Title), "标题不能为空，且不超过100个字");
        var source = input.Source?.Trim() ?? "";
        if (source.Length is 0 or > 100) Error(nameof(input.Source), "来源不能为空，且不超过100个字");
        if (input.Summary is { Length: > 200 }) Error(nameof(input.Summary), "摘要不超过200个字");
        if (input.CoverImageUrl is { Length: > 0 } cover && (cover.Length > 500 || !IsHttpUrl(cover)))
            Error(nameof(input.CoverImageUrl), "封面图片须为 http(s) 网址");
        if (!Enum.IsDefined(input.BodyFormat)) Error(nameof(input.BodyFormat), "正文格式须为 Markdown 或 HTML");
        if (input.MinReadingSeconds is < 0 or > 3600) Error(nameof(input.MinReadingSeconds), "最短阅读时间须在0到3600秒之间");
        if (!await db.Set<ArticleColumn>().AnyAsync(c => c.Id == input.ColumnId, ct)) Error(nameof(input.ColumnId), "专栏不存在");
        var audience = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == input.AudienceOrganizationId, ct);
        if (audience is null || !InScope(author, audience.Path)) Error(nameof(input.AudienceOrganizationId), "只能向本组织及下级组织发布");

        var html = Enum.IsDefined(input.BodyFormat) ? ArticleBody.ToSafeHtml(input.Body ?? "", input.BodyFormat) : "";
        var length = ArticleBody.TextLength(html);
        if (length == 0) Error(nameof(input.Body), "正文不能为空");
        if (errors.Count > 0) return errors;

        article.Title = title;
        article.Source = source;
        article.ColumnId = input.ColumnId;
        article.CoverImageUrl = string.IsNullOrWhiteSpace(input.CoverImageUrl) ? null : input.CoverImageUrl;
        article.BodyFormat = input.BodyFormat;
        // An HTML body is stored only in its sanitised form; Markdown is kept as written for editing
        // (it is never served: members get BodyHtml).
        article.Body = input.BodyFormat == ArticleBodyFormat.Html ? html : input.Body!;
        article.BodyHtml = html;
        article.TextLength = length;
        article.Summary = string.IsNullOrWhiteSpace(input.Summary) ? ArticleBody.SummaryOf(html) : input.Summary.Trim();
        article.AudienceOrganizationId = audience!.Id;
        article.AudiencePath = audience.Path;
        article.PublishOn = input.PublishOn;
        article.MinReadingSecondsSet = input.MinReadingSeconds is not null;
        article.MinReadingSeconds = input.MinReadingSeconds ?? ArticleBody.DefaultMinReadingSeconds(length, options.Value);
        return errors;
    }

    private static bool InScope(ArticleAuthor author, string path) =>
        author.ScopePath is null || Subtree.Contains(author.ScopePath, path);

    private static bool IsHttpUrl(string s) =>
        Uri.TryCreate(s, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp);

    private static object Snapshot(Article a) => new
    {
        a.Title, a.ColumnId, a.Source, a.CoverImageUrl, a.AudienceOrganizationId, a.PublishOn, a.MinReadingSeconds, BodyLength = a.Body.Length,
    };
}

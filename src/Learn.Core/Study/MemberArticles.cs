using Learn.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Learn.Core.Study;

public sealed record ArticleDetail(ArticleHeadline Headline, string BodyHtml, int TextLength, ReadingState Reading);

/// <summary>A member's reading of one article: not started, started at, or completed with its points.</summary>
public sealed record ReadingState(DateTime? StartedAt, DateTime? CompletedAt, int PointsAwarded);

/// <summary>
/// The articles a member may read: published for today or earlier, with an audience that is
/// their organisation or one above it. Anything else is "not found" to them.
/// </summary>
public sealed class MemberArticles(LearnDbContext db, TimeProvider clock)
{
    public Task<string?> OrganizationPathOfAsync(long memberId, CancellationToken ct = default) =>
        db.Members.Where(m => m.Id == memberId).Select(m => m.Organization!.Path).FirstOrDefaultAsync(ct);

    public IQueryable<Article> VisibleTo(string organizationPath)
    {
        var today = Shanghai.Today(clock);
        var ancestors = ArticleAudience.AncestorPaths(organizationPath);
        return db.Set<Article>().AsNoTracking().Where(a => a.PublishOn != null && a.PublishOn <= today && ancestors.Contains(a.AudiencePath));
    }

    /// <summary>Past and today's articles, newest first, optionally of one column.</summary>
    public async Task<Paged<ArticleHeadline>> BrowseAsync(string organizationPath, long? columnId, int? page, int? pageSize, CancellationToken ct = default)
    {
        var (p, size) = Paged<ArticleHeadline>.Normalize(page, pageSize);
        var query = VisibleTo(organizationPath);
        if (columnId is not null) query = query.Where(a => a.ColumnId == columnId);
        var total = await query.CountAsync(ct);
        var items = await TodayArticles.Headlines(query.OrderByDescending(a => a.PublishOn).ThenByDescending(a => a.Id)
            .Skip((p - 1) * size).Take(size)).ToListAsync(ct);
        return new Paged<ArticleHeadline>(items, p, size, total);
    }

    public async Task<ArticleDetail?> DetailAsync(long memberId, string organizationPath, long articleId, CancellationToken ct = default)
    {
        var query = VisibleTo(organizationPath).Where(a => a.Id == articleId);
        var headline = await TodayArticles.Headlines(query).FirstOrDefaultAsync(ct);
        if (headline is null) return null;
        var body = await query.Select(a => new { a.BodyHtml, a.TextLength }).FirstAsync(ct);
        var reading = await db.Set<ArticleReading>().AsNoTracking().Where(r => r.MemberId == memberId && r.ArticleId == articleId)
            .Select(r => new ReadingState(r.StartedAt, r.CompletedAt, r.PointsAwarded)).FirstOrDefaultAsync(ct);
        return new ArticleDetail(headline, body.BodyHtml, body.TextLength, reading ?? new ReadingState(null, null, 0));
    }

    public Task<List<ArticleColumn>> ColumnsAsync(CancellationToken ct = default) =>
        db.Set<ArticleColumn>().AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Id).ToListAsync(ct);
}

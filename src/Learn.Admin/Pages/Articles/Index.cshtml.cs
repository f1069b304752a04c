using Learn.Admin.Hosting;
using Learn.Core.Data;
using Learn.Core.Study;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Learn.Admin.Pages.Articles;

/// <summary>文章: articles whose audience is inside the organiser's scope, newest publish day first (drafts on top).</summary>
public sealed class IndexModel(LearnDbContext db) : AdminPageModel
{
    public const int PageSize = 30;

    public sealed record Row(long Id, string Title, string Column, string Audience, DateOnly? PublishOn, int Readers);

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var articles = Scope.Filter(db.Set<Article>().AsNoTracking(), a => a.AudiencePath);
        if (!string.IsNullOrWhiteSpace(Q)) articles = articles.Where(a => a.Title.Contains(Q.Trim()));
        Total = await articles.CountAsync(ct);
        PageNumber = Math.Max(1, PageNumber);
        Rows = await articles.OrderBy(a => a.PublishOn != null).ThenByDescending(a => a.PublishOn).ThenByDescending(a => a.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(a => new Row(a.Id, a.Title, a.Column!.Name, a.AudienceOrganization!.Name, a.PublishOn,
                db.Set<ArticleReading>().Count(r => r.ArticleId == a.Id && r.CompletedAt != null)))
            .ToListAsync(ct);
    }
}

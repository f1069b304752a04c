using Learn.Admin.Hosting;
using Learn.Core.Data;
using Learn.Core.Organizations;
using Learn.Core.Study;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Learn.Admin.Pages.Articles;

/// <summary>
/// 写文章 / 编辑: Markdown or HTML, previewed exactly as members will get it (the sanitised HTML from
/// <see cref="ArticleBody.ToSafeHtml"/>) before saving; rules and scope are <see cref="ArticleAuthoring"/>'s.
/// </summary>
public sealed class EditModel(ArticleAuthoring authoring, LearnDbContext db, OrganizationTree tree) : AdminPageModel
{
    public sealed class Form
    {
        public string? Title { get; set; }
        public long ColumnId { get; set; }
        public string? Source { get; set; } = "学习平台编辑部";
        public ArticleBodyFormat BodyFormat { get; set; } = ArticleBodyFormat.Markdown;
        public string? Body { get; set; }
        public long? AudienceOrganizationId { get; set; }
        public DateOnly? PublishOn { get; set; }
        public string? Summary { get; set; }
        public int? MinReadingSeconds { get; set; }
    }

    [BindProperty]
    public Form Input { get; set; } = new();

    public long? Id { get; private set; }
    public string? PreviewHtml { get; private set; }
    public List<SelectListItem> Columns { get; private set; } = [];
    public List<SelectListItem> Audiences { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long? id, CancellationToken ct)
    {
        await LoadListsAsync(ct);
        Input.AudienceOrganizationId = Scope.OrganizationId;
        if (id is null) return Page();
        var article = await FindAsync(id.Value, ct);
        if (article is null) return NotFound();
        Id = article.Id;
        Input = new Form
        {
            Title = article.Title, ColumnId = article.ColumnId, Source = article.Source, BodyFormat = article.BodyFormat, Body = article.Body,
            AudienceOrganizationId = article.AudienceOrganizationId, PublishOn = article.PublishOn, Summary = article.Summary,
            MinReadingSeconds = article.MinReadingSecondsSet ? article.MinReadingSeconds : null,
        };
        return Page();
    }

    /// <summary>Shows the body as members will see it, without saving anything.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(long? id, CancellationToken ct)
    {
        if (id is { } existing && await FindAsync(existing, ct) is null) return NotFound();
        Id = id;
        await LoadListsAsync(ct);
        PreviewHtml = ArticleBody.ToSafeHtml(Input.Body ?? "", Input.BodyFormat);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? id, CancellationToken ct)
    {
        Id = id;
        await LoadListsAsync(ct);
        var author = new ArticleAuthor(Scope.Actor(), Scope.IsSuperAdmin ? null : Scope.PathPrefix());
        var input = new ArticleInput(Input.Title ?? "", Input.ColumnId, Input.Source ?? "", Input.BodyFormat, Input.Body ?? "",
            Input.AudienceOrganizationId ?? 0, Input.PublishOn, Input.Summary, null, Input.MinReadingSeconds);
        var result = id is { } existing ? await authoring.UpdateAsync(author, existing, input, ct) : await authoring.CreateAsync(author, input, ct);
        if (result is null) return NotFound();
        if (!result.Succeeded)
        {
            foreach (var (field, messages) in result.Errors)
                foreach (var message in messages) ModelState.AddModelError("Input." + field, message);
            return Page();
        }
        Flash = result.Article!.PublishOn is { } day ? $"已保存，{day:yyyy年M月d日}发布" : "已保存为草稿";
        return RedirectToPage("Index");
    }

    private Task<Article?> FindAsync(long id, CancellationToken ct)
    {
        return Scope.Filter(db.Set<Article>().AsNoTracking(), a => a.AudiencePath).SingleOrDefaultAsync(a => a.Id == id, ct);
    }

    private async Task LoadListsAsync(CancellationToken ct)
    {
        Columns = await db.Set<ArticleColumn>().AsNoTracking().OrderBy(c => c.SortOrder)
            .Select(c => new SelectListItem(c.Name, c.Id.ToString())).ToListAsync(ct);
        Audiences = OrganizationOptions.Of(await tree.ListAsync(Scope, ct));
    }
}

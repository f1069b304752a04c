using Learn.Core.Contests;
using Learn.Core.Data;
using Learn.Core.Questions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Learn.Admin.Pages.Questions;

/// <summary>题库: the current version of every question, filtered by text, kind, difficulty, category and state; paged.</summary>
public sealed class IndexModel(LearnDbContext db, QuestionBank bank, ContestCaches caches) : SuperAdminPageModel
{
    public const int PageSize = 30;

    public sealed record Row(long Id, QuestionKind Kind, string Stem, string Tags, Difficulty Difficulty, int VersionNo, bool IsActive);

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public QuestionKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public Difficulty? Difficulty { get; set; }
    [BindProperty(SupportsGet = true)] public string? Tag { get; set; }
    [BindProperty(SupportsGet = true)] public string State { get; set; } = "all";
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public IReadOnlyList<string> Tags { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var questions = db.Set<Question>().AsNoTracking();
        if (Kind is { } kind) questions = questions.Where(q => q.Kind == kind);
        if (Difficulty is { } level) questions = questions.Where(q => q.Difficulty == level);
        if (!string.IsNullOrWhiteSpace(Tag)) questions = questions.Where(q => q.Tags.Contains("|" + Tag.Trim() + "|"));
        if (State == "active") questions = questions.Where(q => q.IsActive);
        else if (State == "inactive") questions = questions.Where(q => !q.IsActive);
        var rows = from q in questions
                   join v in db.Set<QuestionVersion>() on q.CurrentVersionId equals v.Id
                   select new { q, v.Stem };
        if (!string.IsNullOrWhiteSpace(Q)) rows = rows.Where(r => r.Stem.Contains(Q.Trim()));
        Total = await rows.CountAsync(ct);
        PageNumber = Math.Max(1, PageNumber);
        Rows = await rows.OrderBy(r => r.q.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(r => new Row(r.q.Id, r.q.Kind, r.Stem, r.q.Tags, r.q.Difficulty, r.q.VersionNo, r.q.IsActive)).ToListAsync(ct);
        Tags = (await db.Set<Question>().AsNoTracking().Select(q => q.Tags).Distinct().ToListAsync(ct))
            .SelectMany(QuestionTags.Split).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>停用 / 启用: a stopped question is no longer drawn; past answers keep it.</summary>
    public async Task<IActionResult> OnPostActiveAsync(long id, bool active, CancellationToken ct)
    {
        if (!await bank.SetActiveAsync(id, active, Scope.Actor(), ct)) return NotFound();
        caches.ForgetPool();
        Flash = active ? $"已启用第 {id} 题" : $"已停用第 {id} 题";
        return RedirectToPage();
    }
}

using Learn.Core.Contests;
using Learn.Core.Data;
using Learn.Core.Questions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Learn.Admin.Pages.Questions;

/// <summary>
/// Editing a question adds a version (answers already given keep theirs). The form is checked by the
/// same <see cref="QuestionDraft.Parse"/> as an imported row, so the messages are the import's.
/// </summary>
public sealed class EditModel(LearnDbContext db, QuestionBank bank, ContestCaches caches) : SuperAdminPageModel
{
    public sealed class Form
    {
        public string Kind { get; set; } = "单选";
        public string? Stem { get; set; }
        public List<string?> Options { get; set; } = [];
        public string? Answer { get; set; }
        public string? Tags { get; set; }
        public string Difficulty { get; set; } = "中";
        public string? Explanation { get; set; }
    }

    [BindProperty]
    public Form Input { get; set; } = new();

    public long Id { get; private set; }
    public int VersionNo { get; private set; }

    public static readonly string[] Kinds = ["单选", "多选", "判断", "填空"];
    public static readonly string[] Levels = ["易", "中", "难"];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var version = await CurrentAsync(id, ct);
        if (version is null) return NotFound();
        var draft = QuestionDraft.Of(version);
        Input = new Form
        {
            Kind = QuestionDraft.KindName(draft.Kind), Stem = draft.Stem, Options = [.. draft.Options], Answer = draft.AnswerKey,
            Tags = string.Join('|', draft.Tags), Difficulty = QuestionDraft.DifficultyName(draft.Difficulty), Explanation = draft.Explanation,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (await CurrentAsync(id, ct) is null) return NotFound();
        var cells = new string[QuestionImportFormat.Header.Length];
        cells[QuestionImportFormat.Kind] = Input.Kind;
        cells[QuestionImportFormat.Stem] = Input.Stem ?? "";
        for (var i = 0; i < 6; i++) cells[QuestionImportFormat.OptionA + i] = i < Input.Options.Count ? Input.Options[i] ?? "" : "";
        cells[QuestionImportFormat.Answer] = Input.Answer ?? "";
        cells[QuestionImportFormat.Tags] = Input.Tags ?? "";
        cells[QuestionImportFormat.DifficultyColumn] = Input.Difficulty;
        cells[QuestionImportFormat.Explanation] = Input.Explanation ?? "";
        var errors = new List<ImportError>();
        if (QuestionDraft.Parse(new QuestionRow(0, cells), errors) is not { } draft)
        {
            foreach (var e in errors) ModelState.AddModelError("", $"{e.Column}：{e.Message}");
            return Page();
        }
        var version = await bank.EditAsync(id, draft, Scope.Actor(), ct);
        if (version is null) return NotFound();
        caches.ForgetPool();
        Flash = $"已保存为第 {version.VersionNo} 版";
        return RedirectToPage("Preview", new { id });
    }

    private async Task<QuestionVersion?> CurrentAsync(long id, CancellationToken ct)
    {
        var version = await db.Set<QuestionVersion>().AsNoTracking()
            .Where(v => db.Set<Question>().Any(q => q.Id == id && q.CurrentVersionId == v.Id)).SingleOrDefaultAsync(ct);
        Id = id;
        VersionNo = version?.VersionNo ?? 0;
        return version;
    }
}

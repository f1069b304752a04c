using Learn.Core.Data;
using Learn.Core.Questions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Learn.Admin.Pages.Questions;

/// <summary>预览: the current version as a member sees it while answering, and with the key and explanation.</summary>
public sealed class PreviewModel(LearnDbContext db) : SuperAdminPageModel
{
    public QuestionVersion Version { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var version = await db.Set<QuestionVersion>().AsNoTracking()
            .Where(v => db.Set<Question>().Any(q => q.Id == id && q.CurrentVersionId == v.Id)).SingleOrDefaultAsync(ct);
        if (version is null) return NotFound();
        Version = version;
        return Page();
    }
}

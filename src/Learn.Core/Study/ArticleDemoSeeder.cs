using Learn.Core.Auditing;
using Learn.Core.Data;
using Learn.Core.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.Core.Study;

/// <summary>
/// Demo articles from the embedded Demo/data/articles/*.md: each published on the seed day
/// (Asia/Shanghai) plus its dayOffset, for the whole organisation (the root).
/// </summary>
public sealed class ArticleDemoSeeder(TimeProvider clock) : IDemoSeeder
{
    public int Order => 300;

    public Task SeedAsync(LearnDbContext db, IServiceProvider services, CancellationToken ct) =>
        SeedAsync(db, services, EmbeddedFiles(), ct);

    /// <summary>Seeds the given files; tests pass their own.</summary>
    public async Task<int> SeedAsync(LearnDbContext db, IServiceProvider services, IEnumerable<(string Name, string Text)> files, CancellationToken ct)
    {
        var parsed = files.Select(f => ArticleFile.Parse(f.Name, f.Text)).ToList();
        var root = await db.Organizations.Where(o => o.ParentId == null).OrderBy(o => o.SortOrder).ThenBy(o => o.Id).FirstOrDefaultAsync(ct);
        if (parsed.Count == 0 || root is null || await db.Set<Article>().AnyAsync(ct)) return 0;

        var columns = await db.Set<ArticleColumn>().ToDictionaryAsync(c => c.Name, c => c.Id, ct);
        var authoring = ActivatorUtilities.GetServiceOrCreateInstance<ArticleAuthoring>(services);
        var author = new ArticleAuthor(AuditActor.System, null);
        var seedDay = Shanghai.Today(clock);
        foreach (var file in parsed.OrderBy(f => f.DayOffset).ThenBy(f => f.Name, StringComparer.Ordinal))
        {
            if (!columns.TryGetValue(file.Column, out var columnId))
                throw new InvalidDataException($"Demo article {file.Name}: column '{file.Column}' is not one of {string.Join(" | ", columns.Keys)}.");
            var input = new ArticleInput(file.Title, columnId, file.Source, ArticleBodyFormat.Markdown, file.Body, root.Id, seedDay.AddDays(file.DayOffset));
            var result = await authoring.CreateAsync(author, input, ct);
            if (!result.Succeeded)
                throw new InvalidDataException($"Demo article {file.Name}: {string.Join("; ", result.Errors.SelectMany(e => e.Value))}");
        }
        return parsed.Count;
    }

    /// <summary>The embedded article files (<c>articles/NN-slug.md</c>), in name order.</summary>
    public static IEnumerable<(string Name, string Text)> EmbeddedFiles() =>
        DemoData.ArticleNames().Select(name => (name, DemoData.ReadText(name)));
}

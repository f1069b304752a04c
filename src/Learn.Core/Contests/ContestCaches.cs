using Learn.Core.Data;
using Learn.Core.Organizations;
using Learn.Core.Questions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Learn.Core.Contests;

/// <summary>
/// Short-lived per-process copies of database rows the answer path reads on every request. They
/// are caches of the database, never the only copy: contest rules for 5 s, the organisation tree
/// for 30 s, question versions forever (they are immutable).
/// </summary>
public sealed class ContestCaches(IMemoryCache cache, IDbContextFactory<LearnDbContext> dbs)
{
    public sealed record OrgNode(long Id, long? ParentId, string Name, string Path, int SortOrder);

    public async Task<Contest?> ContestAsync(long id, CancellationToken ct = default) =>
        await cache.GetOrCreateAsync(("contest", id), async e =>
        {
            e.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(5);
            await using var db = await dbs.CreateDbContextAsync(ct);
            return await db.Set<Contest>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        });

    public void ForgetContest(long id) => cache.Remove(("contest", id));

    public async Task<QuestionVersion?> QuestionAsync(long versionId, CancellationToken ct = default) =>
        await cache.GetOrCreateAsync(("question-version", versionId), async e =>
        {
            e.SlidingExpiration = TimeSpan.FromHours(1);
            await using var db = await dbs.CreateDbContextAsync(ct);
            return await db.Set<QuestionVersion>().AsNoTracking().SingleOrDefaultAsync(v => v.Id == versionId, ct);
        });

    /// <summary>The tree; reloaded at once when <paramref name="mustContain"/> is not in the cached copy.</summary>
    public async Task<IReadOnlyDictionary<long, OrgNode>> OrganizationsAsync(IEnumerable<long> mustContain, CancellationToken ct = default)
    {
        var tree = await OrganizationsAsync(ct);
        if (mustContain.All(tree.ContainsKey)) return tree;
        cache.Remove("org-tree");
        return await OrganizationsAsync(ct);
    }

    public async Task<IReadOnlyDictionary<long, OrgNode>> OrganizationsAsync(CancellationToken ct = default) =>
        (await cache.GetOrCreateAsync("org-tree", async e =>
        {
            e.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(30);
            await using var db = await dbs.CreateDbContextAsync(ct);
            return (IReadOnlyDictionary<long, OrgNode>)await db.Set<Organization>().AsNoTracking()
                .Select(o => new OrgNode(o.Id, o.ParentId, o.Name, o.Path, o.SortOrder))
                .ToDictionaryAsync(o => o.Id, ct);
        }))!;

    /// <summary>Active questions with a current version: what draws pick from (30 s).</summary>
    public async Task<IReadOnlyList<PoolQuestion>> PoolAsync(CancellationToken ct = default) =>
        (await cache.GetOrCreateAsync("question-pool", async e =>
        {
            e.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(30);
            await using var db = await dbs.CreateDbContextAsync(ct);
            return (IReadOnlyList<PoolQuestion>)await db.Set<Question>().AsNoTracking()
                .Where(q => q.IsActive && q.CurrentVersionId != null)
                .Select(q => new PoolQuestion(q.Id, q.CurrentVersionId!.Value, q.Difficulty, q.Tags))
                .ToListAsync(ct);
        }))!;

    public void ForgetPool() => cache.Remove("question-pool");
}

public sealed record PoolQuestion(long QuestionId, long VersionId, Difficulty Difficulty, string Tags)
{
    public bool InAny(IReadOnlyList<string> categories) =>
        categories.Count == 0 || categories.Any(c => Tags.Contains("|" + c + "|", StringComparison.Ordinal));
}

using Learn.Core.Data;
using Learn.Core.Identity;
using Learn.Core.Organizations;
using Learn.Core.Study;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.Core.Demo;

/// <summary>
/// Two weeks of study before the seed day, so the dashboard's trend chart and the study boards have a past:
/// members bound in the Mini Program read most days, some branches keener than others, fewer at weekends.
/// Ledger rows are written directly (the award path stamps "now"); today is left to the members who play.
/// </summary>
internal sealed class DemoStudyHistorySeeder(TimeProvider clock) : IDemoSeeder
{
    public const int Days = 14;

    public int Order => 700;

    public async Task SeedAsync(LearnDbContext db, IServiceProvider services, CancellationToken ct)
    {
        var today = Shanghai.Today(clock);
        var rng = new Random(17);
        var branchOf = await BranchesAsync(db, ct);
        var readers = await db.WeChatIdentities.AsNoTracking()
            .Where(w => w.AppKind == WeChatAppKind.MiniProgram && w.MemberId != null)
            .Select(w => new { Id = w.MemberId!.Value, OrganizationId = w.Member!.OrganizationId }).Distinct().ToListAsync(ct);
        var articles = await db.Set<Article>().AsNoTracking().Where(a => a.PublishOn < today && a.PublishOn >= today.AddDays(-60))
            .OrderBy(a => a.PublishOn).Select(a => new { a.Id, a.Title }).ToListAsync(ct);
        if (articles.Count == 0) articles = await db.Set<Article>().AsNoTracking().Select(a => new { a.Id, a.Title }).ToListAsync(ct);
        // Each branch's keenness, between 35 % and 90 % of its members on a weekday.
        var keenness = branchOf.Values.Distinct().ToDictionary(b => b, _ => 0.35 + rng.NextDouble() * 0.55);

        foreach (var reader in readers)
        {
            var branch = branchOf.GetValueOrDefault(reader.OrganizationId, reader.OrganizationId);
            var account = new StudyPointAccount { MemberId = reader.Id };
            for (var d = Days; d >= 1; d--)
            {
                var day = today.AddDays(-d);
                var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
                if (rng.NextDouble() > keenness[branch] * (weekend ? 0.5 : 1)) continue;
                var at = Instant(day, rng);
                var points = 0;
                for (var n = 0; n < 1 + rng.Next(3); n++)
                {
                    var article = articles[rng.Next(articles.Count)];
                    points += Entry(db, reader.Id, branch, StudyPointKind.Reading, 1, $"阅读《{article.Title}》", $"demo:{day:yyyyMMdd}:r{n}", day, at.AddMinutes(n * 7));
                }
                if (rng.NextDouble() < 0.4)
                    points += Entry(db, reader.Id, branch, StudyPointKind.Quiz, 2 + rng.Next(5), "每日答题", $"demo:{day:yyyyMMdd}:q", day, at.AddMinutes(30));
                account.Total += points;
                StudyStreak.Count(account, day, points, 1);
            }
            account.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            if (account.Total > 0) db.Add(account);
        }
        await db.SaveChangesAsync(ct);
        await services.GetRequiredService<StudyBoardRebuilder>().RebuildAsync(today, ct);
    }

    private static int Entry(LearnDbContext db, long memberId, long branchId, StudyPointKind kind, int points, string reason, string key, DateOnly day, DateTime at)
    {
        db.Add(new StudyPointEntry
        {
            MemberId = memberId, BranchId = branchId, Kind = kind, Points = points, RequestedPoints = points,
            Reason = reason.Length > 200 ? reason[..200] : reason, IdempotencyKey = key, Day = day, OccurredAt = at,
        });
        return points;
    }

    /// <summary>A moment of the Shanghai working day (08:00–22:00) in UTC.</summary>
    private static DateTime Instant(DateOnly day, Random rng) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(8, 0)).AddMinutes(rng.Next(14 * 60 - 60)), Shanghai.Zone);

    /// <summary>Organisation id → its 党支部 (a 党小组 studies for the branch above it), as StudyBranch decides.</summary>
    private static async Task<Dictionary<long, long>> BranchesAsync(LearnDbContext db, CancellationToken ct)
    {
        var orgs = await db.Organizations.AsNoTracking().Select(o => new { o.Id, o.ParentId, o.Kind }).ToListAsync(ct);
        var byId = orgs.ToDictionary(o => o.Id);
        return orgs.ToDictionary(o => o.Id, o => o.Kind == OrganizationKind.Group && o.ParentId is { } p && byId[p].Kind == OrganizationKind.Branch ? p : o.Id);
    }
}

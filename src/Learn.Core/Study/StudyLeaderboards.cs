using Learn.Core.Data;
using Learn.Core.Members;
using Learn.Core.Organizations;
using Microsoft.EntityFrameworkCore;

namespace Learn.Core.Study;

public sealed record PersonPlace(int Rank, long MemberId, string Name, string OrganizationName, int Points);

public sealed record PersonBoard(BoardPeriod Period, IReadOnlyList<PersonPlace> Top, PersonPlace? Me, IReadOnlyList<PersonPlace> AroundMe);

public sealed record BranchPlace(int Rank, long OrganizationId, string Name, int TotalPoints, int MemberCount, double AveragePoints);

public enum BranchRanking
{
    Total,
    Average,
}

public sealed record BranchBoard(BoardPeriod Period, BranchRanking By, IReadOnlyList<BranchPlace> Top, BranchPlace? Mine);

/// <summary>The boards as members see them: names, my place and the places around mine.</summary>
public sealed class StudyLeaderboards(LearnDbContext db, StudyBoards boards)
{
    public async Task<PersonBoard> PeopleAsync(long memberId, BoardPeriod period, int top, int around, CancellationToken ct = default)
    {
        var best = await boards.RangeAsync(BoardSubject.Person, period, 0, top - 1, ct);
        var (mine, position) = await boards.PlaceOfAsync(BoardSubject.Person, period, memberId, ct);
        var near = position is null ? [] : await boards.RangeAsync(BoardSubject.Person, period, position.Value - around, position.Value + around, ct);
        var ids = best.Concat(near).Select(p => p.Id).Append(memberId).Distinct().ToList();
        var names = await db.Members.AsNoTracking().Where(m => ids.Contains(m.Id))
            .Select(m => new { m.Id, m.Name, Org = m.Organization!.Name }).ToDictionaryAsync(m => m.Id, ct);
        PersonPlace Named(BoardPlace p) => new(p.Rank, p.Id, names.GetValueOrDefault(p.Id)?.Name ?? "", names.GetValueOrDefault(p.Id)?.Org ?? "", p.Points);
        return new PersonBoard(period, [.. best.Select(Named)], position is null ? null : Named(mine), [.. near.Select(Named)]);
    }

    /// <summary>
    /// Every 党支部 by total or by points per active member (so small branches can win). Members
    /// in 党小组 count for their branch, matching how the ledger attributes their points.
    /// </summary>
    public async Task<BranchBoard> BranchesAsync(long memberId, BoardPeriod period, BranchRanking by, int top, CancellationToken ct = default)
    {
        var totals = await boards.AllAsync(BoardSubject.Branch, period, ct);
        var orgs = await db.Organizations.AsNoTracking().Select(o => new { o.Id, o.Name, o.Path, o.Kind }).ToListAsync(ct);
        var branchIds = orgs.Where(o => o.Kind == OrganizationKind.Branch).Select(o => o.Id).Concat(totals.Keys).ToHashSet();
        var branches = orgs.Where(o => branchIds.Contains(o.Id)).ToList();
        var membersPerOrg = await db.Members.Where(m => m.Status == MemberStatus.Active)
            .GroupBy(m => m.OrganizationId).Select(g => new { Id = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Id, g => g.Count, ct);
        var pathOf = orgs.ToDictionary(o => o.Id, o => o.Path);

        var rows = branches.Select(b =>
        {
            // Members of the branch's own subtree, but not of a nested branch (that one ranks itself).
            var nested = branches.Where(o => o.Id != b.Id && Subtree.Contains(b.Path, o.Path)).Select(o => o.Path).ToList();
            var count = membersPerOrg.Where(m => pathOf.TryGetValue(m.Key, out var p) && p.StartsWith(b.Path, StringComparison.Ordinal)
                && !nested.Any(n => p.StartsWith(n, StringComparison.Ordinal))).Sum(m => m.Value);
            var total = totals.GetValueOrDefault(b.Id);
            return (b.Id, b.Name, Total: total, Count: count, Average: count == 0 ? 0 : Math.Round((double)total / count, 2));
        });
        var ordered = (by == BranchRanking.Average
            ? rows.OrderByDescending(r => r.Average).ThenByDescending(r => r.Total)
            : rows.OrderByDescending(r => r.Total).ThenByDescending(r => r.Average)).ThenBy(r => r.Id).ToList();
        var places = new List<BranchPlace>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var r = ordered[i];
            var tied = i > 0 && (by == BranchRanking.Average ? r.Average == ordered[i - 1].Average : r.Total == ordered[i - 1].Total);
            places.Add(new BranchPlace(tied ? places[i - 1].Rank : i + 1, r.Id, r.Name, r.Total, r.Count, r.Average));
        }

        var myPath = await db.Members.Where(m => m.Id == memberId).Select(m => m.Organization!.Path).FirstAsync(ct);
        var myBranch = await StudyBranch.OfAsync(db, myPath, ct);
        return new BranchBoard(period, by, [.. places.Take(top)], places.FirstOrDefault(p => p.OrganizationId == myBranch));
    }
}

using Learn.Core.Contests;
using Learn.Core.Data;
using Learn.Core.Members;
using Learn.Core.Organizations;
using Learn.Core.Organizers;
using Learn.Core.Study;
using Microsoft.EntityFrameworkCore;

namespace Learn.Core.Reports;

/// <summary>
/// 参学情况 by unit for the admin site's report page (ADR 0203). Everything is limited to the organiser's subtree
/// (<see cref="OrganizerScope.Filter{T}"/>) and counted on the members' current units, then rolled up the tree:
/// a period counts a member as taking part with any study ledger entry that week/month/quarter or a contest joined
/// in it; points are the ledger's. A contest counts its audience, its (not voided) entries and their scores.
/// </summary>
public sealed class ParticipationReports(LearnDbContext db)
{
    public async Task<ParticipationReport> ForPeriodAsync(OrganizerScope scope, ReportPeriod period, CancellationToken ct = default)
    {
        var members = await MemberUnitsAsync(scope.Filter(db.Members.AsNoTracking()).Where(m => m.Status == MemberStatus.Active), ct);
        var (from, until) = period.Instants();
        var points = await db.Set<StudyPointEntry>().AsNoTracking().Where(e => e.Day >= period.From && e.Day <= period.To)
            .GroupBy(e => e.MemberId).Select(g => new { g.Key, Points = g.Sum(e => e.Points) }).ToDictionaryAsync(x => x.Key, x => (long)x.Points, ct);
        var contested = await db.Set<ContestEntry>().AsNoTracking().Where(e => !e.Voided && e.JoinedAt >= from && e.JoinedAt < until)
            .Select(e => e.MemberId).Distinct().ToListAsync(ct);
        foreach (var member in contested) points.TryAdd(member, 0);
        var title = period.Kind switch { ReportPeriodKind.Week => "周", ReportPeriodKind.Month => "月", _ => "季度" };
        return new ParticipationReport($"{period.Label} 参学情况（按{title}）", period.Label, await RollUpAsync(scope, members, points, ct));
    }

    /// <summary>Null when the contest does not exist or is outside the organiser's view (see <see cref="VisibleContests"/>).</summary>
    public async Task<ParticipationReport?> ForContestAsync(OrganizerScope scope, long contestId, CancellationToken ct = default)
    {
        var contest = (await VisibleContests(scope).Where(c => c.Id == contestId).ToListAsync(ct)).FirstOrDefault();
        if (contest is null) return null;
        var audience = scope.Filter(ContestAudience.Members(db, contest).AsNoTracking(), m => m.Organization!.Path);
        var members = await MemberUnitsAsync(audience, ct);
        var scores = await db.Set<ContestEntry>().AsNoTracking().Where(e => e.ContestId == contestId && !e.Voided)
            .ToDictionaryAsync(e => e.MemberId, e => (long)e.Score, ct);
        return new ParticipationReport($"《{contest.Title}》参赛情况", contest.Title, await RollUpAsync(scope, members, scores, ct));
    }

    /// <summary>Contests an organiser reports on: organised inside their subtree, or open to it (their unit is in the audience).</summary>
    public IQueryable<Contest> VisibleContests(OrganizerScope scope)
    {
        if (scope.IsSuperAdmin) return db.Set<Contest>().AsNoTracking();
        var root = scope.PathPrefix();
        var organised = scope.Filter(db.Set<Contest>().AsNoTracking(), c => c.OrganizationPath).Select(c => c.Id);
        // Contests are few: the audience rule is applied in memory, through its one home.
        var audiences = db.Set<Contest>().AsNoTracking().AsEnumerable().Where(c => ContestAudience.InSubtrees(c, root)).Select(c => c.Id).ToList();
        return db.Set<Contest>().AsNoTracking().Where(c => organised.Contains(c.Id) || audiences.Contains(c.Id));
    }

    private static Task<Dictionary<long, long>> MemberUnitsAsync(IQueryable<Member> members, CancellationToken ct) =>
        members.Select(m => new { m.Id, m.OrganizationId }).ToDictionaryAsync(m => m.Id, m => m.OrganizationId, ct);

    /// <summary>Direct figures per unit, then each unit's subtree summed (the tree is small: thousands of units at most).</summary>
    private async Task<IReadOnlyList<UnitParticipation>> RollUpAsync(OrganizerScope scope, Dictionary<long, long> unitOfMember,
        Dictionary<long, long> pointsOfParticipant, CancellationToken ct)
    {
        var units = await scope.Filter(db.Organizations.AsNoTracking()).OrderBy(o => o.Path)
            .Select(o => new { o.Id, o.Name, o.Kind, o.Path }).ToListAsync(ct);
        var direct = units.ToDictionary(u => u.Id, _ => (Members: 0, Participants: 0, Points: 0L));
        foreach (var (member, unit) in unitOfMember)
        {
            if (!direct.TryGetValue(unit, out var d)) continue;
            var took = pointsOfParticipant.TryGetValue(member, out var p);
            direct[unit] = (d.Members + 1, d.Participants + (took ? 1 : 0), d.Points + p);
        }
        var top = units.Count == 0 ? 0 : units.Min(u => Depth(u.Path));
        var rolled = units.Select(u =>
        {
            var inside = units.Where(o => Subtree.Contains(u.Path, o.Path)).Select(o => direct[o.Id]).ToList();
            return new UnitParticipation(u.Id, u.Name, u.Kind, Depth(u.Path) - top, inside.Sum(d => d.Members),
                inside.Sum(d => d.Participants), inside.Sum(d => d.Points), 0);
        }).ToList();
        return rolled.Select(u => u with { Rank = 1 + rolled.Count(o => o.Kind == u.Kind && Better(o, u)) }).ToList();
    }

    private static bool Better(UnitParticipation a, UnitParticipation b) =>
        a.Rate > b.Rate || (a.Rate == b.Rate && a.PointsPerMember > b.PointsPerMember);

    private static int Depth(string path) => path.Count(c => c == '/');
}

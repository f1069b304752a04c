using Learn.Core.Organizations;

namespace Learn.Core.Reports;

/// <summary>
/// One unit's line of a participation report, rolled up over its subtree: members in scope, members who took
/// part, and their points. <see cref="Rank"/> is among units of the same kind (党支部 with 党支部), by 参学率, then
/// points per member; equal figures share a rank.
/// </summary>
public sealed record UnitParticipation(long OrganizationId, string Name, OrganizationKind Kind, int Depth,
    int Members, int Participants, long Points, int Rank)
{
    /// <summary>参学率: the share of members in scope who took part (0 for a unit without members).</summary>
    public double Rate => Members == 0 ? 0 : (double)Participants / Members;

    public double PointsPerMember => Members == 0 ? 0 : (double)Points / Members;
}

/// <summary>A report: what it covers (a period or a contest) and its units in tree order.</summary>
public sealed record ParticipationReport(string Title, string Covers, IReadOnlyList<UnitParticipation> Units)
{
    /// <summary>The units compared on the chart: those of the most common kind below the top, best first.</summary>
    public IReadOnlyList<UnitParticipation> Ranked()
    {
        var below = Units.Where(u => u.Depth > 0).ToList();
        if (below.Count == 0) return Units;
        var kind = below.GroupBy(u => u.Kind).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).First().Key;
        return below.Where(u => u.Kind == kind).OrderBy(u => u.Rank).ThenBy(u => u.Name, StringComparer.Ordinal).ToList();
    }
}

using Learn.Core.Data;
using Learn.Core.Organizations;
using Microsoft.EntityFrameworkCore;

namespace Learn.Core.Members;

/// <summary>The member card of <c>GET /api/me</c>.</summary>
public sealed record MemberCardView(long Id, string Name, string OrganizationName, string OrganizationPath, bool IsProbationary,
    int PartyStandingYears, DateOnly NextPoliticalBirthday, int PoliticalBirthdayYears, int StudyPoints);

/// <summary>
/// Builds a member's card. Study points come from <see cref="IStudyPointsSource"/> when the study feature
/// registers one; until then they are 0.
/// </summary>
public sealed class MemberCard(LearnDbContext db, TimeProvider clock, IEnumerable<IStudyPointsSource> studyPoints)
{
    public async Task<MemberCardView?> ForAsync(long memberId, CancellationToken ct = default)
    {
        var member = await db.Members.AsNoTracking().Include(m => m.Organization).SingleOrDefaultAsync(m => m.Id == memberId, ct);
        if (member is null) return null;
        var ids = member.Organization!.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).ToList();
        var names = await db.Organizations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var today = Shanghai.Today(clock);
        var (birthday, years) = PartyCalendar.NextPoliticalBirthday(member.JoinedPartyOn, today);
        var points = 0;
        foreach (var source in studyPoints) points += await source.PointsAsync(memberId, ct);
        return new MemberCardView(member.Id, member.Name, member.Organization.Name, string.Join(" / ", ids.Select(i => names[i])),
            member.FullMemberOn is null, PartyCalendar.StandingYears(member.FullMemberOn, today), birthday, years, points);
    }
}

/// <summary>Implemented by the study feature to put a member's study points on the card.</summary>
public interface IStudyPointsSource
{
    Task<int> PointsAsync(long memberId, CancellationToken ct);
}

using Learn.Core.Members;
using Learn.Core.Organizations;

namespace Learn.Core.Demo;

/// <summary>
/// Posts, leading cadres and departures for the generated roster. Posts go to full members only:
/// a 预备党员 cannot hold one. Every branch gets a 支部书记; a branch of seven or more members also gets
/// 组织委员, 宣传委员 and 纪检委员 (a smaller one elects only a secretary); every 党小组 a 组长.
/// </summary>
internal sealed class DemoPosts(List<(Member Member, DemoSlot Slot, bool Special)> roster, Random rng, DateOnly today)
{
    private static readonly string[] CommitteePosts = ["组织委员", "宣传委员", "纪检委员"];

    public void Assign()
    {
        foreach (var branch in roster.Select(r => r.Slot.Branch).Distinct())
        {
            var direct = Candidates(r => r.Slot.Org == branch && r.Member.FullMemberOn is not null);
            var size = roster.Count(r => r.Slot.Branch == branch);
            // The secretary is one of the branch's most senior members.
            var seniors = direct.OrderBy(r => r.Member.JoinedPartyOn).Take(3).ToList();
            var secretary = seniors[rng.Next(seniors.Count)];
            direct.Remove(secretary);
            secretary.Member.Post = "支部书记";
            // 领导干部: the secretaries of serving branches are 处级 leaders in these units.
            secretary.Member.IsLeadingCadre = !secretary.Slot.Retired;
            if (size < 7) continue;
            foreach (var (post, holder) in CommitteePosts.Zip(direct))
                holder.Member.Post = post;
        }
        foreach (var group in roster.Select(r => r.Slot.Org).Where(o => o.Kind == OrganizationKind.Group).Distinct())
            Candidates(r => r.Slot.Org == group && r.Member.FullMemberOn is not null)[0].Member.Post = "党小组组长";

        var seniority = today.AddYears(-12);
        var cadres = Candidates(r => !r.Slot.Retired && r.Member.Post is null && r.Member.JoinedPartyOn < seniority);
        foreach (var r in cadres.Take(Math.Max(0, roster.Count / 10 - roster.Count(x => x.Member.IsLeadingCadre))))
            r.Member.IsLeadingCadre = true;

        // Departures never touch post holders, leading cadres or the members placed for birthdays.
        foreach (var r in Departures(retired: false).Take(2)) Leave(r.Member, MemberStatus.MovedAway);
        foreach (var r in Departures(retired: true).Take(2)) Leave(r.Member, MemberStatus.Deceased);
    }

    private List<(Member Member, DemoSlot Slot, bool Special)> Departures(bool retired) =>
        Candidates(r => r.Slot.Retired == retired && !r.Special && r.Member.Post is null && !r.Member.IsLeadingCadre);

    private void Leave(Member member, MemberStatus status)
    {
        member.Status = status;
        member.LeftOn = today.AddDays(-rng.Next(20, 400));
        if (member.LeftOn < member.JoinedPartyOn) member.LeftOn = today;
    }

    /// <summary>The matching roster entries in a seeded random order.</summary>
    private List<(Member Member, DemoSlot Slot, bool Special)> Candidates(Func<(Member Member, DemoSlot Slot, bool Special), bool> match)
    {
        var list = roster.Where(match).ToList();
        rng.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list));
        return list;
    }
}

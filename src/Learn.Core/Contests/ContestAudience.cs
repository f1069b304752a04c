using Learn.Core.Data;
using Learn.Core.Members;
using Learn.Core.Organizations;

namespace Learn.Core.Contests;

/// <summary>
/// The one home of the contest audience rule: an active member takes part when their organisation lies in one of
/// the contest's audience subtrees (<see cref="Contest.AudiencePathList"/>) or they are on its whitelist. Joining
/// (Learn.Api), reminders (Learn.Jobs) and the participation-rate denominator (<see cref="Boards.BoardRebuilder"/>)
/// all ask here, so a moved branch (whose copied audience paths the move rewrites) is in or out everywhere at once.
/// </summary>
public static class ContestAudience
{
    /// <summary>The subtree half of the rule, for a path already in memory.</summary>
    public static bool InSubtrees(Contest contest, string organizationPath) =>
        contest.AudiencePathList.Any(root => Subtree.Contains(root, organizationPath));

    /// <summary>Active members in the audience, as a query the caller narrows further.</summary>
    public static IQueryable<Member> Members(LearnDbContext db, Contest contest)
    {
        var inSubtrees = db.Members.WithinAny(m => m.Organization!.Path, contest.AudiencePathList).Select(m => m.Id);
        var hasWhitelist = contest.HasWhitelist;
        var contestId = contest.Id;
        var whitelisted = db.Set<ContestWhitelistEntry>().Where(w => w.ContestId == contestId).Select(w => w.MemberId);
        return db.Members.Where(m => m.Status == MemberStatus.Active
            && (inSubtrees.Contains(m.Id) || (hasWhitelist && whitelisted.Contains(m.Id))));
    }
}

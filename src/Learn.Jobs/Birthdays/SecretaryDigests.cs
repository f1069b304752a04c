using System.Globalization;
using Learn.Core.Data;
using Learn.Core.Members;
using Learn.Core.Notifications;
using Learn.Core.Organizations;
using Learn.Core.Organizers;
using Learn.Core.Study;
using Learn.Jobs.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Learn.Jobs.Birthdays;

/// <summary>
/// One digest per branch secretary: their branch's political birthdays today and in the coming days.
/// A secretary is the branch's active BranchSecretary organiser account tied to a roster entry, or failing
/// that the member whose post is 支部书记. The window is read as a stream and tallied per branch, so memory
/// grows with the number of branches, not with the birthdays (1 July can be a large share of all members).
/// </summary>
internal static class SecretaryDigests
{
    /// <summary>A message field holds 20 characters: a few names fill it, the rest are counted.</summary>
    private const int NamesKept = 10;

    private sealed class Tally
    {
        public readonly List<string> TodayNames = [];
        public int Today, Upcoming, Round;
    }

    public static async Task<List<Recipient>> BuildAsync(LearnDbContext db, DateOnly today, int days, CancellationToken ct)
    {
        var branches = await db.Organizations.AsNoTracking().Where(o => o.Kind == OrganizationKind.Branch)
            .Select(o => new { o.Id, o.Path }).ToDictionaryAsync(o => o.Path, o => o.Id, StringComparer.Ordinal, ct);
        var tallies = new Dictionary<long, Tally>();
        for (var offset = 0; offset <= days; offset++)
        {
            var day = today.AddDays(offset);
            var birthdays = BirthdayGreetingRecipients.BirthdaysOn(db, day).OrderBy(m => m.Id)
                .Select(m => new { m.Name, m.JoinedPartyOn, m.Organization!.Path }).AsAsyncEnumerable();
            await foreach (var b in birthdays.WithCancellation(ct))
            {
                var branch = ArticleAudience.AncestorPaths(b.Path).Reverse().Select(p => branches.GetValueOrDefault(p)).FirstOrDefault(id => id != 0);
                if (branch == 0) continue;
                var tally = tallies.TryGetValue(branch, out var t) ? t : tallies[branch] = new Tally();
                if (PoliticalBirthdays.IsRoundAnniversary(PoliticalBirthdays.YearsOfStanding(b.JoinedPartyOn, day))) tally.Round++;
                if (offset > 0) tally.Upcoming++;
                else if (++tally.Today <= NamesKept) tally.TodayNames.Add(b.Name);
            }
        }
        if (tallies.Count == 0) return [];

        var branchIds = tallies.Keys.ToList();
        var accounts = await db.OrganizerAccounts.AsNoTracking()
            .Where(a => a.IsActive && a.Role == OrganizerRole.BranchSecretary && a.MemberId != null && branchIds.Contains(a.OrganizationId!.Value))
            .Select(a => new { BranchId = a.OrganizationId!.Value, MemberId = a.MemberId!.Value }).ToListAsync(ct);
        var byPost = await db.Members.AsNoTracking()
            .Where(m => m.Status == MemberStatus.Active && m.Post == "支部书记" && branchIds.Contains(m.OrganizationId))
            .Select(m => new { BranchId = m.OrganizationId, MemberId = m.Id }).ToListAsync(ct);
        var secretaries = branchIds.SelectMany(id =>
        {
            var named = accounts.Where(a => a.BranchId == id).Select(a => a.MemberId).ToList();
            return (named.Count > 0 ? named : byPost.Where(p => p.BranchId == id).Select(p => p.MemberId)).Select(m => (Secretary: m, BranchId: id));
        });

        return secretaries.GroupBy(s => s.Secretary, s => s.BranchId)
            .Select(g => Digest(g.Key, g.Distinct().Select(id => tallies[id]).ToList(), today, days))
            .ToList();
    }

    private static Recipient Digest(long secretary, List<Tally> branches, DateOnly today, int days)
    {
        var todays = branches.Sum(b => b.Today);
        var upcoming = branches.Sum(b => b.Upcoming);
        var round = branches.Sum(b => b.Round);
        var todayLine = todays == 0 ? "今日无" : $"今日{todays}人：" + string.Join("、", branches.SelectMany(b => b.TodayNames));
        return new Recipient(secretary, new Dictionary<string, string>
        {
            ["title"] = "支部政治生日提醒",
            ["today"] = MessageText.Fit(todayLine),
            ["upcoming"] = MessageText.Fit($"未来{days}天{upcoming}人" + (round > 0 ? $"，逢十{round}人" : "")),
            ["date"] = MessageText.Date(today),
            ["count"] = (todays + upcoming).ToString(CultureInfo.InvariantCulture),
        });
    }
}

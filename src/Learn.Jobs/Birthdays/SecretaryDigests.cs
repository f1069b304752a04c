using System.Globalization;
using Learn.Core.Data;
using Learn.Core.Members;
using Learn.Core.Notifications;
using Learn.Core.Organizations;
using Learn.Core.Organizers;
using Learn.Jobs.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Learn.Jobs.Birthdays;

/// <summary>
/// One digest per branch secretary: their branch's political birthdays today and in the coming days.
/// A secretary is the branch's active BranchSecretary organiser account tied to a roster entry, or failing
/// that the member whose post is 支部书记.
/// </summary>
internal static class SecretaryDigests
{
    public static async Task<List<Recipient>> BuildAsync(LearnDbContext db, IReadOnlyList<Birthday> window, DateOnly today, int days, CancellationToken ct)
    {
        if (window.Count == 0) return [];
        var branches = await db.Organizations.AsNoTracking().Where(o => o.Kind == OrganizationKind.Branch)
            .Select(o => new { o.Id, o.Path }).ToListAsync(ct);
        var byBranch = window
            .Select(b => (Birthday: b, Branch: branches.FirstOrDefault(br => b.OrganizationPath.StartsWith(br.Path, StringComparison.Ordinal))))
            .Where(x => x.Branch is not null)
            .GroupBy(x => x.Branch!.Id, x => x.Birthday)
            .ToDictionary(g => g.Key, g => g.ToList());
        if (byBranch.Count == 0) return [];

        var branchIds = byBranch.Keys.ToList();
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
            .Select(g => Digest(g.Key, g.Distinct().SelectMany(id => byBranch[id]).ToList(), today, days))
            .ToList();
    }

    private static Recipient Digest(long secretary, List<Birthday> birthdays, DateOnly today, int days)
    {
        var todays = birthdays.Where(b => b.Day == today).ToList();
        var upcoming = birthdays.Where(b => b.Day > today).ToList();
        var round = birthdays.Count(b => PoliticalBirthdays.IsRoundAnniversary(b.Years));
        var todayLine = todays.Count == 0 ? "今日无" : $"今日{todays.Count}人：" + string.Join("、", todays.Select(b => b.Name));
        return new Recipient(secretary, new Dictionary<string, string>
        {
            ["title"] = "支部政治生日提醒",
            ["today"] = MessageText.Fit(todayLine),
            ["upcoming"] = MessageText.Fit($"未来{days}天{upcoming.Count}人" + (round > 0 ? $"，逢十{round}人" : "")),
            ["date"] = MessageText.Date(today),
            ["count"] = birthdays.Count.ToString(CultureInfo.InvariantCulture),
        });
    }
}

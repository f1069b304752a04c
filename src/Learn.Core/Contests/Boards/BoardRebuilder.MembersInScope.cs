using Learn.Core.Data;
using Learn.Core.Members;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace Learn.Core.Contests.Boards;

public sealed partial class BoardRebuilder
{
    /// <summary>
    /// Members in scope per unit (the participation-rate denominator). The roster changes outside
    /// contests, so this is recounted from the database at most once a minute rather than kept forever.
    /// </summary>
    public async Task RefreshMembersInScopeAsync(long contestId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await db.Set<Contest>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == contestId, ct) is { } contest)
            await LoadMembersInScopeAsync(db, contest, ct);
    }

    private async Task LoadMembersInScopeAsync(LearnDbContext db, Contest contest, CancellationToken ct)
    {
        var perPath = await (from m in db.Members
                             where m.Status == MemberStatus.Active
                             join o in db.Organizations on m.OrganizationId equals o.Id
                             group m by o.Path into g
                             select new { Path = g.Key, Count = g.Count() }).ToListAsync(ct);
        var counts = new Dictionary<long, long>();
        void Add(string path, long n)
        {
            foreach (var org in BoardKeys.Ancestors(path)) counts[org] = counts.GetValueOrDefault(org) + n;
        }
        foreach (var p in perPath.Where(p => ContestAudience.InSubtrees(contest, p.Path)))
            Add(p.Path, p.Count);
        if (contest.HasWhitelist)
        {
            var listed = await (from w in db.Set<ContestWhitelistEntry>()
                                where w.ContestId == contest.Id
                                join m in db.Members on w.MemberId equals m.Id
                                join o in db.Organizations on m.OrganizationId equals o.Id
                                select o.Path).ToListAsync(ct);
            foreach (var path in listed.Where(p => !ContestAudience.InSubtrees(contest, p)))
                Add(path, 1);
        }
        var refresh = Db.CreateTransaction();
        _ = refresh.KeyDeleteAsync(BoardKeys.OrgMembers(contest.Id));
        _ = refresh.HashSetAsync(BoardKeys.OrgMembers(contest.Id), counts.Select(c => new HashEntry(c.Key, c.Value)).Append(new HashEntry("counted", 1)).ToArray());
        _ = refresh.KeyExpireAsync(BoardKeys.OrgMembers(contest.Id), TimeSpan.FromMinutes(1));
        await refresh.ExecuteAsync();
    }
}

using Learn.Core.Data;
using Learn.Core.Organizers;
using Microsoft.EntityFrameworkCore;
using Learn.Core.Organizations;

namespace Learn.Core.Members;

/// <summary>Roster search: by name, organisation (with its subtree), join year and status; paged and sorted.</summary>
public sealed record MemberQuery(string? Name = null, long? OrganizationId = null, int? JoinYear = null,
    string? Status = null, string? Sort = null, int Page = 1, int PageSize = 20);

public sealed record Paged<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);

public sealed class MemberSearch(LearnDbContext db)
{
    public const int MaxPageSize = 100;

    public async Task<Outcome<Paged<MemberView>>> SearchAsync(OrganizerScope scope, MemberQuery query, CancellationToken ct = default)
    {
        if (query.Page < 1) return Refusal.Invalid("page", "页码从1开始");
        if (query.PageSize is < 1 or > MaxPageSize) return Refusal.Invalid("pageSize", $"每页条数应在1到{MaxPageSize}之间");
        var members = scope.Filter(db.Members.AsNoTracking());

        if (query.OrganizationId is { } orgId)
        {
            var path = await scope.Filter(db.Organizations).Where(o => o.Id == orgId).Select(o => o.Path).SingleOrDefaultAsync(ct);
            if (path is null) return Refusal.NotFound("组织不存在");
            members = members.Within(m => m.Organization!.Path, path);
        }
        if (!string.IsNullOrWhiteSpace(query.Name))
        {
            var name = query.Name.Trim();
            members = members.Where(m => m.Name.Contains(name));
        }
        if (query.JoinYear is { } year)
        {
            var from = new DateOnly(Math.Clamp(year, 1, 9998), 1, 1);
            var to = from.AddYears(1);
            members = members.Where(m => m.JoinedPartyOn >= from && m.JoinedPartyOn < to);
        }
        switch (query.Status?.ToLowerInvariant())
        {
            case null or "" or "active": members = members.Where(m => m.Status == MemberStatus.Active); break;
            case "all": break;
            case "movedaway": members = members.Where(m => m.Status == MemberStatus.MovedAway); break;
            case "deceased": members = members.Where(m => m.Status == MemberStatus.Deceased); break;
            default: return Refusal.Invalid("status", "状态应为 active、movedAway、deceased 或 all");
        }
        IOrderedQueryable<Member> sorted;
        switch (query.Sort)
        {
            case null or "" or "name": sorted = members.OrderBy(m => m.Name); break;
            case "-name": sorted = members.OrderByDescending(m => m.Name); break;
            case "joinedPartyOn": sorted = members.OrderBy(m => m.JoinedPartyOn); break;
            case "-joinedPartyOn": sorted = members.OrderByDescending(m => m.JoinedPartyOn); break;
            case "createdAt": sorted = members.OrderBy(m => m.CreatedAt); break;
            case "-createdAt": sorted = members.OrderByDescending(m => m.CreatedAt); break;
            default: return Refusal.Invalid("sort", "排序字段应为 name、joinedPartyOn 或 createdAt（前加 - 为倒序）");
        }
        var total = await members.CountAsync(ct);
        var items = await sorted.ThenBy(m => m.Id)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
            .Select(m => new MemberView(m.Id, m.Name, m.Gender, m.MobileMasked, m.OrganizationId, m.Organization!.Name,
                m.JoinedPartyOn, m.FullMemberOn, m.Post, m.IsLeadingCadre, m.Status, m.LeftOn))
            .ToListAsync(ct);
        return new Paged<MemberView>(items, total, query.Page, query.PageSize);
    }
}

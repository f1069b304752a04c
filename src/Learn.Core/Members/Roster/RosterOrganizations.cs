using Learn.Core.Data;
using Learn.Core.Organizations;
using Learn.Core.Organizers;
using Microsoft.EntityFrameworkCore;

namespace Learn.Core.Members.Roster;

/// <summary>
/// The organisation tree loaded once per import or export, with each organisation's full name
/// path (市直机关工委/第一党总支/第一党支部). A roster row names its organisation by that path, or by
/// its name alone when that is unique within the organiser's scope.
/// </summary>
public sealed class RosterOrganizations
{
    private readonly Dictionary<long, string> _fullNames = new();
    private readonly Dictionary<string, Organization> _byFullName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Organization>> _byName = new(StringComparer.Ordinal);

    private RosterOrganizations() { }

    public static async Task<RosterOrganizations> LoadAsync(LearnDbContext db, OrganizerScope scope, CancellationToken ct)
    {
        // The whole tree: names of ancestors outside the scope are still part of the full path.
        var all = await db.Organizations.AsNoTracking().ToDictionaryAsync(o => o.Id, ct);
        var result = new RosterOrganizations();
        foreach (var org in all.Values)
        {
            var names = org.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(id => all[long.Parse(id)].Name);
            var full = string.Join(RosterFormat.PathSeparator, names);
            result._fullNames[org.Id] = full;
            if (!scope.Covers(org)) continue;
            result._byFullName[full] = org;
            if (!result._byName.TryGetValue(org.Name, out var list)) result._byName[org.Name] = list = [];
            list.Add(org);
        }
        return result;
    }

    public string FullName(long organizationId) => _fullNames[organizationId];

    /// <summary>The organisation a cell names, or the Chinese reason it names none.</summary>
    public (Organization? Org, string? Error) Resolve(string cell)
    {
        var parts = cell.Split(['/', '／'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0) return (null, "所在组织不能为空");
        if (parts.Length > 1)
            return _byFullName.TryGetValue(string.Join(RosterFormat.PathSeparator, parts), out var byPath)
                ? (byPath, null) : (null, "找不到该组织，或不在您的管理范围内");
        if (!_byName.TryGetValue(parts[0], out var candidates)) return (null, "找不到该组织，或不在您的管理范围内");
        return candidates.Count == 1 ? (candidates[0], null) : (null, "有多个同名组织，请填写完整路径（如 上级组织/本组织）");
    }
}

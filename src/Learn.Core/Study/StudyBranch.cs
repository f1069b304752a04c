using Learn.Core.Data;
using Learn.Core.Organizations;
using Microsoft.EntityFrameworkCore;

namespace Learn.Core.Study;

/// <summary>The 党支部 a member's points count for on the branch boards.</summary>
internal static class StudyBranch
{
    /// <summary>
    /// The nearest <see cref="OrganizationKind.Branch"/> at or above the organisation (a 党小组's
    /// points go to its 党支部); the organisation itself when no branch is above it.
    /// </summary>
    public static async Task<long> OfAsync(LearnDbContext db, string organizationPath, CancellationToken ct)
    {
        var ids = organizationPath.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => long.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var branches = await db.Organizations.Where(o => ids.Contains(o.Id) && o.Kind == OrganizationKind.Branch)
            .Select(o => o.Id).ToListAsync(ct);
        return ids.Reverse().FirstOrDefault(branches.Contains, ids[^1]);
    }
}

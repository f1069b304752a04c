using Learn.Core.Auditing;
using Learn.Core.Data;
using Learn.Core.Members;
using Learn.Core.Organizations;
using Microsoft.EntityFrameworkCore;

namespace Learn.Core.Organizers;

/// <summary>
/// What one signed-in organiser may see and change: the one implementation of scope used by the
/// organiser API and the admin site. Branch secretaries and organisation admins see the subtree
/// under their organisation (a prefix match on <see cref="Organization.Path"/>); super admins see
/// everything. Only admins change the tree itself. Callers answer 404 for anything outside.
/// </summary>
public sealed record OrganizerScope(long AccountId, string DisplayName, OrganizerRole Role, long? OrganizationId, string? RootPath)
{
    public bool IsSuperAdmin => Role == OrganizerRole.SuperAdmin;

    /// <summary>Creating, renaming and moving organisations; branch secretaries keep their roster only.</summary>
    public bool CanManageTree => Role is OrganizerRole.OrganizationAdmin or OrganizerRole.SuperAdmin;

    public bool Covers(string organizationPath) =>
        IsSuperAdmin || (RootPath is not null && organizationPath.StartsWith(RootPath, StringComparison.Ordinal));

    public bool Covers(Organization organization) => Covers(organization.Path);

    public IQueryable<Organization> Filter(IQueryable<Organization> organizations)
    {
        if (IsSuperAdmin) return organizations;
        var root = RootPath ?? "\u0000"; // an account without an organisation sees nothing
        return organizations.Where(o => o.Path.StartsWith(root));
    }

    public IQueryable<Member> Filter(IQueryable<Member> members)
    {
        if (IsSuperAdmin) return members;
        var root = RootPath ?? "\u0000";
        return members.Where(m => m.Organization!.Path.StartsWith(root));
    }

    public AuditActor Actor(string? clientIp = null) => new(AuditActorKind.Organizer, AccountId, DisplayName, clientIp);

    /// <summary>The scope of an active account, read fresh (a moved organisation changes the path).</summary>
    public static async Task<OrganizerScope?> LoadAsync(LearnDbContext db, long accountId, CancellationToken ct = default)
    {
        var row = await db.OrganizerAccounts.AsNoTracking()
            .Where(a => a.Id == accountId && a.IsActive)
            .Select(a => new { a.Id, a.DisplayName, a.Role, a.OrganizationId, Path = a.Organization == null ? null : a.Organization.Path })
            .SingleOrDefaultAsync(ct);
        return row is null ? null : new OrganizerScope(row.Id, row.DisplayName, row.Role, row.OrganizationId, row.Path);
    }
}

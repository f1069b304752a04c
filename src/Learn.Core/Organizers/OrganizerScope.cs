using System.Linq.Expressions;
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

    /// <summary>
    /// The scope as a subtree root: <see cref="Subtree.Everything"/> for a super admin, the organisation's path,
    /// or <see cref="Subtree.Nothing"/> for an account without an organisation.
    /// </summary>
    public string PathPrefix() => IsSuperAdmin ? Subtree.Everything : RootPath ?? Subtree.Nothing;

    public bool Covers(string organizationPath) => Subtree.Contains(PathPrefix(), organizationPath);

    public bool Covers(Organization organization) => Covers(organization.Path);

    /// <summary>Rows of any kind whose organisation path (joined or copied) is in scope; everything for a super admin.</summary>
    public IQueryable<T> Filter<T>(IQueryable<T> rows, Expression<Func<T, string?>> path) =>
        IsSuperAdmin ? rows : rows.Within(path, PathPrefix());

    public IQueryable<Organization> Filter(IQueryable<Organization> organizations) => Filter(organizations, o => o.Path);

    public IQueryable<Member> Filter(IQueryable<Member> members) => Filter(members, m => m.Organization!.Path);

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

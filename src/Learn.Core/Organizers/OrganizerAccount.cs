using Learn.Core.Organizations;

namespace Learn.Core.Organizers;

/// <summary>A sign-in for the admin site. Its scope is its organisation's subtree (none for super admins).</summary>
public class OrganizerAccount
{
    public long Id { get; set; }
    public required string UserName { get; set; }
    public required string DisplayName { get; set; }
    public string PasswordHash { get; set; } = "";
    public OrganizerRole Role { get; set; }

    /// <summary>Root of what this organiser may see; null only for <see cref="OrganizerRole.SuperAdmin"/>.</summary>
    public long? OrganizationId { get; set; }
    public Organization? Organization { get; set; }

    /// <summary>The roster entry of the person behind the account, when they are a member.</summary>
    public long? MemberId { get; set; }

    public bool IsActive { get; set; } = true;
    public DateTime CreatedAt { get; set; }
    public DateTime? LastSignInAt { get; set; }
}

public enum OrganizerRole
{
    /// <summary>支部书记: one branch.</summary>
    BranchSecretary,
    /// <summary>组织管理员: one subtree.</summary>
    OrganizationAdmin,
    /// <summary>超级管理员: everything.</summary>
    SuperAdmin,
}

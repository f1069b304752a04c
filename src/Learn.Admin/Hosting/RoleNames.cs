using Learn.Core.Organizers;

namespace Learn.Admin.Hosting;

public static class RoleNames
{
    public static string Of(OrganizerRole role) => role switch
    {
        OrganizerRole.BranchSecretary => "支部书记",
        OrganizerRole.OrganizationAdmin => "组织管理员",
        OrganizerRole.SuperAdmin => "超级管理员",
        _ => role.ToString(),
    };
}

using Learn.Core.Organizers;

namespace Learn.Admin.Hosting;

public static class ScopePaths
{
    /// <summary>
    /// The scope as the path prefix the contest services take ("/" for the whole tree). An account
    /// without an organisation gets a prefix no path has, so it sees nothing.
    /// </summary>
    public static string PathPrefix(this OrganizerScope scope) =>
        scope.IsSuperAdmin ? "/" : scope.RootPath ?? "\u0000";
}

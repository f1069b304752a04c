using Learn.Core.Organizations;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Learn.Admin.Hosting;

/// <summary>The organisations in scope as an indented select list, in tree order.</summary>
public static class OrganizationOptions
{
    public static List<SelectListItem> Of(IReadOnlyList<OrganizationView> tree, Func<OrganizationView, bool>? include = null)
    {
        var top = tree.Count == 0 ? 0 : tree.Min(Depth);
        return tree.Where(o => include?.Invoke(o) ?? true)
            .Select(o => new SelectListItem(new string('　', Depth(o) - top) + o.Name, o.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
    }

    public static int Depth(OrganizationView o) => o.Path.Count(c => c == '/') - 1;

    /// <summary>Where members may be placed: 党支部 and 党小组.</summary>
    public static bool HoldsMembers(OrganizationView o) => o.Kind is OrganizationKind.Branch or OrganizationKind.Group;
}

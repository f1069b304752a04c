using System.Globalization;
using System.Security.Claims;

namespace Learn.Core.Organizers;

/// <summary>Claims of a signed-in organiser (organiser API bearer tokens, and the admin site's cookie).</summary>
public static class OrganizerClaims
{
    public const string Scheme = "OrganizerToken";
    public const string Policy = "organizer";

    public const string AccountId = "oid";
    public const string SessionId = "osid";
    public const string Role = "orole";
    public const string OrganizationId = "oorg";
    public const string RootPath = "opath";

    public static IEnumerable<Claim> For(OrganizerScope scope, long? sessionId)
    {
        yield return new(AccountId, scope.AccountId.ToString(CultureInfo.InvariantCulture));
        yield return new(ClaimTypes.Name, scope.DisplayName);
        yield return new(Role, scope.Role.ToString());
        if (sessionId is { } s) yield return new(SessionId, s.ToString(CultureInfo.InvariantCulture));
        if (scope.OrganizationId is { } o) yield return new(OrganizationId, o.ToString(CultureInfo.InvariantCulture));
        if (scope.RootPath is { } p) yield return new(RootPath, p);
    }

    /// <summary>
    /// The scope carried by a principal the organiser handler built from fresh database rows.
    /// A long-lived cookie should use <see cref="OrganizerScope.LoadAsync"/> instead: paths change when branches move.
    /// </summary>
    public static OrganizerScope ScopeOf(this ClaimsPrincipal user) => new(
        long.Parse(user.FindFirstValue(AccountId) ?? throw new InvalidOperationException("Not an organiser."), CultureInfo.InvariantCulture),
        user.FindFirstValue(ClaimTypes.Name) ?? "",
        Enum.Parse<OrganizerRole>(user.FindFirstValue(Role)!),
        user.FindFirstValue(OrganizationId) is { } o ? long.Parse(o, CultureInfo.InvariantCulture) : null,
        user.FindFirstValue(RootPath));

    public static long OrganizerSessionIdOf(this ClaimsPrincipal user) =>
        long.Parse(user.FindFirstValue(SessionId) ?? throw new InvalidOperationException("Not an organiser token."), CultureInfo.InvariantCulture);
}

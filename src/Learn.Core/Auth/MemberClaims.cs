using System.Security.Claims;

namespace Learn.Core.Auth;

/// <summary>Who is calling the Mini Program API: a WeChat identity, perhaps bound to a member.</summary>
public static class MemberClaims
{
    public const string Scheme = "MemberToken";
    /// <summary>Any logged-in WeChat identity, bound or not.</summary>
    public const string IdentityPolicy = "identity";
    /// <summary>A WeChat identity bound to a member of the roster.</summary>
    public const string MemberPolicy = "member";

    public const string IdentityId = "iid";
    public const string MemberId = "mid";
    public const string SessionId = "sid";

    public static long IdentityIdOf(this ClaimsPrincipal user) =>
        long.Parse(user.FindFirstValue(IdentityId) ?? throw new InvalidOperationException("Not a member token."), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The bound member's id, or null for an identity not yet bound.</summary>
    public static long? MemberIdOf(this ClaimsPrincipal user) =>
        user.FindFirstValue(MemberId) is { } v ? long.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : null;

    public static long RequiredMemberIdOf(this ClaimsPrincipal user) =>
        user.MemberIdOf() ?? throw new InvalidOperationException("Endpoint needs the member policy.");

    public static string SessionIdOf(this ClaimsPrincipal user) =>
        user.FindFirstValue(SessionId) ?? throw new InvalidOperationException("Not a member token.");
}

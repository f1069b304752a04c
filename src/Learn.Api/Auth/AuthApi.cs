using System.Security.Claims;
using Learn.Api.Admin;
using Learn.Core.Auth;
using Learn.Core.Identity;
using Learn.Core.Organizers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Learn.Api.Auth;

/// <summary>Mini Program login (wx.login code), refresh with rotation, logout, and binding to the roster.</summary>
public static class AuthApi
{
    public sealed record WxLoginRequest(string? Code);

    public sealed record RefreshRequest(string? RefreshToken);

    public sealed record BindResponse(bool Bound, long MemberId, string Name, string AccessToken, int ExpiresIn);

    public static RouteGroupBuilder MapAuth(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/auth").WithTags("Member login");
        group.MapPost("/wx-login", WxLogin);
        group.MapPost("/refresh", Refresh);
        group.MapPost("/logout", Logout).RequireAuthorization(MemberClaims.IdentityPolicy);
        group.MapPost("/bind", Bind).RequireAuthorization(MemberClaims.IdentityPolicy);
        return group;
    }

    private static async Task<Results<Ok<LoginTokens>, ProblemHttpResult>> WxLogin(WxLoginRequest request, WeChatLogin login, CancellationToken ct) =>
        (await login.LoginAsync(request.Code, ct)).ToResult();

    private static async Task<Results<Ok<LoginTokens>, ProblemHttpResult>> Refresh(RefreshRequest request, LoginSessions sessions, CancellationToken ct)
    {
        var tokens = await sessions.RefreshAsync(request.RefreshToken, ct);
        return tokens is null
            ? Core.Problems.Problems.Of(StatusCodes.Status401Unauthorized, MemberProblemTypes.RefreshInvalid, "登录已失效，请重新登录")
            : TypedResults.Ok(tokens);
    }

    private static async Task<NoContent> Logout(ClaimsPrincipal user, LoginSessions sessions, CancellationToken ct)
    {
        await sessions.RevokeAsync(user.SessionIdOf(), ct);
        return TypedResults.NoContent();
    }

    /// <summary>On success the answer carries a new access token for the same session, now with the member id.</summary>
    private static async Task<Results<Ok<BindResponse>, ProblemHttpResult>> Bind(BindRequest request, ClaimsPrincipal user,
        MemberBinding binding, LoginSessions sessions, CancellationToken ct)
    {
        var identityId = user.IdentityIdOf();
        var outcome = await binding.BindIdentityAsync(identityId, request, ct);
        if (outcome.Refusal is { } refusal) return refusal.ToProblem();
        var member = outcome.Value!;
        var (accessToken, expiresIn) = sessions.Reissue(identityId, member.Id, user.SessionIdOf());
        return TypedResults.Ok(new BindResponse(true, member.Id, member.Name, accessToken, expiresIn));
    }
}

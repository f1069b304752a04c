using System.Security.Claims;
using Learn.Api.OpenApi;
using Learn.Core.Auth;
using Learn.Core.Identity;
using Learn.Core.Organizers;
using Learn.Core.Problems;
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
        group.MapPost("/wx-login", WxLogin).AddEndpointFilter<LoginAddressLimitFilter>()
            .WithSummary("微信登录").WithDescription("用 wx.login 得到的 code 换取 accessToken 和 refreshToken。bound 为 false 时须先绑定党员身份（/api/auth/bind）。code 只能用一次，失败后请重新调用 wx.login。")
            .ProducesLearnProblem(400, ProblemTypes.Validation, MemberProblemTypes.WeChatLoginFailed)
            .ProducesLearnProblem(429, ProblemTypes.TooManyRequests).ProducesLearnProblem(503, ProblemTypes.Unavailable);
        group.MapPost("/refresh", Refresh)
            .WithSummary("刷新令牌").WithDescription("accessToken 过期（401）时用 refreshToken 换一对新令牌。refreshToken 每次都会轮换：保存新的，旧的立即作废；重复使用旧的会使整个登录失效。")
            .ProducesLearnProblem(401, MemberProblemTypes.RefreshInvalid);
        group.MapPost("/logout", Logout).RequireAuthorization(MemberClaims.IdentityPolicy)
            .WithSummary("退出登录").WithDescription("作废本次登录的 refreshToken；客户端随后清除本地保存的令牌。");
        group.MapPost("/bind", Bind).RequireAuthorization(MemberClaims.IdentityPolicy).AddEndpointFilter<LoginAddressLimitFilter>()
            .WithSummary("绑定党员身份").WithDescription("两种方式：邀请码（个人邀请码单独即可；支部邀请码需同时填写姓名），或姓名 + 手机号按钮（open-type=getPhoneNumber）返回的 code。成功后返回带党员身份的新 accessToken（refreshToken 不变）。失败次数过多会被暂时限制。")
            .ProducesLearnProblem(400, ProblemTypes.Validation, MemberProblemTypes.InvitationInvalid)
            .ProducesLearnProblem(409, MemberProblemTypes.AlreadyBound, MemberProblemTypes.MemberAlreadyBound)
            .ProducesLearnProblem(422, MemberProblemTypes.NoRosterMatch)
            .ProducesLearnProblem(429, ProblemTypes.TooManyRequests).ProducesLearnProblem(503, ProblemTypes.Unavailable);
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

using System.Security.Claims;
using Learn.Api.OpenApi;
using Learn.Core.Auth;
using Learn.Core.Identity;
using Learn.Core.Members;
using Learn.Core.Organizers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Learn.Api.Me;

/// <summary><c>GET /api/me</c>: the member card, or for an unbound identity what binding needs.</summary>
public static class MeApi
{
    public sealed record BindingHelp(IReadOnlyList<string> Routes, string Hint);

    public sealed record MeResponse(bool Bound, MemberCardView? Member, BindingHelp? Binding);

    /// <summary>The code to type on the Official Account's binding page, and until when it works.</summary>
    public sealed record LinkCodeResponse(string Code, DateTime ExpiresAt, int ExpiresIn);

    private static readonly BindingHelp Help = new(["invitationCode", "phone"],
        "请输入支部书记提供的邀请码和您的姓名，或授权微信手机号并填写姓名，与党员名册匹配后即可绑定。");

    public static RouteGroupBuilder MapMe(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/me").WithTags("Me").RequireAuthorization(MemberClaims.IdentityPolicy);
        group.MapGet("/", Get)
            .WithSummary("我的党员卡片").WithDescription("已绑定：返回党员卡片（所在支部、党龄、政治生日、学习积分）。未绑定：bound 为 false，binding 说明可用的绑定方式。");
        group.MapPost("/official-account-link-code", IssueLinkCode).RequireAuthorization(MemberClaims.MemberPolicy)
            .WithSummary("获取公众号绑定码")
            .WithDescription("生成一个 6 位数字的一次性绑定码，10 分钟内有效。党员在公众号的“绑定党员身份”页面输入它，公众号即与本人关联，之后可收到公众号通知。" +
                "再次获取会使上一个码失效；已关联公众号时返回 409。")
            .ProducesLearnProblem(409, MemberProblemTypes.OfficialAccountAlreadyLinked, MemberProblemTypes.MemberLeft);
        return group;
    }

    private static async Task<Results<Ok<LinkCodeResponse>, ProblemHttpResult>> IssueLinkCode(ClaimsPrincipal user, OfficialAccountLinking linking, CancellationToken ct)
    {
        var outcome = await linking.IssueCodeAsync(user.RequiredMemberIdOf(), ct);
        return outcome.Refusal is { } refusal ? refusal.ToProblem()
            : TypedResults.Ok(new LinkCodeResponse(outcome.Value!.Code, outcome.Value.ExpiresAt, (int)OfficialAccountLinkCodes.Lifetime.TotalSeconds));
    }

    private static async Task<Results<Ok<MeResponse>, UnauthorizedHttpResult>> Get(ClaimsPrincipal user, MemberCard cards, CancellationToken ct)
    {
        if (user.MemberIdOf() is not { } memberId) return TypedResults.Ok(new MeResponse(false, null, Help));
        var card = await cards.ForAsync(memberId, ct);
        // The token outlived its member binding only if the data was removed under it: log in again.
        return card is null ? TypedResults.Unauthorized() : TypedResults.Ok(new MeResponse(true, card, null));
    }
}

using Learn.Api.WeChat;
using Learn.Core.Data;
using Learn.Core.Identity;
using Learn.Core.Organizers;
using Learn.Core.Problems;
using Learn.WeChat.Errors;
using Learn.WeChat.OfficialAccount;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Learn.Api.OfficialAccountBinding;

/// <summary>
/// <c>/wechat/oa/bind</c>: the Official Account's binding page, opened in WeChat's in-app browser from the welcome
/// text or the menu (<c>WeChatPush:BindingPageUrl</c> is its public address). Without <c>code</c> it sends the
/// visitor through silent OAuth (snsapi_base) and back; with it, it learns the follower's openid and shows the form;
/// the form posts back here. See ADR 0103.
/// </summary>
public static class OfficialAccountBindingApi
{
    private const string StateCookie = "learn_oa_state";

    public static RouteGroupBuilder MapOfficialAccountBinding(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/wechat/oa/bind").ExcludeFromDescription();
        group.MapGet("/", OpenAsync);
        // The form ticket (signed, bound to the visitor's identity) is the anti-forgery token here.
        group.MapPost("/", SubmitAsync).DisableAntiforgery();
        return group;
    }

    public static IServiceCollection AddOfficialAccountBinding(this IServiceCollection services) => services.AddSingleton<BindingTickets>();

    private static async Task<Results<RedirectHttpResult, ContentHttpResult>> OpenAsync(HttpContext http, string? code, string? state,
        IOptions<WeChatPushOptions> push, BindingTickets tickets, OfficialAccountClient officialAccount, OfficialAccountLinking linking,
        LearnDbContext db, CancellationToken ct)
    {
        var pageUrl = push.Value.BindingPageUrl;
        if (string.IsNullOrWhiteSpace(pageUrl))
            return Html(http, StatusCodes.Status404NotFound, BindingPage.Message("暂未开通", "公众号绑定页面暂未开通，请打开小程序，在「我的」页面绑定党员身份。", problemType: ProblemTypes.NotFound));
        if (code is null && state is null)
        {
            var nonce = BindingTickets.NewNonce();
            http.Response.Cookies.Append(StateCookie, nonce, new CookieOptions
            {
                HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = pageUrl.StartsWith("https:", StringComparison.OrdinalIgnoreCase),
                MaxAge = BindingTickets.StateLifetime, Path = new Uri(pageUrl).AbsolutePath,
            });
            return TypedResults.Redirect(officialAccount.OAuthUrl(pageUrl, tickets.IssueState(nonce)));
        }

        if (!tickets.IsValidState(state, http.Request.Cookies[StateCookie]) || string.IsNullOrEmpty(code) || code.Length > 128)
            return Html(http, StatusCodes.Status400BadRequest, BindingPage.Message("页面已过期", "页面已过期或链接不完整，请返回公众号重新打开绑定页面。",
                problemType: MemberProblemTypes.OAuthStateInvalid));
        http.Response.Cookies.Delete(StateCookie, new CookieOptions { Path = new Uri(pageUrl).AbsolutePath });

        OAuthIdentity visitor;
        try
        {
            visitor = await officialAccount.ExchangeOAuthCodeAsync(code, ct);
        }
        catch (WeChatApiException e) when (e.IsTransient)
        {
            return Html(http, StatusCodes.Status503ServiceUnavailable, BindingPage.Message("请稍后再试", "微信服务繁忙，请稍后重新打开绑定页面。", problemType: ProblemTypes.Unavailable));
        }
        catch (WeChatApiException)
        {
            // 40029 unknown or expired code, 40163 used (a refresh of the page): start again from the menu.
            return Html(http, StatusCodes.Status400BadRequest, BindingPage.Message("授权已失效", "微信授权已失效，请返回公众号重新打开绑定页面。",
                problemType: MemberProblemTypes.OAuthCodeInvalid));
        }
        if (visitor.IsSnapshotUser)
            return Html(http, StatusCodes.Status400BadRequest, BindingPage.Message("请使用完整服务", "当前为微信快照页，无法识别您的身份。请点击页面底部的「使用完整服务」后再绑定。",
                problemType: MemberProblemTypes.OAuthCodeInvalid));

        var identity = await linking.VisitAsync(visitor, ct);
        if (identity.MemberId is { } memberId)
            return Html(http, StatusCodes.Status200OK, await BoundPageAsync(db, memberId, identity.Subscribed, "您已绑定", ct));
        return Html(http, StatusCodes.Status200OK, BindingPage.Form(tickets.IssueForm(identity.Id)));
    }

    private static async Task<ContentHttpResult> SubmitAsync(HttpContext http, BindingTickets tickets, OfficialAccountLinking linking,
        LearnDbContext db, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType || http.Request.ContentLength > 8 * 1024)
            return Html(http, StatusCodes.Status400BadRequest, BindingPage.Message("无法提交", "请返回公众号重新打开绑定页面后再提交。", problemType: ProblemTypes.BadRequest));
        var form = await http.Request.ReadFormAsync(ct);
        var ticket = form["ticket"].ToString();
        if (tickets.ReadForm(ticket) is not { } identityId)
            return Html(http, StatusCodes.Status400BadRequest, BindingPage.Message("页面已过期", "页面已过期，请返回公众号重新打开绑定页面。",
                problemType: MemberProblemTypes.OAuthStateInvalid));

        var request = new OfficialAccountLinkRequest(Field(form, "linkCode"), Field(form, "invitationCode"), Field(form, "name"), Field(form, "mobile"));
        var outcome = await linking.LinkAsync(identityId, request, ct);
        if (outcome.Refusal is { } refusal)
            return Html(http, refusal.Status, BindingPage.Form(ticket, request, Message(refusal), refusal.Type));
        var subscribed = await db.WeChatIdentities.Where(w => w.Id == identityId).Select(w => w.Subscribed).SingleAsync(ct);
        return Html(http, StatusCodes.Status200OK, await BoundPageAsync(db, outcome.Value!.Id, subscribed, "绑定成功", ct));
    }

    private static async Task<string> BoundPageAsync(LearnDbContext db, long memberId, bool subscribed, string heading, CancellationToken ct)
    {
        var member = await db.Members.AsNoTracking().Where(m => m.Id == memberId).Select(m => new { m.Name, Branch = m.Organization!.Name }).SingleAsync(ct);
        return BindingPage.Message(heading, $"{member.Name}（{member.Branch}），您的微信已与党员身份关联，公众号会向您发送学习提醒和活动通知。",
            subscribed ? null : "您还没有关注本公众号，关注后才能收到通知。");
    }

    // A validation refusal carries its message per field; the page shows the message itself.
    private static string Message(Refusal refusal) => refusal.Errors?.Values.SelectMany(v => v).FirstOrDefault() ?? refusal.Title;

    private static string? Field(IFormCollection form, string name) => form.TryGetValue(name, out var v) && v.Count == 1 && v[0]!.Length <= 64 ? v[0] : null;

    private static ContentHttpResult Html(HttpContext http, int status, string html)
    {
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = BindingPage.ContentSecurityPolicy;
        headers.XFrameOptions = "DENY";
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer"; // the URL carries WeChat's code and our state
        return TypedResults.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
    }
}

using System.Net;
using System.Web;
using FakeWeChat;
using Learn.Core.Identity;
using Learn.Core.Organizations;
using Learn.Core.Organizers;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Learn.Api.Tests.Identity;

/// <summary>The OAuth half of the Official Account binding page: redirect, state, WeChat's code, who the visitor is.</summary>
public class OfficialAccountBindingPageTests(OfficialAccountBindingFactory factory) : IClassFixture<OfficialAccountBindingFactory>
{
    private static string NewOpenId() => "oa-" + Guid.NewGuid().ToString("N")[..16];

    [Fact]
    public async Task Opening_the_page_redirects_to_silent_OAuth_with_a_signed_state_tied_to_a_cookie()
    {
        var browser = new OfficialAccountBrowser(factory);
        var response = await browser.Client.GetAsync("/wechat/oa/bind");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = response.Headers.Location!;
        location.GetLeftPart(UriPartial.Path).ShouldBe("https://open.weixin.qq.com/connect/oauth2/authorize");
        location.Fragment.ShouldBe("#wechat_redirect");
        var query = HttpUtility.ParseQueryString(location.Query);
        query["appid"].ShouldBe(factory.WeChat.OfficialAccount.AppId);
        query["redirect_uri"].ShouldBe(OfficialAccountBindingFactory.PageUrl);
        query["scope"].ShouldBe("snsapi_base");
        var state = query["state"]!;
        state.ShouldMatch("^[a-zA-Z0-9]{1,128}$"); // WeChat's rule for state
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("learn_oa_state=", StringComparison.Ordinal));
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("samesite=lax", Case.Insensitive);
        state.ShouldStartWith(cookie["learn_oa_state=".Length..cookie.IndexOf(';', StringComparison.Ordinal)]);

        var form = await browser.ReturnFromWeChatAsync(NewOpenId(), state);
        form.Status.ShouldBe(HttpStatusCode.OK);
        form.Html.ShouldContain("绑定党员身份");
        form.Ticket.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task A_tampered_foreign_or_expired_state_is_refused_before_WeChat_is_asked()
    {
        var browser = new OfficialAccountBrowser(factory);
        var state = OfficialAccountBrowser.StateOf(await browser.StartAsync());
        factory.WeChat.ClearRequests();

        var last = state[^1] == 'a' ? 'b' : 'a';
        var tampered = await browser.ReturnFromWeChatAsync(NewOpenId(), state[..^1] + last);
        var otherBrowser = await new OfficialAccountBrowser(factory).ReturnFromWeChatAsync(NewOpenId(), state); // no cookie: a forged callback
        factory.Clock.Advance(TimeSpan.FromMinutes(11));
        var expired = await browser.ReturnFromWeChatAsync(NewOpenId(), state);

        foreach (var page in new[] { tampered, otherBrowser, expired })
        {
            page.Status.ShouldBe(HttpStatusCode.BadRequest);
            page.Problem.ShouldBe(MemberProblemTypes.OAuthStateInvalid);
            page.Html.ShouldContain("请返回公众号重新打开绑定页面");
            page.Ticket.ShouldBeNull();
        }
        factory.WeChat.RequestsTo(FakePaths.OAuthAccessToken).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_invalid_or_reused_WeChat_code_is_refused_in_Chinese()
    {
        var browser = new OfficialAccountBrowser(factory);
        var invalid = await browser.CallbackAsync("never-issued", OfficialAccountBrowser.StateOf(await browser.StartAsync()));

        invalid.Status.ShouldBe(HttpStatusCode.BadRequest);
        invalid.Problem.ShouldBe(MemberProblemTypes.OAuthCodeInvalid);
        invalid.Html.ShouldContain("微信授权已失效");
        factory.WeChat.RequestsTo(FakePaths.OAuthAccessToken).ShouldContain(r => r.QueryValue("code") == "never-issued");
    }

    [Fact]
    public async Task A_snapshot_page_visitor_is_asked_to_use_the_full_service()
    {
        var openId = NewOpenId();
        factory.WeChat.Followers.MarkSnapshotUser(openId);

        var page = await new OfficialAccountBrowser(factory).OpenAsync(openId);

        page.Status.ShouldBe(HttpStatusCode.BadRequest);
        page.Html.ShouldContain("使用完整服务");
        (await factory.WithDbAsync(db => db.WeChatIdentities.AnyAsync(w => w.OpenId == openId))).ShouldBeFalse();
    }

    [Fact]
    public async Task A_forged_or_missing_form_ticket_is_refused_and_nothing_is_linked()
    {
        var browser = new OfficialAccountBrowser(factory);
        var form = await browser.OpenAsync(NewOpenId());
        var parts = form.Ticket!.Split('.');
        var otherIdentity = (long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var forged = await browser.SubmitAsync($"{otherIdentity}.{parts[1]}.{parts[2]}", ("mobile", "13900000000"), ("name", "某某"));
        var missing = await browser.SubmitAsync(null, ("linkCode", "123456"));

        forged.Status.ShouldBe(HttpStatusCode.BadRequest);
        forged.Problem.ShouldBe(MemberProblemTypes.OAuthStateInvalid);
        missing.Status.ShouldBe(HttpStatusCode.BadRequest);
        missing.Problem.ShouldBe(MemberProblemTypes.OAuthStateInvalid);
    }

    [Fact]
    public async Task A_follower_sharing_a_unionid_with_a_bound_Mini_Program_user_is_already_bound()
    {
        var unionId = "union-" + Guid.NewGuid().ToString("N")[..10];
        var member = await factory.WithDbAsync(async db =>
        {
            var branch = await db.AddOrganizationAsync("开放平台党支部", OrganizationKind.Branch);
            return await db.AddMemberAsync(branch, "同一开放平台");
        });
        await factory.CreateMemberClientAsync(member.Id);
        await factory.WithDbAsync(db => db.WeChatIdentities.Where(w => w.MemberId == member.Id).ExecuteUpdateAsync(s => s.SetProperty(w => w.UnionId, unionId)));
        var openId = NewOpenId();
        factory.WeChat.Followers.Follow(openId, unionId); // user/info tells the unionid; snsapi_base does not

        var page = await new OfficialAccountBrowser(factory).OpenAsync(openId);

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Html.ShouldContain("您已绑定");
        page.Html.ShouldContain("同一开放平台");
        page.Ticket.ShouldBeNull();
        var identity = await factory.WithDbAsync(db => db.WeChatIdentities.SingleAsync(w => w.OpenId == openId));
        (identity.MemberId, identity.AppKind, identity.Subscribed).ShouldBe((member.Id, WeChatAppKind.OfficialAccount, true));
    }

    [Fact]
    public async Task Pages_forbid_framing_and_caching()
    {
        var browser = new OfficialAccountBrowser(factory);
        var response = await browser.Client.GetAsync($"/wechat/oa/bind?code=x&state={OfficialAccountBrowser.StateOf(await browser.StartAsync())}");

        response.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("frame-ancestors 'none'");
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        (await response.Content.ReadAsStringAsync()).ShouldContain("<meta name=\"viewport\"");
    }
}

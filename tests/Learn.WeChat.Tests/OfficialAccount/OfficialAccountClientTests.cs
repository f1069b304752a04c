using FakeWeChat;
using Learn.WeChat.Crypto;
using Learn.WeChat.Errors;
using Learn.WeChat.OfficialAccount;
using Learn.WeChat.Tests.Support;

namespace Learn.WeChat.Tests.OfficialAccount;

public sealed class OfficialAccountClientTests : FakeWeChatTest
{
    private OfficialAccountClient Client => Service<OfficialAccountClient>();

    [Fact]
    public async Task Template_send_has_WeChat_shape_and_returns_msgid()
    {
        var msgId = await Client.SendTemplateMessageAsync(new TemplateMessage("oa-openid", "tpl-t",
            new Dictionary<string, string> { ["thing1"] = "主题党日", ["time2"] = "2024年7月1日 09:30" },
            MiniProgram: new("wx1111111111111111", "pages/contest/index?id=3"), ClientMsgId: "notif-42"));

        msgId.ShouldBeGreaterThan(0);
        var request = Fake.RequestsTo(FakePaths.TemplateSend).Single();
        request.AppId.ShouldBe(Fake.OfficialAccount.AppId); // the Official Account's token, not the Mini Program's
        var body = request.Json;
        body.GetProperty("touser").GetString().ShouldBe("oa-openid");
        body.GetProperty("client_msg_id").GetString().ShouldBe("notif-42");
        body.GetProperty("miniprogram").GetProperty("pagepath").GetString().ShouldBe("pages/contest/index?id=3");
        body.GetProperty("data").GetProperty("thing1").GetProperty("value").GetString().ShouldBe("主题党日");
        body.TryGetProperty("url", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Template_values_breaking_the_2023_rules_are_not_sent()
    {
        await Should.ThrowAsync<ArgumentException>(() => Client.SendTemplateMessageAsync(
            new TemplateMessage("oa-openid", "tpl-t", new Dictionary<string, string> { ["keyword1"] = "两行\n文字" })));
        Fake.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Bizsend_is_sent_and_43101_surfaces_as_final()
    {
        var message = new BizSubscribeMessage("oa-openid", "tpl-b", new Dictionary<string, string> { ["thing1"] = "学习提醒" }, Page: "https://learn.example/today");
        await Client.SendSubscriptionAsync(message);
        Fake.RequestsTo(FakePaths.BizSend).Single().Json.GetProperty("page").GetString().ShouldBe("https://learn.example/today");

        Fake.FailNext(43101, path: FakePaths.BizSend);
        var ex = await Should.ThrowAsync<WeChatApiException>(() => Client.SendSubscriptionAsync(message));
        ex.ErrCode.ShouldBe(WeChatErrorCodes.UserRefusedSubscription);
        ex.IsTransient.ShouldBeFalse();
    }

    [Fact]
    public async Task OAuth_code_exchanges_for_openid()
    {
        Fake.OAuthCodes.Add("web-code", "oa-openid-7");
        var identity = await Client.ExchangeOAuthCodeAsync("web-code");
        identity.OpenId.ShouldBe("oa-openid-7");
        identity.Scope.ShouldBe("snsapi_base");
        Fake.RequestsTo(FakePaths.OAuthAccessToken).Single().QueryValue("appid").ShouldBe(Fake.OfficialAccount.AppId);

        var url = Client.OAuthUrl("https://learn.example/h5/bind?x=1", "st");
        url.ShouldStartWith($"https://open.weixin.qq.com/connect/oauth2/authorize?appid={Fake.OfficialAccount.AppId}&redirect_uri=https%3A%2F%2Flearn.example%2Fh5%2Fbind%3Fx%3D1");
        url.ShouldEndWith("&response_type=code&scope=snsapi_base&state=st#wechat_redirect");
    }

    [Fact]
    public async Task OAuth_exchange_sends_the_official_accounts_credentials_and_reads_a_snapshot_user()
    {
        Fake.OAuthCodes.Add("snap-code", "oa-virtual");
        Fake.Followers.MarkSnapshotUser("oa-virtual");

        var identity = await Client.ExchangeOAuthCodeAsync("snap-code");

        identity.IsSnapshotUser.ShouldBeTrue();
        identity.UnionId.ShouldBeNull();
        var request = Fake.RequestsTo(FakePaths.OAuthAccessToken).Single();
        request.QueryValue("secret").ShouldBe(Fake.OfficialAccount.AppSecret);
        request.QueryValue("code").ShouldBe("snap-code");
        request.QueryValue("grant_type").ShouldBe("authorization_code");
        request.QueryValue("access_token").ShouldBeNull(); // a user-level exchange, not an access-token API
    }

    [Fact]
    public async Task OAuth_invalid_and_used_codes_are_final_typed_errors()
    {
        var invalid = await Should.ThrowAsync<WeChatApiException>(() => Client.ExchangeOAuthCodeAsync("never-issued"));
        invalid.ErrCode.ShouldBe(WeChatErrorCodes.InvalidCode);
        invalid.IsTransient.ShouldBeFalse();

        Fake.OAuthCodes.Add("once", "oa-openid-8");
        (await Client.ExchangeOAuthCodeAsync("once")).OpenId.ShouldBe("oa-openid-8");
        var used = await Should.ThrowAsync<WeChatApiException>(() => Client.ExchangeOAuthCodeAsync("once"));
        used.ErrCode.ShouldBe(WeChatErrorCodes.CodeUsed);
        used.IsTransient.ShouldBeFalse();
        Fake.RequestsTo(FakePaths.OAuthAccessToken).Count.ShouldBe(3); // final errors are not retried
    }

    [Fact]
    public void OAuth_url_encodes_the_state_and_asks_for_the_silent_scope()
    {
        var url = new Uri(Client.OAuthUrl("https://learn.example/wechat/oa/bind", "a.b_c-d"));

        url.Host.ShouldBe("open.weixin.qq.com");
        url.AbsolutePath.ShouldBe("/connect/oauth2/authorize");
        url.Fragment.ShouldBe("#wechat_redirect");
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        query["appid"].ShouldBe(Fake.OfficialAccount.AppId);
        query["redirect_uri"].ShouldBe("https://learn.example/wechat/oa/bind");
        query["response_type"].ShouldBe("code");
        query["scope"].ShouldBe("snsapi_base");
        query["state"].ShouldBe("a.b_c-d");
    }

    [Fact]
    public async Task User_info_tells_whether_the_openid_follows_and_its_unionid()
    {
        Fake.Followers.Follow("oa-fan", "union-9");

        var fan = await Client.GetUserAsync("oa-fan");
        var stranger = await Client.GetUserAsync("oa-stranger");

        fan.Follows.ShouldBeTrue();
        fan.UnionId.ShouldBe("union-9");
        stranger.Follows.ShouldBeFalse();
        stranger.UnionId.ShouldBeNull();
        var request = Fake.RequestsTo(FakePaths.UserInfo).First();
        request.AppId.ShouldBe(Fake.OfficialAccount.AppId); // the Official Account's access token
        request.QueryValue("openid").ShouldBe("oa-fan");
    }

    [Fact]
    public async Task Js_sdk_config_uses_a_cached_ticket_and_signs_the_page()
    {
        var first = await Client.GetJsSdkConfigAsync("https://learn.example/h5/today?id=1#share");
        var second = await Client.GetJsSdkConfigAsync("https://learn.example/h5/today?id=1");

        Fake.RequestsTo(FakePaths.GetTicket).Count.ShouldBe(1);
        var ticket = Fake.RequestsTo(FakePaths.GetTicket).Single();
        ticket.QueryValue("type").ShouldBe("jsapi");
        first.AppId.ShouldBe(Fake.OfficialAccount.AppId);
        second.NonceStr.ShouldNotBe(first.NonceStr);
        // Re-derive with the ticket the fake issued: the signature must cover the URL without its fragment.
        var issued = await Service<Learn.WeChat.Tokens.JsApiTickets>().GetAsync();
        first.Signature.ShouldBe(JsSdk.Sign(issued, first.NonceStr, first.Timestamp, "https://learn.example/h5/today?id=1"));
    }
}

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

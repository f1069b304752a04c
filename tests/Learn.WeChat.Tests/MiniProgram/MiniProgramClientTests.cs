using FakeWeChat;
using Learn.WeChat.Errors;
using Learn.WeChat.MiniProgram;
using Learn.WeChat.Tests.Support;

namespace Learn.WeChat.Tests.MiniProgram;

public sealed class MiniProgramClientTests : FakeWeChatTest
{
    private MiniProgramClient Client => Service<MiniProgramClient>();

    [Fact]
    public async Task Code2Session_returns_the_registered_identity_once()
    {
        Fake.Sessions.Add("code-1", new FakeSession("openid-1", "c2Vzc2lvbmtleTEyMzQ1Ng==", "union-1"));

        var session = await Client.Code2SessionAsync("code-1");

        session.ShouldBe(new Code2SessionResult("openid-1", "c2Vzc2lvbmtleTEyMzQ1Ng==", "union-1"));
        var request = Fake.RequestsTo(FakePaths.JsCode2Session).ShouldHaveSingleItem();
        request.QueryValue("appid").ShouldBe(Fake.MiniProgram.AppId);
        request.QueryValue("secret").ShouldBe(Fake.MiniProgram.AppSecret);
        request.QueryValue("grant_type").ShouldBe("authorization_code");
        (await Should.ThrowAsync<WeChatApiException>(() => Client.Code2SessionAsync("code-1"))).ErrCode.ShouldBe(40163);
        (await Should.ThrowAsync<WeChatApiException>(() => Client.Code2SessionAsync("unknown"))).ErrCode.ShouldBe(40029);
    }

    [Fact]
    public async Task Phone_number_from_a_button_code()
    {
        Fake.PhoneCodes.Add("phone-code", new FakePhone("13800138000", "86"));
        var phone = await Client.GetPhoneNumberAsync("phone-code");
        phone.ShouldBe(new PhoneNumberInfo("13800138000", "13800138000", "86"));
        Fake.RequestsTo(FakePaths.PhoneNumber).Single().Json.GetProperty("code").GetString().ShouldBe("phone-code");
    }

    [Fact]
    public async Task Subscribe_send_uses_configured_page_and_state_and_WeChat_data_shape()
    {
        var msgId = await Client.SendSubscribeMessageAsync(new SubscribeMessage("openid-1", "tpl-9",
            new Dictionary<string, string> { ["thing1"] = "七一党课", ["time2"] = "2024年7月1日 09:30", ["phrase3"] = "待参加" }));

        msgId.ShouldNotBeNullOrEmpty();
        var body = Fake.RequestsTo(FakePaths.SubscribeSend).Single().Json;
        body.GetProperty("touser").GetString().ShouldBe("openid-1");
        body.GetProperty("template_id").GetString().ShouldBe("tpl-9");
        body.GetProperty("page").GetString().ShouldBe("pages/index/index");
        body.GetProperty("miniprogram_state").GetString().ShouldBe("trial");
        body.GetProperty("lang").GetString().ShouldBe("zh_CN");
        body.GetProperty("data").GetProperty("thing1").GetProperty("value").GetString().ShouldBe("七一党课");
        body.GetProperty("data").GetProperty("time2").GetProperty("value").GetString().ShouldBe("2024年7月1日 09:30");
    }

    [Fact]
    public async Task Data_over_the_limits_is_refused_before_anything_is_sent()
    {
        var tooLong = new SubscribeMessage("openid-1", "tpl-9", new Dictionary<string, string> { ["thing1"] = new('学', 21), ["phrase2"] = "不是短语abc" });
        var ex = await Should.ThrowAsync<ArgumentException>(() => Client.SendSubscribeMessageAsync(tooLong));
        ex.Message.ShouldContain("thing1");
        ex.Message.ShouldContain("phrase2");
        Fake.Requests.ShouldBeEmpty(); // not even a token fetch
    }

    [Theory]
    [InlineData("好好学习", ContentSuggest.Pass, 100)]
    [InlineData("这里有违禁词", ContentSuggest.Risky, 20001)]
    [InlineData("这个要人工看", ContentSuggest.Review, 20002)]
    public async Task Content_check_decides_on_result_suggest(string text, ContentSuggest expected, int label)
    {
        Fake.RiskyWords.Add("违禁词");
        Fake.ReviewWords.Add("人工");
        var result = await Client.CheckTextAsync("openid-1", text, ContentScene.Forum);
        result.Suggest.ShouldBe(expected);
        result.Label.ShouldBe(label);
        result.TraceId.ShouldNotBeNullOrEmpty();
        var body = Fake.RequestsTo(FakePaths.MsgSecCheck).Single().Json;
        body.GetProperty("version").GetInt32().ShouldBe(2);
        body.GetProperty("scene").GetInt32().ShouldBe(3);
        body.GetProperty("openid").GetString().ShouldBe("openid-1");
    }
}

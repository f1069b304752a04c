using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Learn.Core.Identity;

namespace Learn.Api.Tests.WeChat;

public class MiniProgramPushTests(WeChatPushFactory factory) : IClassFixture<WeChatPushFactory>
{
    private long Now => factory.Clock.GetUtcNow().ToUnixTimeSeconds();

    [Fact]
    public async Task Json_consent_with_List_as_an_object_records_one_row()
    {
        var openId = Pushes.NewOpenId();
        // Numbers as strings, List as an object: both as WeChat sends them for a single template.
        var push = $$"""
            {"ToUserName":"gh_123456789abc","FromUserName":"{{openId}}","CreateTime":"{{Now}}","MsgType":"event",
             "Event":"subscribe_msg_popup_event","List":{"PopupScene":"0","SubscribeStatusString":"accept","TemplateId":"tpl-contest-reminder"} }
            """;
        var sender = factory.MiniProgram();
        var response = await sender.SafeAsync(push);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("success");
        var row = (await factory.DeliveryEventsAsync(openId, 1)).ShouldHaveSingleItem();
        row.AppKind.ShouldBe(WeChatAppKind.MiniProgram);
        row.AppId.ShouldBe(WeChatPushFactory.MiniProgramAppId);
        (row.Event, row.TemplateId, row.Status).ShouldBe(("subscribe_msg_popup_event", "tpl-contest-reminder", "accept"));
    }

    [Fact]
    public async Task Json_events_with_List_as_an_array_record_every_template()
    {
        var openId = Pushes.NewOpenId();
        var change = $$"""
            {"ToUserName":"gh_123456789abc","FromUserName":"{{openId}}","CreateTime":{{Now}},"MsgType":"event","Event":"subscribe_msg_change_event",
             "List":[{"TemplateId":"tpl-a","SubscribeStatusString":"reject"},{"TemplateId":"tpl-b","SubscribeStatusString":"accept"}]}
            """;
        var sent = $$"""
            {"ToUserName":"gh_123456789abc","FromUserName":"{{openId}}","CreateTime":"{{Now + 1}}","MsgType":"event","Event":"subscribe_msg_sent_event",
             "List":[{"TemplateId":"tpl-b","MsgID":"1864323726461255680","ErrorCode":"0","ErrorStatus":"success"},
                     {"TemplateId":"tpl-c","MsgID":"1864323726461255681","ErrorCode":43101,"ErrorStatus":"user refuse to accept the msg"}]}
            """;
        var sender = factory.MiniProgram();
        (await sender.SafeAsync(change)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await sender.PlainAsync(sent)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var rows = await factory.DeliveryEventsAsync(openId, 4);
        rows.Select(r => (r.Event, r.TemplateId, r.Status, r.MsgId, r.ErrorCode)).OrderBy(r => r.Event).ThenBy(r => r.TemplateId).ShouldBe(
        [
            ("subscribe_msg_change_event", "tpl-a", "reject", null, null),
            ("subscribe_msg_change_event", "tpl-b", "accept", null, null),
            ("subscribe_msg_sent_event", "tpl-b", "success", "1864323726461255680", 0),
            ("subscribe_msg_sent_event", "tpl-c", "user refuse to accept the msg", "1864323726461255681", 43101),
        ]);
    }

    [Fact]
    public async Task Xml_push_is_accepted_too()
    {
        var openId = Pushes.NewOpenId();
        var push = Pushes.Event(openId, "subscribe_msg_popup_event", Now, extra:
            "<SubscribeMsgPopupEvent><List><TemplateId><![CDATA[tpl-x]]></TemplateId><SubscribeStatusString><![CDATA[accept]]></SubscribeStatusString><PopupScene>0</PopupScene></List></SubscribeMsgPopupEvent>");
        (await (await factory.MiniProgram().SafeAsync(push)).Content.ReadAsStringAsync()).ShouldBe("success");
        (await factory.DeliveryEventsAsync(openId, 1)).ShouldHaveSingleItem().TemplateId.ShouldBe("tpl-x");
    }

    [Fact]
    public async Task Url_verification_and_signature_rules_are_the_same_as_the_official_accounts()
    {
        var sender = factory.MiniProgram();
        var query = sender.Query();
        query["echostr"] = "mp-echo-42";
        var ok = await sender.Client.GetAsync("/wechat/miniprogram?" + string.Join("&", query.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}")));
        (await ok.Content.ReadAsStringAsync()).ShouldBe("mp-echo-42");

        var openId = Pushes.NewOpenId();
        var push = $$"""{"ToUserName":"gh_1","FromUserName":"{{openId}}","CreateTime":{{Now}},"MsgType":"event","Event":"subscribe_msg_popup_event","List":{"TemplateId":"t","SubscribeStatusString":"accept"} }""";
        var forged = await sender.SafeAsync(push, q => q["msg_signature"] = new string('0', 40));
        forged.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await forged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString().ShouldBe("urn:learn:problem:wechat-signature");

        var malformed = await sender.PlainAsync("{\"ToUserName\":");
        malformed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        await factory.DeliveryBufferDrainedAsync();
        (await factory.DeliveryEventsAsync(openId, 0)).ShouldBeEmpty();
    }
}

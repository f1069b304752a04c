using Learn.WeChat.Messages;

namespace Learn.WeChat.Tests.Messages;

public class JsonParserTests
{
    [Fact]
    public void List_as_a_single_object_with_numbers_as_strings()
    {
        var m = WeChatJsonParser.Parse(
            """
            {"ToUserName":"gh_1","FromUserName":"o_1","CreateTime":"1620963428","MsgType":"event","Event":"subscribe_msg_popup_event","List":{"TemplateId":"tpl-a","SubscribeStatusString":"accept","PopupScene":"0"}}
            """);
        m.CreateTime.ShouldBe(1620963428);
        m.SubscribeItems.Single().ShouldBe(new SubscribeMsgItem("tpl-a", "accept", "0", null, null, null));
    }

    [Fact]
    public void List_as_an_array_with_real_numbers()
    {
        var m = WeChatJsonParser.Parse(
            """
            {"ToUserName":"gh_1","FromUserName":"o_1","CreateTime":1620963428,"MsgType":"event","Event":"subscribe_msg_sent_event","List":[{"TemplateId":"tpl-a","MsgID":"1864323726461255680","ErrorCode":0,"ErrorStatus":"success"},{"TemplateId":"tpl-b","MsgID":1864323726461255681,"ErrorCode":"10005","ErrorStatus":"failed"}]}
            """);
        m.CreateTime.ShouldBe(1620963428);
        m.SubscribeItems.Count.ShouldBe(2);
        m.SubscribeItems[0].ShouldBe(new SubscribeMsgItem("tpl-a", null, null, "1864323726461255680", 0, "success"));
        m.SubscribeItems[1].ShouldBe(new SubscribeMsgItem("tpl-b", null, null, "1864323726461255681", 10005, "failed"));
    }

    [Fact]
    public void Wrapped_List_and_non_numeric_MsgId_are_kept()
    {
        var m = WeChatJsonParser.Parse(
            """
            {"FromUserName":"o_1","MsgType":"text","Content":"测试","MsgId":"49d72d67b16d115e7935ac386f2f0fa41535298877_1555684067","SubscribeMsgChangeEvent":{"List":{"TemplateId":"tpl-a","SubscribeStatusString":"reject"}}}
            """);
        m.MsgId.ShouldBe("49d72d67b16d115e7935ac386f2f0fa41535298877_1555684067");
        m.Content.ShouldBe("测试");
        m.SubscribeItems.Single().SubscribeStatusString.ShouldBe("reject");
    }

    [Theory]
    [InlineData("[1,2,3]")]
    [InlineData("{\"a\":")]
    [InlineData("\"text\"")]
    public void Malformed_json_is_refused(string json) => Should.Throw<WeChatMessageFormatException>(() => WeChatJsonParser.Parse(json));
}

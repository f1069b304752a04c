using Learn.WeChat.Messages;

namespace Learn.WeChat.Tests.Messages;

public class XmlParserTests
{
    [Fact]
    public void Text_message_fields_and_MsgId()
    {
        var m = WeChatXmlParser.Parse(
            "<xml><ToUserName><![CDATA[gh_123]]></ToUserName><FromUserName><![CDATA[o_member]]></FromUserName>" +
            "<CreateTime>1714112445</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[今日学习]]></Content>" +
            "<MsgId>6054768590064713728</MsgId></xml>");
        m.ToUserName.ShouldBe("gh_123");
        m.FromUserName.ShouldBe("o_member");
        m.CreateTime.ShouldBe(1714112445);
        m.MsgType.ShouldBe("text");
        m.Content.ShouldBe("今日学习");
        m.MsgId.ShouldBe("6054768590064713728");
        m.IsEvent.ShouldBeFalse();
    }

    [Fact]
    public void TEMPLATESENDJOBFINISH_carries_MsgID_with_capital_ID_and_a_status_with_a_space()
    {
        var m = WeChatXmlParser.Parse(
            "<xml><ToUserName><![CDATA[gh_123]]></ToUserName><FromUserName><![CDATA[o_member]]></FromUserName>" +
            "<CreateTime>1395658920</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[TEMPLATESENDJOBFINISH]]></Event>" +
            "<MsgID>200163840</MsgID><Status><![CDATA[failed: system failed]]></Status></xml>");
        m.IsEvent.ShouldBeTrue();
        m.Event.ShouldBe("TEMPLATESENDJOBFINISH");
        m.MsgId.ShouldBe("200163840");
        m.Status.ShouldBe("failed: system failed");
    }

    [Fact]
    public void Subscribe_popup_event_with_several_List_items()
    {
        var m = WeChatXmlParser.Parse(
            "<xml><ToUserName><![CDATA[gh_123]]></ToUserName><FromUserName><![CDATA[o_member]]></FromUserName>" +
            "<CreateTime>1610969440</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe_msg_popup_event]]></Event>" +
            "<SubscribeMsgPopupEvent><List><TemplateId><![CDATA[tpl-a]]></TemplateId><SubscribeStatusString><![CDATA[accept]]></SubscribeStatusString>" +
            "<PopupScene>2</PopupScene></List><List><TemplateId><![CDATA[tpl-b]]></TemplateId>" +
            "<SubscribeStatusString><![CDATA[reject]]></SubscribeStatusString><PopupScene>2</PopupScene></List></SubscribeMsgPopupEvent></xml>");
        m.SubscribeItems.Count.ShouldBe(2);
        m.SubscribeItems[0].ShouldBe(new SubscribeMsgItem("tpl-a", "accept", "2", null, null, null));
        m.SubscribeItems[1].SubscribeStatusString.ShouldBe("reject");
        m.Fields.ContainsKey("SubscribeMsgPopupEvent").ShouldBeFalse();
    }

    [Fact]
    public void Subscribe_change_and_sent_events()
    {
        var change = WeChatXmlParser.Parse(
            "<xml><FromUserName>o1</FromUserName><MsgType>event</MsgType><Event>subscribe_msg_change_event</Event>" +
            "<SubscribeMsgChangeEvent><List><TemplateId>tpl-a</TemplateId><SubscribeStatusString>reject</SubscribeStatusString></List>" +
            "</SubscribeMsgChangeEvent></xml>");
        change.SubscribeItems.Single().ShouldBe(new SubscribeMsgItem("tpl-a", "reject", null, null, null, null));

        var sent = WeChatXmlParser.Parse(
            "<xml><FromUserName>o1</FromUserName><MsgType>event</MsgType><Event>subscribe_msg_sent_event</Event>" +
            "<SubscribeMsgSentEvent><List><TemplateId>tpl-a</TemplateId><MsgID>1700827132819554304</MsgID>" +
            "<ErrorCode>0</ErrorCode><ErrorStatus>success</ErrorStatus></List></SubscribeMsgSentEvent></xml>");
        sent.SubscribeItems.Single().ShouldBe(new SubscribeMsgItem("tpl-a", null, null, "1700827132819554304", 0, "success"));
    }

    [Fact]
    public void Xxe_payload_is_refused_without_reading_the_file()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "SECRET-FILE-CONTENT");
        try
        {
            var xxe = $"<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"file://{path}\">]>" +
                      "<xml><FromUserName>o1</FromUserName><Content>&xxe;</Content></xml>";
            var ex = Should.Throw<WeChatMessageFormatException>(() => WeChatXmlParser.Parse(xxe));
            ex.Message.ShouldNotContain("SECRET-FILE-CONTENT");
            ex.Message.ShouldContain("DTD");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Billion_laughs_is_refused()
    {
        const string bomb = "<!DOCTYPE xml [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><xml><Content>&b;</Content></xml>";
        Should.Throw<WeChatMessageFormatException>(() => WeChatXmlParser.Parse(bomb));
    }

    [Theory]
    [InlineData("<xml><Content>unclosed</xml>")]
    [InlineData("<root><Content>x</Content></root>")]
    [InlineData("not xml at all")]
    [InlineData("")]
    public void Malformed_xml_is_refused(string xml) => Should.Throw<WeChatMessageFormatException>(() => WeChatXmlParser.Parse(xml));

    [Fact]
    public void Oversized_xml_is_refused()
    {
        var big = "<xml><Content>" + new string('x', 70_000) + "</Content></xml>";
        Should.Throw<WeChatMessageFormatException>(() => WeChatXmlParser.Parse(big, maxChars: 64 * 1024)).Message.ShouldContain("longer");
    }
}

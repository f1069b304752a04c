using Learn.WeChat.Messages;

namespace Learn.WeChat.Tests.Messages;

public class PassiveReplyTests
{
    private static readonly WeChatMessage Received = WeChatXmlParser.Parse(
        "<xml><ToUserName>gh_account</ToUserName><FromUserName>o_member</FromUserName><CreateTime>1</CreateTime>" +
        "<MsgType>text</MsgType><Content>今日学习</Content><MsgId>1</MsgId></xml>");

    [Fact]
    public void Text_reply_swaps_sender_and_recipient_and_parses_back()
    {
        var xml = PassiveReply.Text(Received, "欢迎关注 ]]> 党建学习", 1714112445);
        var back = WeChatXmlParser.Parse(xml);
        back.ToUserName.ShouldBe("o_member");
        back.FromUserName.ShouldBe("gh_account");
        back.MsgType.ShouldBe("text");
        back.CreateTime.ShouldBe(1714112445);
        back.Content.ShouldBe("欢迎关注 ]]> 党建学习"); // "]]>" survives the CDATA split
    }

    [Fact]
    public void News_reply_lists_articles()
    {
        var xml = PassiveReply.News(Received, [new NewsArticle("今日学习", "第一课", "https://x/p.png", "https://x/a?id=1&b=2")], 5);
        var back = WeChatXmlParser.Parse(xml);
        back.MsgType.ShouldBe("news");
        back["ArticleCount"].ShouldBe("1");
        xml.ShouldContain("<item><Title><![CDATA[今日学习]]></Title><Description><![CDATA[第一课]]></Description>");
        xml.ShouldContain("<Url><![CDATA[https://x/a?id=1&b=2]]></Url>");
    }

    [Fact]
    public void News_reply_needs_one_to_eight_articles()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => PassiveReply.News(Received, [], 5));
        var nine = Enumerable.Range(0, 9).Select(i => new NewsArticle($"t{i}", "", "", "")).ToList();
        Should.Throw<ArgumentOutOfRangeException>(() => PassiveReply.News(Received, nine, 5));
    }
}

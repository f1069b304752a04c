using Learn.Api.Tests.WeChat;
using Learn.Core.Organizations;
using Learn.TestSupport;
using Learn.WeChat.Messages;

namespace Learn.Api.Tests.Study;

/// <summary>The Official Account's 今日学习 menu answers with the study feature's article of the day.</summary>
public class TodayStudyMenuTests(WeChatPushFactory factory) : IClassFixture<WeChatPushFactory>
{
    [Fact]
    public async Task Menu_click_answers_the_roots_article_of_the_day_as_news_and_text_when_there_is_none()
    {
        factory.Clock.SetShanghai(2026, 12, 21, 8);
        var root = await factory.WithDbAsync(db => db.AddOrganizationAsync("市直机关工委", OrganizationKind.PartyCommittee));
        var sender = factory.OfficialAccount();
        async Task<string> ClickAsync()
        {
            var response = await sender.SafeAsync(Pushes.Event(Pushes.NewOpenId(), "CLICK", factory.Clock.GetUtcNow().ToUnixTimeSeconds(), eventKey: "TODAY_STUDY"));
            return sender.DecryptReply(await response.Content.ReadAsStringAsync());
        }

        WeChatXmlParser.Parse(await ClickAsync())["MsgType"].ShouldBe("text");

        var article = await factory.PublishAsync("冬至学党史", root, new DateOnly(2026, 12, 21), body: "从遵义会议说起。");
        var xml = await ClickAsync();
        WeChatXmlParser.Parse(xml)["MsgType"].ShouldBe("news");
        xml.ShouldContain("<Title><![CDATA[冬至学党史]]></Title>");
        xml.ShouldContain($"<Url><![CDATA[https://learn.example.cn/study/articles/{article.Id}]]></Url>");
    }
}

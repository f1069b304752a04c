using Learn.Api.WeChat;
using Learn.WeChat.Messages;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.Api.Tests.WeChat;

/// <summary>With a study feature that has today's article, 今日学习 answers a news reply.</summary>
public class TodayStudyNewsTests(TodayStudyNewsTests.Factory factory) : IClassFixture<TodayStudyNewsTests.Factory>
{
    public sealed class Factory : WeChatPushFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.AddScoped<ITodayStudyReply, Today>());
        }
    }

    private sealed class Today : ITodayStudyReply
    {
        public Task<TodayStudyArticle?> TodayAsync(CancellationToken ct) => Task.FromResult<TodayStudyArticle?>(new(
            "学习党章：党员的八项义务", "今日学习，约 5 分钟", "https://learn.example.cn/covers/12.jpg", "https://learn.example.cn/articles/12"));
    }

    [Fact]
    public async Task Menu_click_today_study_answers_todays_article_as_news()
    {
        var openId = Pushes.NewOpenId();
        var sender = factory.OfficialAccount();
        var response = await sender.SafeAsync(Pushes.Event(openId, "CLICK", factory.Clock.GetUtcNow().ToUnixTimeSeconds(), eventKey: "TODAY_STUDY"));

        var xml = sender.DecryptReply(await response.Content.ReadAsStringAsync());
        var reply = WeChatXmlParser.Parse(xml);
        reply["MsgType"].ShouldBe("news");
        reply["ToUserName"].ShouldBe(openId);
        reply["ArticleCount"].ShouldBe("1");
        xml.ShouldContain("<Title><![CDATA[学习党章：党员的八项义务]]></Title>");
        xml.ShouldContain("<Url><![CDATA[https://learn.example.cn/articles/12]]></Url>");
    }
}

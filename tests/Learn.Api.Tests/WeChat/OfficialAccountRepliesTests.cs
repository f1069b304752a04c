using System.Net;
using Learn.Core.Identity;
using Learn.Core.Organizations;
using Learn.TestSupport;
using Learn.WeChat.Messages;
using Microsoft.EntityFrameworkCore;

namespace Learn.Api.Tests.WeChat;

public class OfficialAccountRepliesTests(WeChatPushFactory factory) : IClassFixture<WeChatPushFactory>
{
    private long Now => factory.Clock.GetUtcNow().ToUnixTimeSeconds();

    [Fact]
    public async Task Subscribe_records_the_follower_and_welcomes_with_the_binding_link_then_unsubscribe_clears_it()
    {
        var openId = Pushes.NewOpenId();
        var welcome = await ReplyTo(Pushes.Event(openId, "subscribe", Now, eventKey: ""));
        welcome["MsgType"].ShouldBe("text");
        welcome.Content!.ShouldContain("欢迎关注");
        welcome.Content!.ShouldContain($"<a href=\"{WeChatPushFactory.BindingPageUrl}\">");

        var identity = await Identity(openId);
        identity.AppKind.ShouldBe(WeChatAppKind.OfficialAccount);
        identity.AppId.ShouldBe(WeChatPushFactory.OfficialAccountAppId);
        identity.Subscribed.ShouldBeTrue();
        identity.MemberId.ShouldBeNull();

        factory.Clock.Advance(TimeSpan.FromSeconds(30));
        var response = await factory.OfficialAccount().SafeAsync(Pushes.Event(openId, "unsubscribe", Now));
        (await response.Content.ReadAsStringAsync()).ShouldBe("success");
        (await Identity(openId)).Subscribed.ShouldBeFalse();
    }

    [Fact]
    public async Task Subscribe_with_a_unionid_links_to_the_member_bound_through_the_mini_program()
    {
        var unionId = "u" + Guid.NewGuid().ToString("N")[..20];
        var memberId = await factory.WithDbAsync(async db =>
        {
            var org = await db.AddOrganizationAsync("第一党支部", OrganizationKind.Branch);
            var member = await db.AddMemberAsync(org, "李建国");
            db.WeChatIdentities.Add(new WeChatIdentity
            {
                AppKind = WeChatAppKind.MiniProgram, AppId = "wx2c2769f8efd9abc2", OpenId = Pushes.NewOpenId(), UnionId = unionId,
                MemberId = member.Id, BoundAt = DateTime.UtcNow, CreatedAt = DateTime.UtcNow, LastSeenAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
            return member.Id;
        });

        var openId = Pushes.NewOpenId();
        await ReplyTo(Pushes.Event(openId, "subscribe", Now, extra: $"<UnionId><![CDATA[{unionId}]]></UnionId>"));

        var identity = await Identity(openId);
        identity.UnionId.ShouldBe(unionId);
        identity.MemberId.ShouldBe(memberId);
        identity.BoundAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task Menu_click_today_study_answers_no_article_today_until_the_study_feature_provides_one()
    {
        var reply = await ReplyTo(Pushes.Event(Pushes.NewOpenId(), "CLICK", Now, eventKey: "TODAY_STUDY"));
        reply["MsgType"].ShouldBe("text");
        reply.Content.ShouldBe("今日暂无学习文章");
    }

    [Theory]
    [InlineData("帮助", "今日学习")]
    [InlineData(" 绑定 ", WeChatPushFactory.BindingPageUrl)]
    [InlineData("学习", "小程序")]
    public async Task Text_keywords_are_answered_from_the_table(string keyword, string expected)
    {
        var reply = await ReplyTo(Pushes.Text(Pushes.NewOpenId(), keyword, Now, Random.Shared.NextInt64(1, long.MaxValue)));
        reply["MsgType"].ShouldBe("text");
        reply.Content!.ShouldContain(expected);
    }

    [Fact]
    public async Task Text_without_a_keyword_and_other_events_are_answered_success()
    {
        var sender = factory.OfficialAccount();
        var text = await sender.SafeAsync(Pushes.Text(Pushes.NewOpenId(), "请问下次党课是什么时候？", Now, 24_601_000_100));
        (await text.Content.ReadAsStringAsync()).ShouldBe("success");
        var view = await sender.SafeAsync(Pushes.Event(Pushes.NewOpenId(), "VIEW", Now, eventKey: "https://learn.example.cn/"));
        (await view.Content.ReadAsStringAsync()).ShouldBe("success");
    }

    [Fact]
    public async Task A_redelivered_subscribe_is_handled_once_and_answered_like_the_first_time()
    {
        var openId = Pushes.NewOpenId();
        var push = Pushes.Event(openId, "subscribe", Now);
        var first = await ReplyTo(push);
        await factory.WithDbAsync(async db =>
            await db.WeChatIdentities.Where(w => w.OpenId == openId).ExecuteUpdateAsync(s => s.SetProperty(w => w.Subscribed, false)));

        // WeChat's retries: same message, new nonce and signatures, possibly on another instance.
        var retries = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => ReplyTo(push)));

        foreach (var retry in retries) retry.Content.ShouldBe(first.Content);
        (await Identity(openId)).Subscribed.ShouldBeFalse(); // not handled again
        (await factory.WithDbAsync(db => db.WeChatIdentities.CountAsync(w => w.OpenId == openId))).ShouldBe(1);
    }

    private async Task<WeChatMessage> ReplyTo(string push)
    {
        var sender = factory.OfficialAccount();
        var response = await sender.SafeAsync(push);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return WeChatXmlParser.Parse(sender.DecryptReply(await response.Content.ReadAsStringAsync()));
    }

    private Task<WeChatIdentity> Identity(string openId) =>
        factory.WithDbAsync(db => db.WeChatIdentities.AsNoTracking().SingleAsync(w => w.OpenId == openId));
}

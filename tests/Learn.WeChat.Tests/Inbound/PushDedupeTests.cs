using FakeWeChat;
using Learn.WeChat.Inbound;
using Learn.WeChat.Messages;
using Learn.WeChat.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.WeChat.Tests.Inbound;

public sealed class PushDedupeTests : IAsyncLifetime
{
    private readonly string _prefix = TestRedis.NewPrefix(nameof(PushDedupeTests));
    private FakeWeChatServer _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeWeChatServer.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public void Messages_are_keyed_by_sender_and_MsgId_events_by_sender_time_event_and_key()
    {
        var text = WeChatXmlParser.Parse("<xml><ToUserName>gh</ToUserName><FromUserName>o1</FromUserName><CreateTime>10</CreateTime><MsgType>text</MsgType><MsgId>55</MsgId></xml>");
        PushDedupe(text).ShouldBe("wechat:push:gh:o1:msg:55");

        var click = WeChatXmlParser.Parse("<xml><ToUserName>gh</ToUserName><FromUserName>o1</FromUserName><CreateTime>10</CreateTime><MsgType>event</MsgType><Event>CLICK</Event><EventKey>TODAY</EventKey></xml>");
        PushDedupe(click).ShouldBe("wechat:push:gh:o1:event:10:CLICK:TODAY");

        // TEMPLATESENDJOBFINISH has a MsgID but is an event: keyed as an event, and two finishing in one second differ.
        var finish = WeChatXmlParser.Parse("<xml><ToUserName>gh</ToUserName><FromUserName>o1</FromUserName><CreateTime>11</CreateTime><MsgType>event</MsgType><Event>TEMPLATESENDJOBFINISH</Event><MsgID>9</MsgID></xml>");
        PushDedupe(finish).ShouldBe("wechat:push:gh:o1:event:11:TEMPLATESENDJOBFINISH::9");
        PushDedupe(click).ShouldNotBe(PushDedupe(WeChatXmlParser.Parse("<xml><ToUserName>gh</ToUserName><FromUserName>o2</FromUserName><CreateTime>10</CreateTime><MsgType>event</MsgType><Event>CLICK</Event><EventKey>TODAY</EventKey></xml>")));
    }

    [Fact]
    public async Task A_redelivered_push_is_claimed_once_across_two_instances()
    {
        await using var one = WeChatHost.Create(_fake, _prefix);
        await using var two = WeChatHost.Create(_fake, _prefix);
        var message = WeChatXmlParser.Parse($"<xml><ToUserName>gh</ToUserName><FromUserName>o1</FromUserName><CreateTime>10</CreateTime><MsgType>text</MsgType><MsgId>{Guid.NewGuid():N}</MsgId></xml>");

        // WeChat's three deliveries racing on two instances: exactly one wins.
        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            (i % 2 == 0 ? one : two).GetRequiredService<WeChatPushDedupe>().TryClaimAsync(message)));
        claims.Count(c => c).ShouldBe(1);

        var other = WeChatXmlParser.Parse($"<xml><ToUserName>gh</ToUserName><FromUserName>o1</FromUserName><CreateTime>10</CreateTime><MsgType>text</MsgType><MsgId>{Guid.NewGuid():N}</MsgId></xml>");
        (await one.GetRequiredService<WeChatPushDedupe>().TryClaimAsync(other)).ShouldBeTrue();
    }

    [Fact]
    public async Task A_redelivery_gets_the_remembered_reply_and_a_released_claim_can_be_taken_again()
    {
        await using var host = WeChatHost.Create(_fake, _prefix);
        var dedupe = host.GetRequiredService<WeChatPushDedupe>();
        var key = "wechat:push:test:" + Guid.NewGuid().ToString("N");

        (await dedupe.TryClaimAsync(key)).ShouldBeTrue();
        (await dedupe.RememberedReplyAsync(key)).ShouldBeNull(); // still being handled
        await dedupe.RememberReplyAsync(key, "<xml>你好</xml>");
        (await dedupe.RememberedReplyAsync(key)).ShouldBe("<xml>你好</xml>");
        (await dedupe.TryClaimAsync(key)).ShouldBeFalse();

        await dedupe.ReleaseAsync(key);
        (await dedupe.TryClaimAsync(key)).ShouldBeTrue();
    }

    private static string PushDedupe(WeChatMessage m) => WeChatPushDedupe.KeyFor(m);
}

using System.Diagnostics;
using System.Net;
using Learn.Core.Identity;
using Xunit.Abstractions;

namespace Learn.Api.Tests.WeChat;

public class DeliveryEventsTests(WeChatPushFactory factory, ITestOutputHelper output) : IClassFixture<WeChatPushFactory>
{
    private long Now => factory.Clock.GetUtcNow().ToUnixTimeSeconds();

    [Fact]
    public async Task Template_send_job_finish_is_recorded_with_MsgID_and_status_as_sent()
    {
        var openId = Pushes.NewOpenId();
        var sender = factory.OfficialAccount();
        var response = await sender.SafeAsync(Pushes.TemplateSendJobFinish(openId, Now, 3_147_483_654, "failed: system failed"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("success");

        var row = (await factory.DeliveryEventsAsync(openId, 1)).ShouldHaveSingleItem();
        row.AppKind.ShouldBe(WeChatAppKind.OfficialAccount);
        row.AppId.ShouldBe(WeChatPushFactory.OfficialAccountAppId);
        row.Event.ShouldBe("TEMPLATESENDJOBFINISH");
        row.MsgId.ShouldBe("3147483654");
        row.Status.ShouldBe("failed: system failed");
        row.TemplateId.ShouldBeNull();
        row.OccurredAt.ShouldBe(factory.Clock.GetUtcNow().UtcDateTime);
        row.RawJson.ShouldContain("\"ToUserName\":\"gh_97417a04a28d\"");
    }

    [Fact]
    public async Task Official_account_subscription_events_record_one_row_per_template()
    {
        var openId = Pushes.NewOpenId();
        var popup = Pushes.Event(openId, "subscribe_msg_popup_event", Now, extra:
            "<SubscribeMsgPopupEvent><List><TemplateId><![CDATA[tpl-contest]]></TemplateId><SubscribeStatusString><![CDATA[accept]]></SubscribeStatusString><PopupScene>2</PopupScene></List>" +
            "<List><TemplateId><![CDATA[tpl-birthday]]></TemplateId><SubscribeStatusString><![CDATA[reject]]></SubscribeStatusString><PopupScene>2</PopupScene></List></SubscribeMsgPopupEvent>");
        var sent = Pushes.Event(openId, "subscribe_msg_sent_event", Now + 1, extra:
            "<SubscribeMsgSentEvent><List><TemplateId><![CDATA[tpl-contest]]></TemplateId><MsgID>1700827132819554304</MsgID><ErrorCode>0</ErrorCode><ErrorStatus><![CDATA[success]]></ErrorStatus></List></SubscribeMsgSentEvent>");
        var sender = factory.OfficialAccount();
        (await sender.SafeAsync(popup)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await sender.PlainAsync(sent)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var rows = await factory.DeliveryEventsAsync(openId, 3);
        rows.Select(r => (r.Event, r.TemplateId, r.Status, r.MsgId, r.ErrorCode)).OrderBy(r => r.Event).ThenBy(r => r.TemplateId).ShouldBe(
        [
            ("subscribe_msg_popup_event", "tpl-birthday", "reject", null, null),
            ("subscribe_msg_popup_event", "tpl-contest", "accept", null, null),
            ("subscribe_msg_sent_event", "tpl-contest", "success", "1700827132819554304", 0),
        ]);
    }

    [Fact]
    public async Task A_redelivered_report_is_recorded_once()
    {
        var openId = Pushes.NewOpenId();
        var push = Pushes.TemplateSendJobFinish(openId, Now, 200_000_001, "success");
        var sender = factory.OfficialAccount();
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ => await (await sender.SafeAsync(push)).Content.ReadAsStringAsync()));
        answers.ShouldAllBe(a => a == "success");

        // A second report in the same second for another message is a different push, not a redelivery.
        await sender.SafeAsync(Pushes.TemplateSendJobFinish(openId, Now, 200_000_002, "failed:user block"));

        await factory.DeliveryEventsAsync(openId, 2);
        await factory.DeliveryBufferDrainedAsync(); // a redelivery that slipped through would land by now
        (await factory.DeliveryEventsAsync(openId, 2)).Select(r => r.MsgId).Order().ShouldBe(["200000001", "200000002"]);
    }

    [Fact]
    public async Task A_campaign_burst_of_500_reports_is_absorbed_and_all_recorded()
    {
        var openIds = Enumerable.Range(0, 500).Select(_ => Pushes.NewOpenId()).ToArray();
        var sender = factory.OfficialAccount();
        await sender.SafeAsync(Pushes.TemplateSendJobFinish(Pushes.NewOpenId(), Now, 1, "success")); // warm up

        var timings = await Task.WhenAll(openIds.Select(async (openId, i) =>
        {
            var watch = Stopwatch.StartNew();
            var response = await sender.SafeAsync(Pushes.TemplateSendJobFinish(openId, Now, 300_000_000 + i, "success"));
            watch.Stop();
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            return watch.Elapsed.TotalMilliseconds;
        }));

        var sorted = timings.Order().ToArray();
        output.WriteLine($"500 concurrent TEMPLATESENDJOBFINISH pushes (safe mode): p50 {sorted[249]:F1} ms, " +
                         $"p99 {sorted[494]:F1} ms, max {sorted[^1]:F1} ms");
        foreach (var openId in openIds) (await factory.DeliveryEventsAsync(openId, 1)).Count.ShouldBe(1);
    }
}

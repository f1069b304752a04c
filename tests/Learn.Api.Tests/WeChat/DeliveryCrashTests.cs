using System.Net;
using Learn.Api.WeChat;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.Api.Tests.WeChat;

/// <summary>An instance whose drainer sleeps, so a test can play the drainer that dies mid-batch.</summary>
public sealed class SleepingDrainerPushFactory : WeChatPushFactory
{
    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        settings["WeChatPush:DeliveryDrainInterval"] = "01:00:00";
    }
}

public class DeliveryCrashTests(SleepingDrainerPushFactory factory) : IClassFixture<SleepingDrainerPushFactory>
{
    [Fact]
    public async Task Reports_read_by_a_drainer_that_dies_before_saving_are_saved_by_the_next_one()
    {
        var openId = Pushes.NewOpenId();
        var now = factory.Clock.GetUtcNow().ToUnixTimeSeconds();
        var sender = factory.OfficialAccount();
        // The sleeping drainer runs one round at start before its hour-long sleep: let it pass, or it can race the pushes.
        await Task.Delay(TimeSpan.FromSeconds(2));
        for (var i = 0; i < 3; i++)
            (await sender.SafeAsync(Pushes.TemplateSendJobFinish(openId, now, 300_000_000 + i, "success"))).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The drainer takes the batch from Redis … and the process dies before the database write.
        var dying = factory.Services.GetRequiredService<DeliveryEventBuffer>();
        (await dying.TakeAsync(100)).Rows.Count.ShouldBe(3);
        (await factory.DeliveryEventsAsync(openId, 0)).ShouldBeEmpty();

        // Another instance (or the restarted one) claims what was left pending and writes it.
        using var next = factory.WithWebHostBuilder(b => b.ConfigureAppConfiguration((_, c) => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WeChatPush:DeliveryDrainInterval"] = "00:00:00.100",
            ["WeChatPush:DeliveryClaimAfter"] = "00:00:00.200",
        })));
        _ = next.Services; // starts it

        var rows = await factory.DeliveryEventsAsync(openId, 3);
        rows.Select(r => r.MsgId).Order().ShouldBe(["300000000", "300000001", "300000002"]);
        await Task.Delay(500);
        (await factory.DeliveryEventsAsync(openId, 3)).Count.ShouldBe(3); // claimed once, written once
        (await dying.CountAsync()).ShouldBe(0);
    }
}

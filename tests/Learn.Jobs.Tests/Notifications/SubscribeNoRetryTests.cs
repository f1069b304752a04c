using FakeWeChat;
using Learn.Core.Notifications;
using Learn.Core.Organizations;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Learn.Jobs.Tests.Notifications;

/// <summary>
/// A dispatcher whose Learn.WeChat would retry any call five times and gives up on an answer after half a second:
/// the subscribe send must still be tried once, because WeChat may have delivered it (and spent the consent)
/// before the answer went missing. Learn.Jobs' appsettings no longer set <c>WeChat:Retry:MaxAttempts</c>.
/// </summary>
public sealed class EagerRetryJobsFactory : JobsFactory
{
    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        settings["WeChat:Retry:MaxAttempts"] = "5";
        settings["WeChat:Retry:BaseDelay"] = "00:00:00.010";
        settings["WeChat:HttpTimeout"] = "00:00:00.500";
    }
}

public class SubscribeNoRetryTests(EagerRetryJobsFactory factory) : IClassFixture<EagerRetryJobsFactory>
{
    [Fact]
    public async Task A_subscribe_send_that_times_out_after_WeChat_accepted_it_reaches_WeChat_exactly_once()
    {
        var (member, openId) = await factory.WithDbAsync(async db =>
        {
            var m = await db.AddMemberAsync(await db.AddOrganizationAsync("超时党支部", OrganizationKind.Branch), "超时党员");
            await db.GrantConsentsAsync(m, TestTemplates.NoticeMini, 3);
            return (m, await db.BindMiniProgramAsync(m));
        });
        // The fake records the request (WeChat has it) and answers only after the client's timeout.
        factory.WeChat.SlowNext(TimeSpan.FromSeconds(3), times: 10, path: FakePaths.SubscribeSend);

        await factory.WithDbAsync(db => Outbox.CreateExplicitAsync(db,
            new CampaignSpec("timeout:" + Guid.NewGuid().ToString("N"), "超时测试", TestTemplates.Notice, NotificationChannel.MiniProgramSubscribe),
            [new Recipient(member.Id, new Dictionary<string, string> { ["title"] = "学习提醒", ["content"] = "本周学习任务已发布" })],
            factory.Clock.GetUtcNow().UtcDateTime, CancellationToken.None));
        await factory.OutboxSettledAsync();
        await Task.Delay(TimeSpan.FromSeconds(2)); // long enough for any retry Learn.WeChat would make (10 ms back-off)

        factory.WeChat.RequestsTo(FakePaths.SubscribeSend).Count(r => r.Json.GetProperty("touser").GetString() == openId)
            .ShouldBe(1, await factory.OutboxDumpAsync());
        var row = await factory.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.MemberId == member.Id));
        row.State.ShouldBe(OutboxState.Failed);
        row.FinalReason.ShouldBe(DeliveryReasons.InDoubt);
        factory.WeChat.ClearFaults();
    }
}

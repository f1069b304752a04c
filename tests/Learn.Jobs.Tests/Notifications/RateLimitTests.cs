using FakeWeChat;
using Learn.Core.Members;
using Learn.Core.Notifications;
using Learn.Core.Organizations;
using Learn.TestSupport;

namespace Learn.Jobs.Tests.Notifications;

/// <summary>A factory whose dispatcher may send 3 messages a second in all and 2 a second of TestNotice.</summary>
public sealed class RateLimitedJobsFactory : JobsFactory
{
    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        settings["Notifications:Dispatcher:GlobalPerSecond"] = "3";
        settings["Notifications:Dispatcher:DefaultPerTemplatePerSecond"] = "100";
        settings["Notifications:Dispatcher:PerTemplatePerSecond:TestNotice"] = "2";
    }
}

public class RateLimitTests(RateLimitedJobsFactory factory) : IClassFixture<RateLimitedJobsFactory>
{
    [Fact]
    public async Task Sends_stay_within_the_per_template_and_global_rates()
    {
        var members = await factory.WithDbAsync(async db =>
        {
            var org = await db.AddOrganizationAsync("限速党支部", OrganizationKind.Branch);
            var list = new List<Member>();
            for (var i = 0; i < 8; i++)
            {
                var m = await db.AddMemberAsync(org, "限速" + i);
                await db.FollowOfficialAccountAsync(m);
                list.Add(m);
            }
            return list;
        });
        var data = new Dictionary<string, string> { ["title"] = "限速", ["content"] = "测试", ["date"] = "2026年11月23日" };
        // Warm up: the first send fetches the shared access token under a lock, which would hold every send
        // back and release them together, hiding the limiter.
        await factory.WithDbAsync(db => Outbox.CreateExplicitAsync(db, new CampaignSpec("rate-warm", "预热", TestTemplates.Notice, NotificationChannel.OfficialAccountTemplate),
            [new Recipient(members[0].Id, data)], factory.Clock.GetUtcNow().UtcDateTime, CancellationToken.None));
        await factory.OutboxSettledAsync();
        factory.WeChat.ClearRequests();
        await factory.WithDbAsync(async db =>
        {
            var now = factory.Clock.GetUtcNow().UtcDateTime;
            await Outbox.CreateExplicitAsync(db, new CampaignSpec("rate-a", "限速A", TestTemplates.Notice, NotificationChannel.OfficialAccountTemplate),
                members.Take(4).Select(m => new Recipient(m.Id, data)).ToList(), now, CancellationToken.None);
            await Outbox.CreateExplicitAsync(db, new CampaignSpec("rate-b", "限速B", "HolidayNotice", NotificationChannel.OfficialAccountTemplate),
                members.Skip(4).Select(m => new Recipient(m.Id, data)).ToList(), now, CancellationToken.None);
        });

        await factory.OutboxSettledAsync();

        var sends = factory.WeChat.RequestsTo(FakePaths.TemplateSend).Where(r => r.ErrCode == 0).ToList();
        sends.Count.ShouldBe(8, await factory.OutboxDumpAsync());
        // Tokens are counted per wall-clock second when granted; a send reaches WeChat after the row's routing
        // writes, so arrivals may straddle a second boundary: over any two seconds at most 2 × limit arrive.
        var span = sends.Max(r => r.At) - sends.Min(r => r.At);
        var timeline = string.Join(", ", sends.Select(r => r.At.ToString("ss.fff", System.Globalization.CultureInfo.InvariantCulture)));
        MaxInOneSecond(sends).ShouldBeLessThanOrEqualTo(2 * 3, timeline);
        MaxInOneSecond(sends.Where(r => r.Json.GetProperty("template_id").GetString() == TestTemplates.NoticeOfficial).ToList()).ShouldBeLessThanOrEqualTo(2 * 2, timeline);
        span.ShouldBeGreaterThan(TimeSpan.FromSeconds(1), timeline); // 8 at 3 a second need three one-second windows: two boundaries
    }

    private static int MaxInOneSecond(List<FakeRequest> sends) =>
        sends.Max(a => sends.Count(b => b.At >= a.At && b.At < a.At.AddSeconds(1)));
}

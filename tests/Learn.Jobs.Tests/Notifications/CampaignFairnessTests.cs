using FakeWeChat;
using Learn.Core.Data;
using Learn.Core.Notifications;
using Learn.Core.Organizations;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace Learn.Jobs.Tests.Notifications;

/// <summary>
/// A real Learn.Jobs process is sending a campaign to 30,000 members at a WeChat rate that keeps it busy for over a
/// minute; a 20-member notice written after it goes out within seconds, not after it (issue 18, docs/decisions/0411),
/// and nobody gets anything twice. First in, first out would hold the small one for the whole large campaign.
/// </summary>
[Collection("Learn.Jobs processes")]
public class CampaignFairnessTests(ITestOutputHelper output)
{
    private const int Large = 30_000;
    private const int Small = 20;
    private const int PerSecond = 400; // 30,000 at 400 a second: 75 s at best
    private static readonly TimeSpan WithinSeconds = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_small_campaign_queued_behind_a_large_one_is_sent_within_seconds_while_the_large_one_is_still_sending()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var wechat = await FakeWeChatServer.StartAsync();
        var options = new DbContextOptionsBuilder<LearnDbContext>();
        DatabaseRegistration.Configure(options, DatabaseProvider.Postgres, database.ConnectionString);
        LearnDbContext Db() => new(options.Options);
        Organization big, small;
        await using (var db = Db())
        {
            await DatabaseMigrator.MigrateAsync(db, NullLogger.Instance);
            big = await db.AddOrganizationAsync("全市机关党委", OrganizationKind.PartyCommittee);
            small = await db.AddOrganizationAsync("应急党支部", OrganizationKind.Branch);
            await SeedMembersAsync(db, big, Large, "big");
            await SeedMembersAsync(db, small, Small, "urgent");
        }

        var port = JobsProcess.FreePort();
        var settings = ProcessSettings.For(database.ConnectionString, wechat, "fair" + Guid.NewGuid().ToString("N")[..8] + ":", port);
        settings["Notifications:Dispatcher:GlobalPerSecond"] = PerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Notifications:Dispatcher:DefaultPerTemplatePerSecond"] = "100000";
        settings["Notifications:Dispatcher:Concurrency"] = "16";
        await using var process = JobsProcess.Start(settings);
        await process.WaitReadyAsync(port, TimeSpan.FromSeconds(90));

        var large = await CreateAsync(Db, "全市机关党员学习提醒", big.Path);
        await WaitAsync(process, async () => await CountAsync(Db, large, OutboxState.Sent) >= 500, TimeSpan.FromSeconds(90), "the large campaign to be sending");

        var queuedAt = DateTime.UtcNow;
        var urgent = await CreateAsync(Db, "紧急通知", small.Path);
        await WaitAsync(process, async () => await CountAsync(Db, urgent, OutboxState.Sent) == Small, TimeSpan.FromSeconds(60), "the small campaign to be sent");
        var took = DateTime.UtcNow - queuedAt;
        var largeSent = await CountAsync(Db, large, OutboxState.Sent);
        output.WriteLine($"small campaign sent {took.TotalSeconds:F1} s after it was queued; the large one had sent {largeSent} of {Large} by then");

        took.ShouldBeLessThan(WithinSeconds, "the small campaign does not wait for the large one");
        largeSent.ShouldBeLessThan(Large, "the large campaign was still sending");
        var accepted = wechat.RequestsTo(FakePaths.TemplateSend).Where(r => r.ErrCode == 0).Select(r => r.Json.GetProperty("touser").GetString()).ToList();
        accepted.Distinct().Count().ShouldBe(accepted.Count, "nobody got a message twice");
        accepted.Count(t => t!.StartsWith("oa-urgent-", StringComparison.Ordinal)).ShouldBe(Small);
    }

    private static async Task<long> CreateAsync(Func<LearnDbContext> db, string title, string scopePath)
    {
        await using var context = db();
        var spec = new CampaignSpec("fair:" + Guid.NewGuid().ToString("N"), title, TestTemplates.Notice, NotificationChannel.OfficialAccountTemplate);
        var data = new Dictionary<string, string> { ["title"] = title, ["content"] = "请按时参加学习" };
        return (await Outbox.CreateForAudienceAsync(context, spec, CampaignAudience.Everyone, scopePath, data, DateTime.UtcNow, CancellationToken.None))!.Id;
    }

    private static async Task<int> CountAsync(Func<LearnDbContext> db, long campaign, OutboxState state)
    {
        await using var context = db();
        return await context.Set<OutboxMessage>().CountAsync(m => m.CampaignId == campaign && m.State == state);
    }

    private static async Task WaitAsync(HostProcess process, Func<Task<bool>> done, TimeSpan timeout, string what)
    {
        var until = DateTime.UtcNow + timeout;
        while (!await done())
        {
            if (process.HasExited || DateTime.UtcNow > until)
                throw new TimeoutException($"Waited in vain for {what}:\n" + string.Join('\n', process.Lines.TakeLast(30)));
            await Task.Delay(100); // polling for the outcome, not waiting for a schedule
        }
    }

    // Set-based seeding: members and their Official Account identities in two statements however many there are.
    private static async Task SeedMembersAsync(LearnDbContext db, Organization organization, int count, string tag)
    {
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO members (name, gender, organization_id, joined_party_on, status, is_leading_cadre, created_at, updated_at)
            SELECT '党员' || g, 'Unknown', {organization.Id}, DATE '2000-07-01', 'Active', FALSE, now(), now() FROM generate_series(1, {count}) g
            """);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO wechat_identities (app_kind, app_id, open_id, member_id, subscribed, created_at, last_seen_at)
            SELECT 'OfficialAccount', 'wx2222222222222222', {"oa-" + tag + "-"} || id, id, TRUE, now(), now() FROM members WHERE organization_id = {organization.Id}
            """);
    }
}

using FakeWeChat;
using Learn.Core.Data;
using Learn.Core.Identity;
using Learn.Core.Members;
using Learn.Core.Notifications;
using Learn.Core.Organizations;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace Learn.Jobs.Tests.Notifications;

/// <summary>
/// A real Learn.Jobs process is killed with SIGKILL in the middle of a campaign and started again: every
/// recipient gets the message, and none gets it twice (ADR 0401).
/// </summary>
public class CampaignCrashTests(ITestOutputHelper output)
{
    internal const int Recipients = 1200;
    private const int Concurrency = 8;

    [Fact]
    public async Task Every_recipient_gets_exactly_one_message_when_Learn_Jobs_is_killed_mid_campaign_and_restarted()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var wechat = await FakeWeChatServer.StartAsync();
        var options = new DbContextOptionsBuilder<LearnDbContext>();
        DatabaseRegistration.Configure(options, DatabaseProvider.Postgres, database.ConnectionString);
        LearnDbContext Db() => new(options.Options);
        await using (var db = Db()) await DatabaseMigrator.MigrateAsync(db, NullLogger.Instance);
        var openIds = await SeedAsync(Db);
        await using (var db = Db())
        {
            await Outbox.CreateForAudienceAsync(db, new CampaignSpec("crash-test", "崩溃恢复测试", TestTemplates.Notice, NotificationChannel.OfficialAccountTemplate),
                CampaignAudience.Everyone, null, new Dictionary<string, string> { ["title"] = "节前廉政提醒", ["content"] = "请严守廉洁纪律" },
                DateTime.UtcNow, CancellationToken.None);
        }

        var prefix = "crash" + Guid.NewGuid().ToString("N")[..8] + ":";
        Dictionary<string, string?> Settings(int port)
        {
            var s = ProcessSettings.For(database.ConnectionString, wechat, prefix, port);
            s["Notifications:Dispatcher:LeaseDuration"] = "00:00:03";
            s["Notifications:Dispatcher:BatchSize"] = "40";
            s["Notifications:Dispatcher:ExpandBatchSize"] = "300";
            s["Notifications:Dispatcher:Concurrency"] = Concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture);
            s["Notifications:Dispatcher:GlobalPerSecond"] = "200";
            s["Notifications:Dispatcher:DefaultPerTemplatePerSecond"] = "200";
            return s;
        }

        var firstPort = JobsProcess.FreePort();
        await using (var first = JobsProcess.Start(Settings(firstPort)))
        {
            await WaitUntilAsync(() => Delivered(wechat) >= Recipients / 4, TimeSpan.FromSeconds(120), first);
            first.KillHard();
        }
        var atKill = Delivered(wechat);
        atKill.ShouldBeLessThan(Recipients, "the campaign must still be running when the process is killed");

        var secondPort = JobsProcess.FreePort();
        await using (var second = JobsProcess.Start(Settings(secondPort)))
        {
            await WaitUntilAsync(() => AllFinal(Db), TimeSpan.FromSeconds(180), second);
            foreach (var line in second.Lines.Where(l => l.Contains("Recovered", StringComparison.Ordinal))) output.WriteLine(line);
        }

        await using (var db = Db())
        {
            var rows = await db.Set<OutboxMessage>().AsNoTracking().ToListAsync();
            rows.Count.ShouldBe(Recipients);
            rows.ShouldAllBe(r => r.State == OutboxState.Sent);
        }
        var accepted = wechat.RequestsTo(FakePaths.TemplateSend).Where(r => r.ErrCode == 0)
            .Select(r => (ToUser: r.Json.GetProperty("touser").GetString()!, Key: r.Json.GetProperty("client_msg_id").GetString()!)).ToList();
        // WeChat keeps one message per client_msg_id for 10 minutes: that is what a member receives.
        var received = accepted.GroupBy(a => a.ToUser).ToDictionary(g => g.Key, g => g.Select(a => a.Key).Distinct().Count());
        received.Keys.Order().ShouldBe(openIds.Order());
        received.Values.ShouldAllBe(n => n == 1);
        output.WriteLine($"delivered before the kill: {atKill}; template sends accepted: {accepted.Count}; repeats of an in-doubt send: {accepted.Count - Recipients}");
        // Repeats are only the sends in flight at the kill, each with its original client_msg_id.
        (accepted.Count - Recipients).ShouldBeLessThanOrEqualTo(Concurrency);
    }

    internal static int Delivered(FakeWeChatServer wechat) =>
        wechat.RequestsTo(FakePaths.TemplateSend).Where(r => r.ErrCode == 0).Select(r => r.Json.GetProperty("touser").GetString()).Distinct().Count();

    internal static bool AllFinal(Func<LearnDbContext> db)
    {
        using var context = db();
        return context.Set<NotificationCampaign>().All(c => c.State == CampaignState.Ready)
            && context.Set<OutboxMessage>().Count() == Recipients
            && context.Set<OutboxMessage>().All(m => m.State == OutboxState.Sent || m.State == OutboxState.Failed || m.State == OutboxState.Unreachable);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, HostProcess process)
    {
        var until = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (process.HasExited) throw new InvalidOperationException("Learn.Jobs exited:\n" + process.Output);
            if (DateTime.UtcNow > until) throw new TimeoutException("Gave up waiting:\n" + string.Join('\n', process.Lines.TakeLast(40)));
            await Task.Delay(25); // polling for progress, not waiting for a schedule
        }
    }

    internal static async Task<List<string>> SeedAsync(Func<LearnDbContext> db)
    {
        await using var context = db();
        var org = await context.AddOrganizationAsync("崩溃测试党支部", OrganizationKind.Branch);
        var members = Enumerable.Range(1, Recipients).Select(i => new Member
        {
            Name = "党员" + i, OrganizationId = org.Id, JoinedPartyOn = new DateOnly(2000, 7, 1), CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
        }).ToList();
        context.Members.AddRange(members);
        await context.SaveChangesAsync();
        var identities = members.Select(m => new WeChatIdentity
        {
            AppKind = WeChatAppKind.OfficialAccount, AppId = "wx2222222222222222", OpenId = "oa-crash-" + m.Id, MemberId = m.Id,
            Subscribed = true, CreatedAt = DateTime.UtcNow, LastSeenAt = DateTime.UtcNow,
        }).ToList();
        context.WeChatIdentities.AddRange(identities);
        await context.SaveChangesAsync();
        return identities.Select(i => i.OpenId).ToList();
    }
}

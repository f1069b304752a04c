using System.Globalization;
using FakeWeChat;
using Learn.Core;
using Learn.Core.Data;
using Learn.Core.Notifications;
using Learn.Jobs.Tests.Notifications;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace Learn.Jobs.Tests.Scheduling;

/// <summary>Real Learn.Jobs processes on one PostgreSQL database, killed with SIGKILL.</summary>
[Collection("Learn.Jobs processes")]
public class NodeFailureTests(ITestOutputHelper output)
{
    [Fact]
    public async Task An_occurrence_missed_while_every_node_was_down_runs_once_when_a_node_comes_back()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var wechat = await FakeWeChatServer.StartAsync();
        // One occurrence, a minute from now in Shanghai; the next is tomorrow.
        var due = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddSeconds(60), Shanghai.Zone);
        Dictionary<string, string?> Settings(int port)
        {
            var s = ProcessSettings.For(database.ConnectionString, wechat, "misfire" + Guid.NewGuid().ToString("N")[..8] + ":", port);
            s["Jobs:TermReminders:Cron"] = string.Create(CultureInfo.InvariantCulture, $"{due.Second} {due.Minute} {due.Hour} * * *");
            return s;
        }

        var portA = JobsProcess.FreePort();
        await using (var a = JobsProcess.Start(Settings(portA)))
        {
            await a.WaitReadyAsync(portA, TimeSpan.FromSeconds(50));
            a.KillHard();
            TermRuns(a).ShouldBeEmpty();
        }
        DateTimeOffset.UtcNow.ShouldBeLessThan(due.AddSeconds(-1), "the node must be down before the occurrence");
        while (DateTimeOffset.UtcNow < due.AddSeconds(3)) await Task.Delay(200); // every node is down across the occurrence

        var portB = JobsProcess.FreePort();
        await using var b = JobsProcess.Start(Settings(portB));
        await b.WaitReadyAsync(portB, TimeSpan.FromSeconds(180));
        await ClusterTests.WaitForRunsAsync(() => TermRuns(b), 1, TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(5)); // and no second run follows (the next occurrence is tomorrow)
        TermRuns(b).Count.ShouldBe(1, string.Join('\n', b.Lines.TakeLast(20)));
    }

    [Fact]
    public async Task A_node_started_while_a_killed_nodes_recurring_job_lock_is_still_leased_gets_ready_when_the_lease_expires()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var wechat = await FakeWeChatServer.StartAsync();
        var prefix = "lease" + Guid.NewGuid().ToString("N")[..8] + ":";
        var portA = JobsProcess.FreePort();
        await using (var a = JobsProcess.Start(ProcessSettings.For(database.ConnectionString, wechat, prefix, portA)))
        {
            await a.WaitReadyAsync(portA, TimeSpan.FromSeconds(50));
            a.KillHard();
        }
        // As if the killed node had been triggering the contest job: its lease row, taken just now (Hangfire.PostgreSql's lock table).
        await using (var conn = new Npgsql.NpgsqlConnection(database.ConnectionString))
        {
            await conn.OpenAsync();
            await using var take = new Npgsql.NpgsqlCommand(
                "INSERT INTO hangfire.lock (resource, updatecount, acquired) VALUES ('hangfire:lock:recurring-job:' || @id, 0, now() AT TIME ZONE 'UTC')", conn);
            take.Parameters.AddWithValue("id", Learn.Jobs.Contests.ContestLifecycleJob.Id);
            await take.ExecuteNonQueryAsync();
        }

        var portB = JobsProcess.FreePort();
        await using var b = JobsProcess.Start(ProcessSettings.For(database.ConnectionString, wechat, prefix, portB));
        await b.WaitReadyAsync(portB, TimeSpan.FromSeconds(150)); // the lease is Jobs:Scheduler:DistributedLockTimeout, 1 minute
        b.Lines.ShouldContain(l => l.Contains("its lock is still held", StringComparison.Ordinal));
    }

    [Fact]
    public async Task When_a_node_sending_a_campaign_is_killed_the_other_node_finishes_it_in_bounded_time_and_nobody_gets_it_twice()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var wechat = await FakeWeChatServer.StartAsync();
        var options = new DbContextOptionsBuilder<LearnDbContext>();
        DatabaseRegistration.Configure(options, DatabaseProvider.Postgres, database.ConnectionString);
        LearnDbContext Db() => new(options.Options);
        await using (var db = Db()) await DatabaseMigrator.MigrateAsync(db, NullLogger.Instance);
        var openIds = await CampaignCrashTests.SeedAsync(Db);
        var prefix = "failover" + Guid.NewGuid().ToString("N")[..8] + ":";
        Dictionary<string, string?> Settings(int port)
        {
            var s = ProcessSettings.For(database.ConnectionString, wechat, prefix, port);
            s["Notifications:Dispatcher:LeaseDuration"] = "00:00:03";
            s["Notifications:Dispatcher:BatchSize"] = "40";
            s["Notifications:Dispatcher:GlobalPerSecond"] = "150";
            s["Notifications:Dispatcher:DefaultPerTemplatePerSecond"] = "150";
            return s;
        }
        var portA = JobsProcess.FreePort();
        await using var a = JobsProcess.Start(Settings(portA));
        await a.WaitReadyAsync(portA, TimeSpan.FromSeconds(90));
        var portB = JobsProcess.FreePort();
        await using var b = JobsProcess.Start(Settings(portB));
        await b.WaitReadyAsync(portB, TimeSpan.FromSeconds(180));
        await using (var db = Db())
        {
            await Outbox.CreateForAudienceAsync(db, new CampaignSpec("failover", "节点故障测试", TestTemplates.Notice, NotificationChannel.OfficialAccountTemplate),
                CampaignAudience.Everyone, null, new Dictionary<string, string> { ["title"] = "节前廉政提醒", ["content"] = "请严守廉洁纪律" },
                DateTime.UtcNow, CancellationToken.None);
        }

        var until = DateTime.UtcNow.AddSeconds(120);
        while (CampaignCrashTests.Delivered(wechat) < CampaignCrashTests.Recipients / 4 && DateTime.UtcNow < until) await Task.Delay(25);
        a.KillHard();
        var atKill = CampaignCrashTests.Delivered(wechat);
        atKill.ShouldBeLessThan(CampaignCrashTests.Recipients, "the campaign must still be running when the node is killed");
        var killed = DateTime.UtcNow;
        while (!CampaignCrashTests.AllFinal(Db) && DateTime.UtcNow < killed.AddSeconds(90)) await Task.Delay(100);
        var took = DateTime.UtcNow - killed;
        output.WriteLine($"delivered at the kill: {atKill}; the survivor finished the campaign {took.TotalSeconds:0.0} s after it");
        CampaignCrashTests.AllFinal(Db).ShouldBeTrue("the surviving node did not finish the campaign within 90 s");

        var accepted = wechat.RequestsTo(FakePaths.TemplateSend).Where(r => r.ErrCode == 0)
            .Select(r => (ToUser: r.Json.GetProperty("touser").GetString()!, Key: r.Json.GetProperty("client_msg_id").GetString()!)).ToList();
        var received = accepted.GroupBy(x => x.ToUser).ToDictionary(g => g.Key, g => g.Select(x => x.Key).Distinct().Count());
        received.Keys.Order().ShouldBe(openIds.Order());
        received.Values.ShouldAllBe(n => n == 1); // WeChat keeps one message per client_msg_id: nobody receives it twice
    }

    private static List<string> TermRuns(HostProcess process) =>
        process.Lines.Where(l => l.Contains("job-run learn.term-reminders", StringComparison.Ordinal)).ToList();
}

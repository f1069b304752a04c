using Hangfire.Storage;
using FakeWeChat;
using Learn.Core.Identity;
using Learn.Core.Members;
using Learn.Core.Notifications;
using Learn.Core.Organizations;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Learn.Jobs.Tests.Notifications;

/// <summary>The embedded default: one Learn.Jobs on a SQLite file, Hangfire on its own SQLite file, the same outbox.</summary>
public sealed class SqliteOutboxTests : SqliteTest
{
    [Fact]
    public async Task Claims_take_only_due_rows_once_and_expired_leases_come_back()
    {
        var now = new DateTime(2026, 11, 23, 1, 0, 0, DateTimeKind.Utc);
        await using (var db = Db())
        {
            var org = await db.AddOrganizationAsync("SQLite党支部", OrganizationKind.Branch);
            var members = new List<Member>();
            for (var i = 0; i < 3; i++) members.Add(await db.AddMemberAsync(org, "成员" + i));
            var campaign = await Outbox.CreateExplicitAsync(db, new CampaignSpec("sqlite", "SQLite", TestTemplates.Notice, NotificationChannel.OfficialAccountTemplate),
                members.Select(m => new Recipient(m.Id, new Dictionary<string, string> { ["title"] = "t" })).ToList(), now, CancellationToken.None);
            await db.Set<OutboxMessage>().Where(m => m.MemberId == members[2].Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, now.AddMinutes(5)));
            campaign.ShouldNotBeNull();
        }

        await using (var db = Db())
        {
            var first = await Learn.Jobs.Notifications.OutboxClaims.ClaimAsync(db, 10, "token-a", now, now.AddMinutes(2), CancellationToken.None);
            var second = await Learn.Jobs.Notifications.OutboxClaims.ClaimAsync(db, 10, "token-b", now, now.AddMinutes(2), CancellationToken.None);
            first.Count.ShouldBe(2); // the third is not due yet
            second.ShouldBeEmpty();

            (await Learn.Jobs.Notifications.OutboxClaims.RecoverAsync(db, now.AddMinutes(1), TimeSpan.FromMinutes(9), CancellationToken.None)).ShouldBe(0);
            (await Learn.Jobs.Notifications.OutboxClaims.RecoverAsync(db, now.AddMinutes(3), TimeSpan.FromMinutes(9), CancellationToken.None)).ShouldBe(2);
            var again = await Learn.Jobs.Notifications.OutboxClaims.ClaimAsync(db, 10, "token-c", now.AddMinutes(6), now.AddMinutes(8), CancellationToken.None);
            again.Count.ShouldBe(3);
        }
    }

    [Fact]
    public async Task Learn_Jobs_runs_on_the_embedded_SQLite_default_and_delivers_a_campaign()
    {
        await using var wechat = await FakeWeChatServer.StartAsync();
        string openId;
        await using (var db = Db())
        {
            var org = await db.AddOrganizationAsync("内置默认党支部", OrganizationKind.Branch);
            var member = await db.AddMemberAsync(org, "单机党员");
            openId = await db.FollowOfficialAccountAsync(member);
            await Outbox.CreateForAudienceAsync(db, new CampaignSpec("sqlite-run", "SQLite 运行", TestTemplates.Notice, NotificationChannel.OfficialAccountTemplate),
                CampaignAudience.Everyone, null, new Dictionary<string, string> { ["title"] = "提醒", ["content"] = "内容" }, DateTime.UtcNow, CancellationToken.None);
        }
        var port = JobsProcess.FreePort();
        var settings = ProcessSettings.For(ConnectionString, wechat, "sqlite" + Guid.NewGuid().ToString("N")[..8] + ":", port);
        settings["Database:Provider"] = "Sqlite";

        await using var process = JobsProcess.Start(settings);
        await process.WaitReadyAsync(port, TimeSpan.FromSeconds(90));
        var until = DateTime.UtcNow.AddSeconds(60);
        while (!wechat.RequestsTo(FakePaths.TemplateSend).Any(r => r.ErrCode == 0) && DateTime.UtcNow < until)
            await Task.Delay(100); // polling for the outcome

        wechat.RequestsTo(FakePaths.TemplateSend).Where(r => r.ErrCode == 0).Select(r => r.Json.GetProperty("touser").GetString())
            .ShouldBe([openId], string.Join('\n', process.Lines.TakeLast(30)));
        // Hangfire's recurring jobs are in its own file beside the database, read here as the admin site reads them.
        using var storage = new Hangfire.Storage.SQLite.SQLiteStorage(Learn.Core.Jobs.HangfireStorage.SqliteFile(ConnectionString), new());
        using var connection = storage.GetConnection();
        connection.GetRecurringJobs([.. Learn.Core.Jobs.JobIds.All]).Where(j => !j.Removed).Select(j => j.TimeZoneId).Distinct().ShouldBe(["Asia/Shanghai"]);
    }
}

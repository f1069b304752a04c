using System.Text.Json;
using Learn.Core.Notifications;
using Learn.Core.Organizations;
using Learn.Jobs.Birthdays;
using Learn.Jobs.Notifications;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Learn.Jobs.Tests.Notifications;

/// <summary>The embedded default writes rule-listed campaigns too: one statement per batch over a JSON array on SQLite.</summary>
public sealed class SqliteStreamedCampaignTests : SqliteTest
{
    [Fact]
    public async Task Todays_political_birthdays_are_written_in_batches_with_each_members_own_fields_once()
    {
        var day = new DateOnly(2026, 7, 1);
        var now = new DateTime(2026, 7, 1, 0, 0, 0, DateTimeKind.Utc);
        await using (var db = Db())
        {
            var branch = await db.AddOrganizationAsync("七一党支部", OrganizationKind.Branch);
            for (var i = 0; i < 5; i++) await db.AddMemberAsync(branch, "七一" + i, new DateOnly(1996 + i * 5, 7, 1));
            await db.AddMemberAsync(branch, "八一", new DateOnly(2000, 8, 1));
            await Outbox.CreateStreamedAsync(db, new CampaignSpec("political-birthday:2026-07-01", "政治生日", PoliticalBirthdayJob.GreetingTemplate, NotificationChannel.MiniProgramSubscribe),
                BirthdayGreetingRecipients.SourceName, JsonSerializer.Serialize(new BirthdayGreetingRecipients.Args(day)),
                new Dictionary<string, string> { ["date"] = "2026年7月1日" }, now, CancellationToken.None);
        }
        var expander = new CampaignExpander([new AudienceSource(), new BirthdayGreetingRecipients()], NullLogger<CampaignExpander>.Instance);

        for (var round = 0; round < 10; round++)
        {
            await using var db = Db();
            if (!await expander.ExpandOneBatchAsync(db, 2, now, CancellationToken.None)) break;
        }

        await using var check = Db();
        var campaign = await check.Set<NotificationCampaign>().SingleAsync();
        campaign.State.ShouldBe(CampaignState.Ready);
        campaign.RecipientCount.ShouldBe(5);
        var rows = await check.Set<OutboxMessage>().OrderBy(m => m.MemberId).ToListAsync();
        rows.Count.ShouldBe(5);
        rows.ShouldAllBe(r => r.State == OutboxState.Pending && r.NextAttemptAt == now && r.IdempotencyKey == OutboxMessage.KeyFor(campaign.Id, r.MemberId));
        var data = rows.Select(r => JsonSerializer.Deserialize<Dictionary<string, string>>(r.DataJson)!).ToList();
        data.Select(d => d["years"]).ShouldBe(["30", "25", "20", "15", "10"]);
        data[0]["name"].ShouldBe("七一0");
        data[4]["note"].ShouldBe("入党10周年（逢十纪念）");
        data.ShouldAllBe(d => d["date"] == "2026年7月1日");
    }
}

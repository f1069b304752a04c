using Learn.Core.Data;
using Learn.Core.Notifications;
using Learn.Core.Organizations;
using Learn.Jobs.Notifications;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Learn.Jobs.Tests.Notifications;

/// <summary>Writing a campaign in batches on PostgreSQL: every recipient exactly once, whatever interrupts or races the writers.</summary>
public sealed class CampaignExpanderTests : IAsyncLifetime
{
    private const int Members = 2_500;
    private const int Batch = 300;
    private PostgresTestDatabase _database = null!;
    private readonly CampaignExpander _expander = new([new AudienceSource()], NullLogger<CampaignExpander>.Instance);

    private LearnDbContext Db()
    {
        var options = new DbContextOptionsBuilder<LearnDbContext>();
        DatabaseRegistration.Configure(options, DatabaseProvider.Postgres, _database.ConnectionString);
        return new LearnDbContext(options.Options);
    }

    public async Task InitializeAsync()
    {
        _database = await PostgresTestDatabase.CreateAsync();
        await using var db = Db();
        await DatabaseMigrator.MigrateAsync(db, NullLogger.Instance);
        var org = await db.AddOrganizationAsync("分批党支部", OrganizationKind.Branch);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO members (name, gender, organization_id, joined_party_on, status, is_leading_cadre, created_at, updated_at)
            SELECT '党员' || g, 'Unknown', {org.Id}, DATE '2000-07-01', 'Active', FALSE, now(), now() FROM generate_series(1, {Members}) g
            """);
        await Outbox.CreateForAudienceAsync(db, new CampaignSpec("batches", "分批", TestTemplates.Notice, NotificationChannel.OfficialAccountTemplate),
            CampaignAudience.Everyone, null, new Dictionary<string, string> { ["title"] = "提醒" }, DateTime.UtcNow, CancellationToken.None);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Two_nodes_expanding_at_once_write_every_member_once()
    {
        // Each node goes on until the campaign is written; a round that finds it locked by the other writes nothing.
        async Task Node()
        {
            while (true)
            {
                await using var db = Db();
                await _expander.ExpandOneBatchAsync(db, Batch, DateTime.UtcNow, CancellationToken.None);
                if (await db.Set<NotificationCampaign>().AllAsync(c => c.State == CampaignState.Ready)) return;
            }
        }

        await Task.WhenAll(Node(), Node());

        await ShouldHoldEveryMemberOnceAsync();
    }

    [Fact]
    public async Task Rows_left_by_an_interrupted_writer_are_neither_doubled_nor_skipped()
    {
        await using (var db = Db())
        {
            await _expander.ExpandOneBatchAsync(db, Batch, DateTime.UtcNow, CancellationToken.None);
            // A writer that got the next rows in but never moved the cursor (the cursor is what a crash loses).
            var campaign = await db.Set<NotificationCampaign>().AsNoTracking().SingleAsync();
            var page = await new AudienceSource().PageAsync(db, campaign, campaign.ExpandedThroughMemberId, Batch + 50, CancellationToken.None);
            (await OutboxRows.InsertAsync(db, campaign, page, DateTime.UtcNow, CancellationToken.None)).ShouldBe(Batch + 50);
        }

        await using (var db = Db())
            while (await _expander.ExpandOneBatchAsync(db, Batch, DateTime.UtcNow, CancellationToken.None)) db.ChangeTracker.Clear();

        await ShouldHoldEveryMemberOnceAsync();
    }

    [Fact]
    public async Task A_campaign_whose_rule_keeps_failing_does_not_hold_up_the_campaigns_behind_it()
    {
        var expander = new CampaignExpander([new AudienceSource(), new FailingSource()], NullLogger<CampaignExpander>.Instance);
        await using (var db = Db())
        {
            await db.Set<NotificationCampaign>().ExecuteDeleteAsync(); // the fixture's audience campaign goes behind the failing one
            await Outbox.CreateStreamedAsync(db, new CampaignSpec("failing", "失败", TestTemplates.Notice, NotificationChannel.OfficialAccountTemplate),
                FailingSource.SourceName, null, new Dictionary<string, string>(), DateTime.UtcNow, CancellationToken.None);
            await Outbox.CreateForAudienceAsync(db, new CampaignSpec("behind", "其后", TestTemplates.Notice, NotificationChannel.OfficialAccountTemplate),
                CampaignAudience.Everyone, null, new Dictionary<string, string> { ["title"] = "提醒" }, DateTime.UtcNow, CancellationToken.None);
        }

        for (var round = 0; round < 20; round++)
        {
            await using var db = Db();
            if (!await expander.ExpandOneBatchAsync(db, 1000, DateTime.UtcNow, CancellationToken.None)) break;
        }

        await using var check = Db();
        (await check.Set<NotificationCampaign>().SingleAsync(c => c.Key == "behind")).RecipientCount.ShouldBe(Members);
        (await check.Set<NotificationCampaign>().SingleAsync(c => c.Key == "failing")).State.ShouldBe(CampaignState.Expanding, "tried again later, not given up");
    }

    private sealed class FailingSource : IRecipientSource
    {
        public const string SourceName = "failing";
        public string Name => SourceName;
        public Task<IReadOnlyList<RecipientRow>> PageAsync(LearnDbContext db, NotificationCampaign campaign, long afterMemberId, int take, CancellationToken ct) =>
            throw new InvalidOperationException("the rule's data is broken");
    }

    private async Task ShouldHoldEveryMemberOnceAsync()
    {
        await using var db = Db();
        var campaign = await db.Set<NotificationCampaign>().AsNoTracking().SingleAsync();
        campaign.State.ShouldBe(CampaignState.Ready);
        campaign.RecipientCount.ShouldBe(Members);
        var rows = await db.Set<OutboxMessage>().AsNoTracking().Select(m => new { m.MemberId, m.IdempotencyKey }).ToListAsync();
        rows.Count.ShouldBe(Members);
        rows.Select(r => r.MemberId).Distinct().Count().ShouldBe(Members);
        rows.ShouldAllBe(r => r.IdempotencyKey == OutboxMessage.KeyFor(campaign.Id, r.MemberId));
        (await db.Members.CountAsync(m => !db.Set<OutboxMessage>().Any(o => o.MemberId == m.Id))).ShouldBe(0, "no member skipped");
    }
}

using Learn.Core.Data;
using Learn.Core.Organizations;
using Learn.Core.Study;
using Microsoft.EntityFrameworkCore;

namespace Learn.Bench;

/// <summary>One party committee, today's article for all of it, and N active members who follow the Official Account.</summary>
internal static class CampaignSeeder
{
    public static async Task SeedAsync(string cs, int recipients)
    {
        var options = new DbContextOptionsBuilder<LearnDbContext>();
        DatabaseRegistration.Configure(options, DatabaseProvider.Postgres, cs);
        await using var db = new LearnDbContext(options.Options);
        db.Database.SetCommandTimeout(600);
        var root = new Organization { Name = "压测机关党委", Kind = OrganizationKind.PartyCommittee, CreatedAt = DateTime.UtcNow };
        db.Add(root);
        await db.SaveChangesAsync();
        root.Path = $"/{root.Id}/";
        var column = await db.Set<ArticleColumn>().FirstAsync(); // the migrations seed the columns
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        db.Add(new Article
        {
            Title = "全体党员今日学习", ColumnId = column.Id, Summary = "压测", Source = "学习平台编辑部", Body = "正文", BodyHtml = "<p>正文</p>",
            AudienceOrganizationId = root.Id, AudiencePath = root.Path,
            PublishOn = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, shanghai).DateTime), CreatedAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO members (name, gender, organization_id, joined_party_on, status, is_leading_cadre, created_at, updated_at)
            SELECT '党员' || g, 'Unknown', {root.Id}, DATE '2000-07-01', 'Active', FALSE, now(), now() FROM generate_series(1, {recipients}) g
            """);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO wechat_identities (app_kind, app_id, open_id, member_id, subscribed, created_at, last_seen_at)
            SELECT 'OfficialAccount', 'wx2222222222222222', 'oa-bench-' || id, id, TRUE, now(), now() FROM members
            """);
        await db.Database.ExecuteSqlRawAsync("ANALYZE");
    }
}

using FakeWeChat;
using Learn.Core.Data;
using Learn.Core.Organizations;
using Learn.Core.Study;
using Learn.Jobs.Study;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Learn.Jobs.Tests.Study;

public class DailyArticlePushJobTests(JobsFactory factory) : IClassFixture<JobsFactory>
{
    private static void AddArticle(LearnDbContext db, ArticleColumn column, Organization audience, string title, DateOnly on) => db.Add(new Article
    {
        Title = title, ColumnId = column.Id, Summary = "摘要", Source = "学习平台编辑部", Body = "正文", BodyHtml = "<p>正文</p>",
        AudienceOrganizationId = audience.Id, AudiencePath = audience.Path, PublishOn = on, CreatedAt = DateTime.UtcNow,
    });

    [Fact]
    public async Task Each_follower_gets_their_organisations_article_of_the_day_once_through_the_official_account()
    {
        factory.Clock.SetShanghai(2026, 11, 23, 7, 30);
        var today = new DateOnly(2026, 11, 23);
        var (a, b) = await factory.WithDbAsync(async db =>
        {
            var root = await db.AddOrganizationAsync("机关党委", OrganizationKind.PartyCommittee);
            var branchA = await db.AddOrganizationAsync("一支部", OrganizationKind.Branch, root);
            var branchB = await db.AddOrganizationAsync("二支部", OrganizationKind.Branch, root);
            var column = await db.Set<ArticleColumn>().FirstAsync(); // the migration seeds the four columns
            AddArticle(db, column, root, "全体党员今日学习", today);
            AddArticle(db, column, branchB, "二支部专题学习", today);
            AddArticle(db, column, root, "昨天的文章", today.AddDays(-1));
            await db.SaveChangesAsync();
            var inA = await db.AddMemberAsync(branchA, "甲");
            var inB = await db.AddMemberAsync(branchB, "乙");
            var notFollowing = await db.AddMemberAsync(branchA, "丙");
            await db.BindMiniProgramAsync(notFollowing);
            return (await db.FollowOfficialAccountAsync(inA), await db.FollowOfficialAccountAsync(inB));
        });

        await factory.RunJobAsync(DailyArticlePushJob.Id);
        await factory.RunJobAsync(DailyArticlePushJob.Id);
        await factory.OutboxSettledAsync();

        var sends = factory.WeChat.RequestsTo(FakePaths.TemplateSend).Where(r => r.ErrCode == 0)
            .ToDictionary(r => r.Json.GetProperty("touser").GetString()!, r => r.Json.GetProperty("data").GetProperty("keyword1").GetProperty("value").GetString());
        sends.Count.ShouldBe(2, await factory.OutboxDumpAsync());
        sends[a].ShouldBe("全体党员今日学习");
        sends[b].ShouldBe("二支部专题学习");
    }
}

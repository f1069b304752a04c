using Learn.Api.Study;
using Learn.Core.Study;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Learn.Api.Tests.Study;

/// <summary>Past articles by column, newest first, in pages; only published ones the member's organisation reaches.</summary>
public class ArticleBrowsingTests(StudyFactory factory) : IClassFixture<StudyFactory>
{
    [Fact]
    public async Task Past_articles_of_a_column_page_newest_first_without_future_or_foreign_ones()
    {
        factory.Clock.SetShanghai(2026, 12, 31, 9);
        var today = factory.Today();
        for (var i = 0; i < 12; i++) await factory.PublishAsync($"党史{i:00}", factory.Tree.Root, today.AddDays(-i), column: "党史学习");
        await factory.PublishAsync("党史明日", factory.Tree.Root, today.AddDays(1), column: "党史学习");
        await factory.PublishAsync("二支部党史", factory.Tree.BranchB, today, column: "党史学习");
        await factory.PublishAsync("一支部党史", factory.Tree.BranchA, today.AddDays(-20), column: "党史学习");
        await factory.PublishAsync("理论", factory.Tree.Root, today, column: "理论武装");
        var columnId = await factory.WithDbAsync(db => db.Set<ArticleColumn>().Where(c => c.Name == "党史学习").Select(c => c.Id).SingleAsync());
        var client = await factory.MemberClientAsync((await factory.AddMemberAsync(factory.Tree.BranchA)).Id);

        var page1 = await client.GetJsonAsync<PageResponse<ArticleItem>>($"/api/study/articles?columnId={columnId}&page=1&pageSize=5");
        var page3 = await client.GetJsonAsync<PageResponse<ArticleItem>>($"/api/study/articles?columnId={columnId}&page=3&pageSize=5");
        var beyond = await client.GetJsonAsync<PageResponse<ArticleItem>>($"/api/study/articles?columnId={columnId}&page=9&pageSize=5");

        page1.Total.ShouldBe(13);
        page1.Items.Select(a => a.Title).ShouldBe(["党史00", "党史01", "党史02", "党史03", "党史04"]);
        page3.Items.Select(a => a.Title).ShouldBe(["党史10", "党史11", "一支部党史"]);
        page1.Items.ShouldAllBe(a => a.Column == "党史学习");
        beyond.Items.ShouldBeEmpty();
        (await client.GetJsonAsync<PageResponse<ArticleItem>>("/api/study/articles")).Total.ShouldBe(14); // every column
    }
}

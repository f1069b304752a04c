using Learn.Core.Data;
using Learn.Core.Study;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.Api.Tests.Study;

/// <summary>Demo articles: published on the seed day (Asia/Shanghai) plus dayOffset, for the whole organisation.</summary>
public class ArticleDemoSeederTests(StudyFactory factory) : IClassFixture<StudyFactory>
{
    private static (string, string) File(string name, string title, string column, int offset, string body) =>
        (name, $"---\ntitle: {title}\ncolumn: {column}   # 专栏\nsource: 学习平台编辑部\ndayOffset: {offset}\n---\n{body}\n");

    [Fact]
    public async Task Fixture_articles_are_seeded_for_the_root_relative_to_the_seed_day_and_readable_today()
    {
        factory.Clock.SetShanghai(2026, 12, 15, 6, 30); // 22:30 UTC the day before: the seed day is Shanghai's
        var files = new[]
        {
            File("01-oath.md", "重温入党誓词", "党史学习", -1, "入党誓词是庄严承诺。"),
            File("02-rules.md", "学习党纪处分条例", "党纪学习教育", 0, "**六项纪律**是底线。<script>alert(1)</script>"),
            File("03-integrity.md", "清廉家风", "廉洁教育", 1, "家风连着党风。"),
        };

        int seeded;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LearnDbContext>();
            seeded = await new ArticleDemoSeeder(factory.Clock).SeedAsync(db, scope.ServiceProvider, files, CancellationToken.None);
        }

        seeded.ShouldBe(3);
        var articles = await factory.WithDbAsync(db => db.Set<Article>().Include(a => a.Column).OrderBy(a => a.PublishOn).ToListAsync());
        articles.Select(a => (a.Title, a.Column!.Name, a.PublishOn)).ShouldBe([
            ("重温入党誓词", "党史学习", (DateOnly?)new DateOnly(2026, 12, 14)),
            ("学习党纪处分条例", "党纪学习教育", new DateOnly(2026, 12, 15)),
            ("清廉家风", "廉洁教育", new DateOnly(2026, 12, 16)),
        ]);
        articles.ShouldAllBe(a => a.AudienceOrganizationId == factory.Tree.Root.Id && a.Source == "学习平台编辑部");
        articles[1].BodyHtml.ShouldNotContain("script");

        var member = await factory.AddMemberAsync(factory.Tree.BranchB);
        var today = await (await factory.MemberClientAsync(member.Id)).GetJsonAsync<Learn.Api.Study.TodayResponse>("/api/study/today");
        today.Article!.Title.ShouldBe("学习党纪处分条例");

        // Seeding again changes nothing, and an unknown column is reported by file name.
        await using var again = factory.Services.CreateAsyncScope();
        var db2 = again.ServiceProvider.GetRequiredService<LearnDbContext>();
        (await new ArticleDemoSeeder(factory.Clock).SeedAsync(db2, again.ServiceProvider, files, CancellationToken.None)).ShouldBe(0);
        new ArticleDemoSeeder(factory.Clock).Order.ShouldBe(300);
    }

    [Fact]
    public async Task An_unknown_column_is_reported_with_the_file_name()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LearnDbContext>();
        await db.Set<Article>().ExecuteDeleteAsync();
        var error = await Should.ThrowAsync<InvalidDataException>(() => new ArticleDemoSeeder(factory.Clock)
            .SeedAsync(db, scope.ServiceProvider, [File("09-x.md", "标题", "体育新闻", 0, "正文")], CancellationToken.None));
        error.Message.ShouldContain("09-x.md");
        error.Message.ShouldContain("体育新闻");
    }
}

/// <summary>The real demo articles (content's files) seed through the same organiser path without a single error.</summary>
public class EmbeddedDemoArticlesTests(StudyFactory factory) : IClassFixture<StudyFactory>
{
    [Fact]
    public async Task Every_embedded_demo_article_seeds_and_the_seed_day_has_an_article()
    {
        factory.Clock.SetShanghai(2026, 12, 15, 9);
        var embedded = ArticleDemoSeeder.EmbeddedFiles().ToList();
        embedded.Count.ShouldBeGreaterThanOrEqualTo(14);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LearnDbContext>();
            (await new ArticleDemoSeeder(factory.Clock).SeedAsync(db, scope.ServiceProvider, embedded, CancellationToken.None)).ShouldBe(embedded.Count);
            (await db.Set<Article>().CountAsync()).ShouldBe(embedded.Count);
        }
        var days = await factory.WithDbAsync(db => db.Set<Article>().Select(a => a.PublishOn!.Value).Distinct().CountAsync());
        days.ShouldBeGreaterThanOrEqualTo(14);

        var member = await factory.AddMemberAsync(factory.Tree.BranchA);
        var client = await factory.MemberClientAsync(member.Id);
        (await client.GetJsonAsync<Learn.Api.Study.TodayResponse>("/api/study/today")).Article.ShouldNotBeNull();
        var past = await client.GetJsonAsync<Learn.Api.Study.PageResponse<Learn.Api.Study.ArticleItem>>("/api/study/articles?pageSize=50");
        past.Items.ShouldAllBe(a => a.PublishOn <= new DateOnly(2026, 12, 15));
    }
}

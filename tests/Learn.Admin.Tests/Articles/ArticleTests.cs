using Learn.Core;
using Learn.Admin.Tests.Support;
using Learn.Core.Organizations;
using Learn.Core.Study;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Learn.Admin.Tests.Articles;

public class ArticleTests(AdminBrowser browser) : IClassFixture<AdminBrowser>
{
    [Fact]
    public async Task An_article_is_previewed_as_members_get_it_then_scheduled_and_shown_on_the_calendar()
    {
        var w = await AdminWorld.ArrangeAsync(browser.Site);
        var title = "学习贯彻党的二十大精神" + Guid.NewGuid().ToString("N")[..4];
        var tomorrow = Shanghai.Today(browser.Site.Clock).AddDays(1);
        var page = await browser.NewPageAsync();
        await page.SignInAsync(w.Admin1);

        await page.GotoAsync("/Articles/Edit");
        await page.GetByLabel("标题").FillAsync(title);
        await page.GetByLabel("正文", new() { Exact = true }).FillAsync("## 一、深刻领会\n\n**团结奋斗**是新时代的要求。\n\n<script>alert('x')</script>");
        await page.ClickAndWaitForPageAsync(page.Locator("#preview"));
        await Assertions.Expect(page.Locator("#article-preview strong")).ToHaveTextAsync("团结奋斗");
        await Assertions.Expect(page.Locator("#article-preview h2").Nth(1)).ToHaveTextAsync("一、深刻领会");
        (await page.Locator("#article-preview script").CountAsync()).ShouldBe(0); // sanitised, as members get it
        (await browser.Site.WithDbAsync(db => db.Set<Article>().CountAsync(a => a.Title == title))).ShouldBe(0); // preview saves nothing

        await page.GetByLabel("发布日期").FillAsync(tomorrow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.ClickAndWaitForPageAsync(page.Locator("#save"));
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("发布");
        await Assertions.Expect(page.Locator("#articles")).ToContainTextAsync(title);

        await page.GotoAsync("/Articles/Calendar");
        var cell = page.Locator($"#calendar [data-day='{tomorrow:yyyy-MM-dd}']");
        await Assertions.Expect(cell).ToContainTextAsync(title);
    }

    [Fact]
    public async Task A_branch_secretary_cannot_open_an_article_written_for_another_subtree()
    {
        var w = await AdminWorld.ArrangeAsync(browser.Site);
        var articleId = await browser.Site.WithDbAsync(async db =>
        {
            var column = await db.Set<ArticleColumn>().OrderBy(c => c.Id).FirstAsync();
            var article = new Article
            {
                Title = "第三支部专题", Summary = "", Source = "编辑部", Body = "正文", BodyHtml = "<p>正文</p>", TextLength = 2,
                ColumnId = column.Id, AudienceOrganizationId = w.Branch3.Id, AudiencePath = w.Branch3.Path, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            };
            db.Add(article);
            await db.SaveChangesAsync();
            return article.Id;
        });
        var page = await browser.NewPageAsync();
        await page.SignInAsync(w.Secretary1);

        (await page.StatusOfAsync($"/Articles/Edit/{articleId}")).ShouldBe(404);
        await page.GotoAsync("/Articles");
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("第三支部专题");
    }
}

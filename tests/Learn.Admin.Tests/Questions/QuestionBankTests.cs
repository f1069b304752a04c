using System.Text;
using Learn.Admin.Tests.Support;
using Microsoft.Playwright;

namespace Learn.Admin.Tests.Questions;

public class QuestionBankTests(AdminBrowser browser) : IClassFixture<AdminBrowser>
{
    private const string Header = "题型,题干,选项A,选项B,选项C,选项D,选项E,选项F,答案,分类,难度,解析";

    [Fact]
    public async Task Super_admin_imports_with_a_row_report_previews_as_a_member_and_edits_into_a_new_version()
    {
        var w = await AdminWorld.ArrangeAsync(browser.Site);
        var stem = "中国共产党第一次全国代表大会在（  ）召开" + Guid.NewGuid().ToString("N")[..4];
        var page = await browser.NewPageAsync();
        await page.SignInAsync(w.Super);

        await page.GotoAsync("/Questions/Import");
        await page.Locator("#upload").SetInputFilesAsync(Csv("bad.csv",
            $"单选,{stem},上海,北京,广州,南京,,,E,党史,易,一大在上海召开",
            "判断,党的最高领导机关是党的全国代表大会和它所产生的中央委员会,,,,,,,对,党章党规,中,"));
        await page.ClickAndWaitForPageAsync(page.Locator("#check-import"));
        var report = page.Locator("#import-errors tbody tr");
        await Assertions.Expect(report).ToHaveCountAsync(2);
        await Assertions.Expect(report.Nth(0)).ToContainTextAsync("2答案");
        await Assertions.Expect(report.Nth(1)).ToContainTextAsync("判断题答案应为 正确 或 错误");

        await page.Locator("#upload").SetInputFilesAsync(Csv("good.csv", $"单选,{stem},上海,北京,广州,南京,,,A,党史,易,一大在上海召开"));
        await page.ClickAndWaitForPageAsync(page.Locator("#check-import"));
        await page.ClickAndWaitForPageAsync(page.Locator("#confirm-import"));
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("已导入 1 道题目");

        await page.GotoAsync("/Questions?q=" + Uri.EscapeDataString(stem));
        await page.GetByRole(AriaRole.Link, new() { Name = "预览" }).ClickAsync();
        await Assertions.Expect(page.Locator("#member-view")).ToContainTextAsync(stem);
        await Assertions.Expect(page.Locator("#member-view")).Not.ToContainTextAsync("答案");
        await Assertions.Expect(page.Locator("#answer-view .correct")).ToContainTextAsync("上海");

        await page.GetByRole(AriaRole.Link, new() { Name = "编辑" }).ClickAsync();
        await page.GetByLabel("解析").FillAsync("1921年7月，中共一大在上海开幕，后转移到嘉兴南湖");
        await page.ClickAndWaitForPageAsync(page.GetByRole(AriaRole.Button, new() { Name = "保存" }));
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("v2");
        await Assertions.Expect(page.Locator("#answer-view")).ToContainTextAsync("嘉兴南湖");
    }

    [Fact]
    public async Task The_shared_bank_is_closed_to_organisation_admins()
    {
        var w = await AdminWorld.ArrangeAsync(browser.Site);
        var page = await browser.NewPageAsync();
        await page.SignInAsync(w.Admin1);

        (await page.StatusOfAsync("/Questions")).ShouldBe(403);
        (await page.StatusOfAsync("/Questions/Import")).ShouldBe(403);
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("没有权限");
        (await page.Locator("nav.sidebar").InnerTextAsync()).ShouldNotContain("题库");
    }

    private static FilePayload Csv(string name, params string[] rows) => new()
    {
        Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(Header + "\n" + string.Join("\n", rows) + "\n"),
    };
}

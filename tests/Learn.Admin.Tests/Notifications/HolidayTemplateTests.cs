using Learn.Admin.Tests.Support;
using Learn.Core.Holidays;
using Learn.Core.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Learn.Admin.Tests.Notifications;

/// <summary>The holiday integrity notice's text: previewed as members get it, saved with an audit entry, refused in Chinese when it does not fit.</summary>
public class HolidayTemplateTests(AdminBrowser browser) : IClassFixture<AdminBrowser>
{
    [Fact]
    public async Task A_super_admin_previews_the_spring_festival_notice_as_sent_then_saves_it_with_an_audit_entry()
    {
        var w = await AdminWorld.ArrangeAsync(browser.Site);
        var page = await browser.NewPageAsync();
        await page.SignInAsync(w.Super);
        await page.GotoAsync("/Notifications/Templates");
        await page.ScreenshotAsync("notification-templates");
        await page.ClickAndWaitForPageAsync(page.Locator("#holiday-templates tr", new() { HasText = "春节" }).GetByRole(AriaRole.Link, new() { Name = "编辑并预览" }));

        await page.GetByLabel("标题").FillAsync("{holiday}廉洁提醒");
        await page.GetByLabel("提醒内容").FillAsync("{holiday}临近，请勿收送礼品礼金");
        await page.GetByLabel("发送对象").SelectOptionAsync(nameof(CampaignAudience.LeadingCadres));
        await page.ClickAndWaitForPageAsync(page.GetByRole(AriaRole.Button, new() { Name = "预览" }));

        // Test clock: 2026-11-23, so the next 春节 is 2027-02-06; the field keys are the configured template's.
        var preview = page.Locator("#preview");
        await Assertions.Expect(preview.Locator("[data-key=keyword1]")).ToHaveTextAsync("春节廉洁提醒");
        await Assertions.Expect(preview.Locator("[data-key=keyword2]")).ToHaveTextAsync("春节临近，请勿收送礼品礼金");
        await Assertions.Expect(preview.Locator("[data-key=keyword3]")).ToHaveTextAsync("2027年2月6日");
        await page.ScreenshotAsync("holiday-template-preview");
        (await browser.Site.WithDbAsync(db => db.Set<HolidayNoticeSetting>().AnyAsync(s => s.Holiday == Holiday.SpringFestival))).ShouldBeFalse();

        await page.ClickAndWaitForPageAsync(page.GetByRole(AriaRole.Button, new() { Name = "保存" }));
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("已保存春节的节前提醒");
        await Assertions.Expect(page.Locator("#holidays tr", new() { HasText = "春节" })).ToContainTextAsync("领导干部");
        // The plan is Learn.Jobs' own (HolidayPlan): 3 days before 2027-02-06 at 09:00, the defaults.
        await Assertions.Expect(page.Locator("#upcoming tr", new() { HasText = "春节" })).ToContainTextAsync("2027-02-03 09:00");
        await page.ScreenshotAsync("holiday-settings");

        var saved = await browser.Site.WithDbAsync(db => db.Set<HolidayNoticeSetting>().SingleAsync(s => s.Holiday == Holiday.SpringFestival));
        saved.Title.ShouldBe("{holiday}廉洁提醒");
        saved.Content.ShouldBe("{holiday}临近，请勿收送礼品礼金");
        saved.Audience.ShouldBe(CampaignAudience.LeadingCadres);
        var audit = await browser.Site.WithDbAsync(db => db.AuditLog.Where(a => a.Action == "holiday-notice.edit").ToListAsync());
        audit.ShouldHaveSingleItem().After!.ShouldContain("{holiday}临近");
    }

    [Fact]
    public async Task Text_that_does_not_fit_a_wechat_field_or_uses_an_unknown_placeholder_is_refused_in_chinese()
    {
        var w = await AdminWorld.ArrangeAsync(browser.Site);
        var page = await browser.NewPageAsync();
        await page.SignInAsync(w.Super);
        await page.GotoAsync("/Holidays/Edit/MidAutumn");

        await page.GetByLabel("标题").FillAsync("");
        await page.GetByLabel("提醒内容").FillAsync("{holiday}将至，请各位党员干部严守八项规定精神，廉洁过节");
        await page.ClickAndWaitForPageAsync(page.GetByRole(AriaRole.Button, new() { Name = "保存" }));
        await Assertions.Expect(page.Locator("#holiday-form")).ToContainTextAsync("请填写标题。");
        await Assertions.Expect(page.Locator("#holiday-form")).ToContainTextAsync("提醒内容代入节日名称后有 26 个字，微信消息最多 20 个字");
        await page.ScreenshotAsync("holiday-template-validation");

        await page.GetByLabel("标题").FillAsync("{name}的节日");
        await page.GetByLabel("提醒内容").FillAsync("{holiday}将至");
        await page.ClickAndWaitForPageAsync(page.GetByRole(AriaRole.Button, new() { Name = "保存" }));
        await Assertions.Expect(page.Locator("#holiday-form")).ToContainTextAsync("标题中只能使用占位符 {holiday}");

        (await browser.Site.WithDbAsync(db => db.Set<HolidayNoticeSetting>().AnyAsync(s => s.Holiday == Holiday.MidAutumn))).ShouldBeFalse();
    }

    [Fact]
    public async Task A_branch_secretary_may_read_the_notice_but_saving_is_forbidden()
    {
        var w = await AdminWorld.ArrangeAsync(browser.Site);
        var page = await browser.NewPageAsync();
        await page.SignInAsync(w.Secretary1);
        (await page.StatusOfAsync("/Holidays/Edit/Nowhere")).ShouldBe(404);
        (await page.StatusOfAsync("/Holidays/Edit/1")).ShouldBe(404);
        await page.GotoAsync("/Holidays/Edit/SpringFestival");
        await Assertions.Expect(page.GetByLabel("标题")).ToBeDisabledAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "保存" })).ToHaveCountAsync(0);

        var response = await page.RunAndWaitForResponseAsync(
            () => page.EvaluateAsync("() => { const f = document.querySelector('#holiday-form'); for (const e of f.elements) e.disabled = false; f.elements['Input.Title'].value = '书记改的标题'; f.submit(); }"),
            r => r.Url.Contains("/Holidays/Edit/SpringFestival", StringComparison.Ordinal) && r.Request.Method == "POST");
        response.Status.ShouldBe(403);
        (await browser.Site.WithDbAsync(db => db.Set<HolidayNoticeSetting>().AnyAsync(s => s.Title == "书记改的标题"))).ShouldBeFalse();
    }

    [Fact]
    public async Task The_dashboard_lists_the_next_holiday_notices_with_their_sending_time()
    {
        var w = await AdminWorld.ArrangeAsync(browser.Site);
        var page = await browser.NewPageAsync();
        await page.SignInAsync(w.Secretary1);
        // Defaults: Spring Festival and Mid-Autumn, 3 days before, 09:00. Test clock: 2026-11-23, so next year's two.
        var rows = page.Locator("#holiday-notices tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("春节2027-02-062027-02-03 09:00");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("中秋节2027-09-152027-09-12 09:00");
    }
}

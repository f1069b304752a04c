using Learn.Admin.Tests.Support;
using Learn.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Learn.Admin.Tests.Organizations;

/// <summary>超期未换届 on the admin site: the dashboard's 换届提醒 card and the organisation tree flag terms that have ended.</summary>
public class TermsOverdueTests(AdminBrowser browser) : IClassFixture<AdminBrowser>
{
    [Fact]
    public async Task The_dashboard_and_the_tree_flag_expired_terms_in_scope_with_the_days_overdue()
    {
        var world = await AdminWorld.ArrangeAsync(browser.Site);
        var today = Shanghai.Today(browser.Site.Clock);
        await SetTermEndAsync(world.Branch1.Id, today.AddDays(-10));
        await SetTermEndAsync(world.Branch2.Id, today.AddDays(30));
        await SetTermEndAsync(world.Branch3.Id, today.AddDays(-5)); // 第二党总支: not the admin's
        var page = await browser.NewPageAsync();
        await page.SignInAsync(world.Admin1);

        await page.GotoAsync("/");
        var terms = page.Locator("#terms tbody tr");
        await Assertions.Expect(terms).ToHaveCountAsync(2);
        await Assertions.Expect(terms.Nth(0)).ToContainTextAsync("第一党支部");
        await Assertions.Expect(terms.Nth(0)).ToContainTextAsync("超期未换届（超期 10 天）");
        await Assertions.Expect(terms.Nth(1)).ToContainTextAsync("第二党支部");
        await Assertions.Expect(terms.Nth(1)).ToContainTextAsync("还有 30 天届满");
        await page.ScreenshotAsync("dashboard-terms-overdue");

        await page.GotoAsync("/Organizations");
        var flags = page.Locator(".tree .overdue");
        await Assertions.Expect(flags).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".tree li:has(> strong:text-is('第一党支部')) > .overdue")).ToHaveTextAsync("超期未换届");
    }

    private Task SetTermEndAsync(long organizationId, DateOnly end) =>
        browser.Site.WithDbAsync(db => db.Organizations.Where(o => o.Id == organizationId)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.TermStart, end.AddYears(-3)).SetProperty(o => o.TermEnd, end)));
}

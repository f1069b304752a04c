using Learn.Admin.Tests.Support;

namespace Learn.Admin.Tests.Demo;

/// <summary>Without Demo:SimulatorUrl (every deployment but ./learn.sh run) there is no 演示模式 and no simulated inbox.</summary>
public class OutsideDemoModeTests(AdminBrowser browser) : IClassFixture<AdminBrowser>
{
    [Fact]
    public async Task No_demo_mode_badge_and_no_simulated_inbox_page()
    {
        var w = await AdminWorld.ArrangeAsync(browser.Site);
        var page = await browser.NewPageAsync();
        await page.SignInAsync(w.Super);
        (await page.Locator(".topbar").InnerTextAsync()).ShouldNotContain("演示模式");
        (await page.Locator("nav.sidebar").InnerTextAsync()).ShouldNotContain("模拟微信消息");
        (await page.StatusOfAsync("/Simulator/Inbox")).ShouldBe(404);
    }
}

using Learn.Admin.Tests.Support;
using Learn.Core.Organizers;
using Learn.Core.Study;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Learn.Admin.Tests.Account;

public class SignInTests(AdminBrowser browser) : IClassFixture<AdminBrowser>
{
    [Fact]
    public async Task Organiser_signs_in_sees_the_dashboard_then_signs_out()
    {
        var world = await AdminWorld.ArrangeAsync(browser.Site);
        await using (var scope = browser.Site.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<StudyPoints>()
                .AwardAsync(world.Member1.Id, StudyPointKind.Reading, "read-1", 5, "阅读文章"); // 张红梅 studied today
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/Members");
        page.Url.ShouldContain("/Account/SignIn?ReturnUrl=%2FMembers");
        await page.SignInAsync(world.Admin1, open: false);

        page.Url.ShouldEndWith("/Members"); // back where the organiser was going
        await page.GetByRole(AriaRole.Link, new() { Name = "仪表盘" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("仪表盘");
        await Assertions.Expect(page.Locator(".topbar")).ToContainTextAsync("组织管理员");
        await Assertions.Expect(page.Locator("#stat-members")).ToHaveTextAsync("2"); // 第一党总支: two branches, one member each
        await Assertions.Expect(page.Locator("#stat-studied")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("#trend-chart")).ToHaveAttributeAsync("data-rendered", "true");
        await Assertions.Expect(page.Locator("#birthdays")).ToContainTextAsync("张红梅");
        await Assertions.Expect(page.Locator("#birthdays")).ToContainTextAsync("21 周年");
        await Assertions.Expect(page.Locator("#branch-chart")).ToHaveAttributeAsync("data-rendered", "true");
        (await page.Locator("#branch-chart canvas").CountAsync()).ShouldBeGreaterThan(0);
        await page.ScreenshotAsync("dashboard");

        await page.SignOutAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("管理后台");
        await page.GotoAsync("/");
        page.Url.ShouldContain("/Account/SignIn");
    }

    [Fact]
    public async Task Wrong_passwords_lock_the_account_and_the_page_says_so()
    {
        var world = await AdminWorld.ArrangeAsync(browser.Site);
        var page = await browser.NewPageAsync();

        for (var i = 0; i < OrganizerSignIn.MaxFailures; i++)
        {
            await page.SignInAsync(world.Secretary1, "wrong-password-" + i);
            await Assertions.Expect(page.Locator(".validation-summary-errors")).ToContainTextAsync("用户名或密码不正确");
        }
        await page.SignInAsync(world.Secretary1); // the right password, too late

        await Assertions.Expect(page.Locator(".validation-summary-errors")).ToContainTextAsync("账号已锁定");
        page.Url.ShouldContain("/Account/SignIn");
        await page.GotoAsync("/");
        page.Url.ShouldContain("/Account/SignIn");
    }

    [Fact]
    public async Task A_cookie_kept_after_sign_out_no_longer_opens_the_site()
    {
        var world = await AdminWorld.ArrangeAsync(browser.Site);
        var page = await browser.NewPageAsync();
        await page.SignInAsync(world.Super);
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("仪表盘");
        var kept = await page.Context.CookiesAsync();

        await page.SignOutAsync();
        var replay = await browser.NewPageAsync();
        await replay.Context.AddCookiesAsync(kept.Select(c => new Cookie
        {
            Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, HttpOnly = c.HttpOnly, SameSite = c.SameSite,
        }));
        await replay.GotoAsync("/Members");

        replay.Url.ShouldContain("/Account/SignIn"); // the session was revoked on the server, not just forgotten by the browser
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_refused()
    {
        var world = await AdminWorld.ArrangeAsync(browser.Site);
        var page = await browser.NewPageAsync();
        await page.SignInAsync(world.Admin1);
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("仪表盘");

        // The browser's own cookies, but no token: what a cross-site form would send.
        var response = await page.Context.APIRequest.PostAsync("/Invitations?handler=Issue", new()
        {
            Form = page.Context.APIRequest.CreateFormData().Set("Input.OrganizationId", world.Branch1.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        });

        response.Status.ShouldBe(400);
        var body = await response.TextAsync();
        body.ShouldContain("请求无效", customMessage: body);
        (await browser.Site.WithDbAsync(db => Task.FromResult(db.Set<Learn.Core.Invitations.InvitationCode>().Count(c => c.OrganizationId == world.Branch1.Id)))).ShouldBe(0);
    }
}

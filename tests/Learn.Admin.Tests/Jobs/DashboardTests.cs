using Learn.Admin.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Learn.Admin.Tests.Jobs;

/// <summary>
/// Hangfire's dashboard at /jobs/hangfire, in Chromium against the admin site and a running Learn.Jobs: the site's own
/// sign-in, super administrators only, read-only, in Chinese, and no storage connection string on the page.
/// </summary>
// One Learn.Jobs beside the site at a time: two of them with two Chromium contexts starve the shared cores.
[Collection("Learn.Jobs beside the site")]
public class DashboardTests(AdminWithJobs browser) : IClassFixture<AdminWithJobs>
{
    [Fact]
    public async Task Only_a_signed_in_super_admin_sees_the_read_only_chinese_dashboard_without_the_connection_string()
    {
        var w = await AdminWorld.ArrangeAsync(browser.Site);

        var anonymous = await browser.NewPageAsync();
        await anonymous.GotoAsync("/jobs/hangfire");
        anonymous.Url.ShouldContain("/Account/SignIn", Case.Insensitive, "no second login: the site's own sign-in page");

        var admin = await browser.NewPageAsync();
        await admin.SignInAsync(w.Admin1);
        var refused = await admin.GotoAsync("/jobs/hangfire/recurring");
        refused!.Status.ShouldBe(403);
        (await admin.APIRequest.GetAsync("/jobs/hangfire/stats")).Status.ShouldBe(403);

        var super = await browser.NewPageAsync();
        await super.SignInAsync(w.Super);
        var shown = await super.GotoAsync("/jobs/hangfire/recurring");
        shown!.Status.ShouldBe(200);
        await Assertions.Expect(super.Locator("h1")).ToContainTextAsync("定期作业");
        await Assertions.Expect(super.Locator("body")).ToContainTextAsync("learn.political-birthdays");
        // Read-only: no trigger or delete buttons on the recurring jobs.
        (await super.Locator("button.js-jobs-list-command").CountAsync()).ShouldBe(0);
        var html = await super.ContentAsync();
        var connection = browser.Site.Services.GetRequiredService<IConfiguration>().GetConnectionString("Learn")!;
        var database = new Npgsql.NpgsqlConnectionStringBuilder(connection).Database!;
        html.ShouldNotContain(database, Case.Insensitive, "the storage connection string stays hidden");
        await super.ScreenshotAsync("hangfire-dashboard");
    }
}

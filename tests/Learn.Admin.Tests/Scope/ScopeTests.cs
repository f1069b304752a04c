using Learn.Admin.Tests.Support;
using Learn.Core.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Learn.Admin.Tests.Scope;

/// <summary>Scoped organisers meet the same rules as on the API: anything outside their subtree is a 404, even by URL.</summary>
public class ScopeTests(AdminBrowser browser) : IClassFixture<AdminBrowser>
{
    [Fact]
    public async Task A_branch_secretary_reaches_their_own_member_but_gets_404_for_other_subtrees_by_url_guessing()
    {
        var w = await AdminWorld.ArrangeAsync(browser.Site);
        var page = await browser.NewPageAsync();
        await page.SignInAsync(w.Secretary1);

        (await page.StatusOfAsync($"/Members/Details/{w.Member1.Id}")).ShouldBe(200);
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("张红梅");

        foreach (var url in new[]
        {
            $"/Members/Details/{w.Member2.Id}", $"/Members/Details/{w.Member3.Id}", $"/Members/Edit/{w.Member3.Id}",
            $"/Members?organizationId={w.Branch3.Id}", $"/Members/Export?handler=Download&organizationId={w.Branch2.Id}",
            $"/Organizations/Edit/{w.Branch3.Id}", "/Members/Details/999999999",
        })
        {
            (await page.StatusOfAsync(url)).ShouldBe(404, url);
            await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("页面不存在");
        }
        // Their own branch exists for them, but changing the tree is not a secretary's job.
        (await page.StatusOfAsync($"/Organizations/Edit/{w.Branch1.Id}")).ShouldBe(403);
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("没有权限");

        await page.GotoAsync("/Members?status=all");
        await Assertions.Expect(page.Locator("#members tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#members")).Not.ToContainTextAsync("李建国");
    }

    [Fact]
    public async Task A_secretary_posting_a_status_change_for_another_branchs_member_gets_404_and_nothing_changes()
    {
        var w = await AdminWorld.ArrangeAsync(browser.Site);
        var page = await browser.NewPageAsync();
        await page.SignInAsync(w.Secretary1);
        await page.GotoAsync($"/Members/Details/{w.Member1.Id}");

        // The secretary's own valid form (antiforgery token and all), pointed at a member outside the branch.
        var response = await page.RunAndWaitForResponseAsync(
            () => page.EvaluateAsync($"() => {{ const f = document.querySelector('form[action*=Status]'); f.action = '/Members/Details/{w.Member3.Id}?handler=Status'; f.submit(); }}"),
            r => r.Url.Contains($"/Members/Details/{w.Member3.Id}", StringComparison.Ordinal));

        response.Status.ShouldBe(404);
        var status = await browser.Site.WithDbAsync(db => db.Members.Where(m => m.Id == w.Member3.Id).Select(m => m.Status).SingleAsync());
        status.ShouldBe(MemberStatus.Active);
    }

    [Fact]
    public async Task A_unit_admin_sees_their_whole_subtree_and_not_the_sibling_one()
    {
        var w = await AdminWorld.ArrangeAsync(browser.Site);
        var page = await browser.NewPageAsync();
        await page.SignInAsync(w.Admin1);

        (await page.StatusOfAsync($"/Members/Details/{w.Member2.Id}")).ShouldBe(200);
        (await page.StatusOfAsync($"/Organizations/Edit/{w.Branch2.Id}")).ShouldBe(200);
        (await page.StatusOfAsync($"/Members/Details/{w.Member3.Id}")).ShouldBe(404);
        (await page.StatusOfAsync($"/Organizations/Edit/{w.General2.Id}")).ShouldBe(404);

        await page.GotoAsync("/Organizations");
        await Assertions.Expect(page.Locator("#org-tree")).ToContainTextAsync("第二党支部");
        await Assertions.Expect(page.Locator("#org-tree")).Not.ToContainTextAsync("第三党支部");
        await page.GotoAsync("/Invitations");
        var options = await page.Locator("#Input_OrganizationId option").AllInnerTextsAsync();
        options.ShouldNotContain(o => o.Contains("第三党支部", StringComparison.Ordinal));
        options.Count(o => o.Contains("党支部", StringComparison.Ordinal)).ShouldBe(2);
    }
}

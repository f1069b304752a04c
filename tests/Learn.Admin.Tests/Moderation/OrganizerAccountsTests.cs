using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Learn.Admin.Tests.Support;
using Learn.Core.Organizers;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Learn.Admin.Tests.Moderation;

/// <summary>
/// 组织者账号 in Chromium: an organisation admin creates a branch secretary inside their subtree (never above it, never
/// a role above their own), disables it — its site cookie and its /api/admin bearer token stop working on the next
/// request — re-enables it and resets its password; every change is in the audit log. Accounts outside the subtree are 404.
/// </summary>
public class OrganizerAccountsTests(AdminBrowser browser) : IClassFixture<AdminBrowser>
{
    private const string NewPassword = "Branch-Secr3tary";

    [Fact]
    public async Task An_organisation_admin_creates_a_branch_secretary_below_them_and_disabling_it_ends_its_sessions_at_once()
    {
        var w = await AdminWorld.ArrangeAsync(browser.Site);
        var admin = await browser.NewPageAsync();
        await admin.SignInAsync(w.Admin1);
        await admin.GotoAsync("/Organizers");
        var list = await admin.Locator("#organizers").InnerTextAsync();
        list.ShouldContain(w.Secretary1);
        list.ShouldNotContain(w.Super);

        // The form offers only the admin's own subtree and roles up to their own.
        await admin.GotoAsync("/Organizers/Create");
        var roles = await admin.Locator("#Input_Role option").AllInnerTextsAsync();
        roles.ShouldBe(["支部书记", "组织管理员"]);
        var orgs = string.Join("|", await admin.Locator("#Input_OrganizationId option").AllInnerTextsAsync());
        orgs.ShouldContain("第二党支部");
        orgs.ShouldNotContain("第三党支部");
        orgs.ShouldNotContain("机关党委");

        var user = "new" + Guid.NewGuid().ToString("N")[..6];
        await admin.GetByLabel("用户名").FillAsync(user);
        await admin.GetByLabel("姓名").FillAsync("新书记");
        await admin.Locator("#Input_Role").SelectOptionAsync("BranchSecretary");
        await admin.Locator("#Input_OrganizationId").SelectOptionAsync(w.Branch2.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await admin.GetByLabel("初始密码").FillAsync("short");
        await admin.ClickAndWaitForPageAsync(admin.GetByRole(AriaRole.Button, new() { Name = "创建" }));
        (await admin.ContentAsync()).ShouldContain("密码至少12位");

        // A forged organisation above the admin (an option added by hand) is refused the same way.
        await admin.EvaluateAsync($"() => {{ const s = document.querySelector('#Input_OrganizationId'); s.add(new Option('伪造', '{w.Committee.Id}')); s.value = '{w.Committee.Id}'; }}");
        await admin.GetByLabel("初始密码").FillAsync(NewPassword);
        await admin.ClickAndWaitForPageAsync(admin.GetByRole(AriaRole.Button, new() { Name = "创建" }));
        (await admin.ContentAsync()).ShouldContain("所属组织不存在或不在您的管理范围内");

        await admin.Locator("#Input_OrganizationId").SelectOptionAsync(w.Branch2.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await admin.GetByLabel("初始密码").FillAsync(NewPassword);
        await admin.ClickAndWaitForPageAsync(admin.GetByRole(AriaRole.Button, new() { Name = "创建" }));
        (await admin.Locator(".flash").InnerTextAsync()).ShouldContain($"已创建账号 {user}");

        // The new secretary is signed in on the site and holds an organiser API token.
        var secretary = await browser.NewPageAsync();
        await secretary.SignInAsync(user, NewPassword);
        (await secretary.Locator(".user-name").InnerTextAsync()).ShouldBe("新书记");
        using var api = new HttpClient { BaseAddress = browser.Site.Address };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(api, user, NewPassword));
        (await api.GetAsync("/api/admin/auth/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await admin.GotoAsync("/Organizers");
        await admin.ClickAndWaitForPageAsync(admin.Locator($"tr[data-user='{user}']").GetByRole(AriaRole.Button, new() { Name = "停用" }));
        (await admin.Locator(".flash").InnerTextAsync()).ShouldContain("已停用");
        (await admin.Locator($"tr[data-user='{user}']").InnerTextAsync()).ShouldContain("已停用");

        await secretary.GotoAsync("/Members");
        secretary.Url.ShouldContain("/Account/SignIn");
        (await api.GetAsync("/api/admin/auth/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await secretary.SignInAsync(user, NewPassword);
        (await secretary.ContentAsync()).ShouldContain("用户名或密码不正确");

        await admin.ClickAndWaitForPageAsync(admin.Locator($"tr[data-user='{user}']").GetByRole(AriaRole.Button, new() { Name = "启用" }));
        await secretary.SignInAsync(user, NewPassword);
        (await secretary.Locator(".user-name").InnerTextAsync()).ShouldBe("新书记");

        // A new password ends the sessions the old one opened.
        await admin.ClickAndWaitForPageAsync(admin.Locator($"tr[data-user='{user}']").GetByRole(AriaRole.Link, new() { Name = "重设密码" }));
        await admin.GetByLabel("新密码").FillAsync("Renewed-Passw0rd");
        await admin.ClickAndWaitForPageAsync(admin.GetByRole(AriaRole.Button, new() { Name = "重设密码" }));
        (await admin.Locator(".flash").InnerTextAsync()).ShouldContain($"已重设 {user} 的密码");
        await secretary.GotoAsync("/Members");
        secretary.Url.ShouldContain("/Account/SignIn");
        await secretary.SignInAsync(user, NewPassword, open: false);
        (await secretary.ContentAsync()).ShouldContain("用户名或密码不正确");
        await secretary.SignInAsync(user, "Renewed-Passw0rd");
        (await secretary.Locator(".user-name").InnerTextAsync()).ShouldBe("新书记");

        var adminName = "管理员" + w.Admin1[3..];
        var actions = await browser.Site.WithDbAsync(async db =>
        {
            var id = (await db.OrganizerAccounts.SingleAsync(a => a.UserName == user)).Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return await db.AuditLog.Where(a => a.EntityType == nameof(OrganizerAccount) && a.EntityId == id && a.ActorName == adminName)
                .OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
        });
        actions.ShouldBe(["organizer.create", "organizer.disable", "organizer.enable", "organizer.reset-password"]);
        await admin.GotoAsync("/Audit");
        (await admin.Locator("#audit").InnerTextAsync()).ShouldContain("停用管理员账号");
    }

    [Fact]
    public async Task Accounts_outside_the_subtree_are_not_found_and_a_branch_secretary_manages_none()
    {
        var w = await AdminWorld.ArrangeAsync(browser.Site);
        var other = "far" + Guid.NewGuid().ToString("N")[..6];
        var (otherId, superId) = await browser.Site.WithDbAsync(async db =>
        {
            var far = await db.AddOrganizerAsync(other, OrganizerRole.BranchSecretary, w.Branch3);
            return (far.Id, await db.OrganizerAccounts.Where(a => a.UserName == w.Super).Select(a => a.Id).SingleAsync());
        });
        var admin = await browser.NewPageAsync();
        await admin.SignInAsync(w.Admin1);
        (await admin.StatusOfAsync($"/Organizers/Password/{otherId}")).ShouldBe(404);
        (await admin.StatusOfAsync($"/Organizers/Password/{superId}")).ShouldBe(404);

        // The page's own disable form, pointed at an account in another subtree.
        await admin.GotoAsync("/Organizers");
        var form = admin.Locator($"tr[data-user='{w.Secretary1}'] form");
        await form.EvaluateAsync($"f => f.action = f.action.replace(/id=\\d+/, 'id={otherId}')");
        var response = await admin.RunAndWaitForResponseAsync(() => form.GetByRole(AriaRole.Button).ClickAsync(), r => r.Request.IsNavigationRequest);
        response.Status.ShouldBe(404);

        using var api = new HttpClient { BaseAddress = browser.Site.Address };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(api, w.Admin1, AdminWorld.Password));
        var refused = await api.PostAsync($"/api/admin/organizers/{otherId}/disable", null);
        refused.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString().ShouldBe("urn:learn:problem:not-found");
        (await api.PostAsJsonAsync($"/api/admin/organizers/{superId}/reset-password", new { password = "Taken-0ver-Now" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await browser.Site.WithDbAsync(db => db.OrganizerAccounts.Where(a => a.Id == otherId || a.Id == superId).AllAsync(a => a.IsActive))).ShouldBeTrue();

        var secretary = await browser.NewPageAsync();
        await secretary.SignInAsync(w.Secretary1);
        (await secretary.StatusOfAsync("/Organizers")).ShouldBe(403);
        (await secretary.StatusOfAsync("/Organizers/Create")).ShouldBe(403);
        (await secretary.Locator("nav.sidebar").InnerTextAsync()).ShouldNotContain("组织者账号");
        using var secretaryApi = new HttpClient { BaseAddress = browser.Site.Address };
        secretaryApi.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(secretaryApi, w.Secretary1, AdminWorld.Password));
        (await secretaryApi.GetAsync("/api/admin/organizers")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private static async Task<string> TokenAsync(HttpClient api, string userName, string password)
    {
        var response = await api.PostAsJsonAsync("/api/admin/auth/sign-in", new { userName, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }
}

using System.Text;
using Learn.Admin.Tests.Support;
using Learn.Core.Members;
using Learn.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Learn.Admin.Tests.Members;

public class RosterImportTests(AdminBrowser browser) : IClassFixture<AdminBrowser>
{
    private const string Header = "姓名,性别,手机号,所在组织,入党日期,转正日期,党内职务,是否领导干部";

    [Fact]
    public async Task A_bad_file_shows_the_dry_run_report_and_imports_nothing_then_a_good_file_is_imported_on_confirm()
    {
        var world = await AdminWorld.ArrangeAsync(browser.Site);
        var general = $"{world.Committee.Name}/第一党总支";
        var outside = $"{world.Committee.Name}/第二党总支/第三党支部";
        var page = await browser.NewPageAsync();
        await page.SignInAsync(world.Admin1);

        await page.GotoAsync("/Members/Import");
        await page.Locator("#upload").SetInputFilesAsync(Csv("有错误的名册.csv",
            $"赵磊,男,13900138001,{general}/第一党支部,2025-13-01,,,否",
            $"钱敏,女,,{outside},2010-01-01,2011-01-01,,否",
            $"孙强,男,13900138003,{general}/第二党支部,2001-07-01,2002-07-01,组织委员,否",
            $"周丽,女,13900138003,{general}/第二党支部,2002-07-01,2003-07-01,,否"));
        await page.Locator("#check-import").ClickAsync();

        var report = page.Locator("#import-errors tbody tr");
        await Assertions.Expect(page.Locator("#error-count")).ToHaveTextAsync("3");
        await Assertions.Expect(report).ToHaveCountAsync(3);
        await Assertions.Expect(report.Nth(0)).ToContainTextAsync("2入党日期");
        await Assertions.Expect(report.Nth(1)).ToContainTextAsync("3所在组织");
        await Assertions.Expect(report.Nth(1)).ToContainTextAsync("不在您的管理范围内");
        await Assertions.Expect(report.Nth(2)).ToContainTextAsync("5手机号");
        await Assertions.Expect(report.Nth(2)).ToContainTextAsync("与第4行的手机号重复");
        await Assertions.Expect(page.Locator("#confirm-import")).ToHaveCountAsync(0);
        await page.ScreenshotAsync("import-report");

        await page.Locator("#upload").SetInputFilesAsync(Csv("党员名册.csv",
            $"赵磊,男,13900138001,{general}/第一党支部,2015-03-01,2016-03-01,,否",
            $"孙强,男,13900138003,{general}/第二党支部,2001-07-01,2002-07-01,组织委员,是"));
        await page.Locator("#check-import").ClickAsync();
        await Assertions.Expect(page.Locator("#import-report")).ToContainTextAsync("全部通过检查");
        (await Count(world, "赵磊")).ShouldBe(0); // the check alone writes nothing

        await page.Locator("#confirm-import").ClickAsync();

        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("已导入 2 名党员");
        await Assertions.Expect(page.Locator("#members")).ToContainTextAsync("赵磊");
        await Assertions.Expect(page.Locator("#members")).ToContainTextAsync("139****8003");
        (await Count(world, "赵磊")).ShouldBe(1);
        (await Count(world, "孙强")).ShouldBe(1);
        await page.ScreenshotAsync("members");

        await page.GotoAsync("/Audit?action=member.import");
        await Assertions.Expect(page.Locator("#audit tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#audit")).ToContainTextAsync("党员名册.csv");
    }

    [Fact]
    public async Task A_confirm_with_a_token_from_someone_else_imports_nothing()
    {
        var world = await AdminWorld.ArrangeAsync(browser.Site);
        var page = await browser.NewPageAsync();
        await page.SignInAsync(world.Admin1);
        await page.GotoAsync("/Members/Import");
        await page.Locator("#upload").SetInputFilesAsync(Csv("a.csv", $"吴刚,男,,{world.Committee.Name}/第一党总支/第一党支部,2015-03-01,,,否"));
        await page.Locator("#check-import").ClickAsync();
        var token = await page.Locator("input[name=token]").InputValueAsync();

        var other = await browser.NewPageAsync();
        await other.SignInAsync(world.Super);
        await other.GotoAsync("/Members/Import");
        // Replay the first organiser's token inside the super admin's own (valid) form.
        await other.EvaluateAsync("t => { const f = document.querySelector('form[enctype]'); f.action = '?handler=Confirm'; f.enctype = 'application/x-www-form-urlencoded'; const i = document.createElement('input'); i.name = 'token'; i.value = t; f.appendChild(i); f.submit(); }", token);
        await other.WaitForLoadStateAsync();

        await Assertions.Expect(other.Locator(".validation-summary-errors")).ToContainTextAsync("已过期");
        (await Count(world, "吴刚")).ShouldBe(0);
    }

    [Fact]
    public async Task Confirming_the_same_check_four_times_at_once_imports_once()
    {
        var world = await AdminWorld.ArrangeAsync(browser.Site);
        var page = await browser.NewPageAsync();
        await page.SignInAsync(world.Admin1);
        await page.GotoAsync("/Members/Import");
        await page.Locator("#upload").SetInputFilesAsync(Csv("双击.csv", $"郑双,男,13900138011,{world.Committee.Name}/第一党总支/第一党支部,2015-03-01,2016-03-01,,否"));
        await page.Locator("#check-import").ClickAsync();
        var form = page.Locator("form[action*=Confirm]");
        var token = await form.Locator("input[name=token]").InputValueAsync();
        var antiforgery = await form.Locator("input[name=__RequestVerificationToken]").InputValueAsync();

        // A double click and two more tabs: the same confirm, in parallel, with the organiser's cookie.
        var api = page.Context.APIRequest;
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => api.PostAsync("/Members/Import?handler=Confirm", new()
        {
            Form = api.CreateFormData().Set("__RequestVerificationToken", antiforgery).Set("token", token),
            MaxRedirects = 0,
        })));

        answers.Count(a => a.Status == 302).ShouldBe(1);
        answers.Count(a => a.Status == 200).ShouldBe(3); // the page again, saying it was already imported
        (await Count(world, "郑双")).ShouldBe(1);
        (await browser.Site.WithDbAsync(db => db.AuditLog.CountAsync(a => a.Action == "member.import" && a.After!.Contains("双击.csv")))).ShouldBe(1);
    }

    [Fact]
    public async Task A_roster_exported_edited_and_imported_again_says_per_row_which_members_are_new_and_which_are_updated()
    {
        var world = await AdminWorld.ArrangeAsync(browser.Site);
        var mobile = await GiveMobileAsync(world.Member1);
        var page = await browser.NewPageAsync();
        await page.SignInAsync(world.Admin1);

        await page.GotoAsync("/Members/Export");
        await Assertions.Expect(page.Locator("#full-mobiles")).ToHaveCountAsync(0); // an organisation admin gets masked numbers only
        await page.Locator("#Format").SelectOptionAsync("csv");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#download").ClickAsync());
        var exported = (await File.ReadAllTextAsync(await download.PathAsync())).TrimStart('\uFEFF');
        exported.ShouldContain($"{world.Member1.Id},张红梅,,{mobile[..3]}****{mobile[^4..]},");
        exported.ShouldNotContain(mobile);

        // In Excel: 张红梅 becomes 组织委员, 李建国 stays, and a new member is added at the bottom without a number.
        var lines = exported.Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.StartsWith($"{world.Member1.Id},", StringComparison.Ordinal) ? l.Replace(",,否", ",组织委员,否", StringComparison.Ordinal) : l)
            .Append($",冯新,男,,{world.Committee.Name}/第一党总支/第二党支部,2020-07-01,,,否");
        await page.GotoAsync("/Members/Import");
        await page.Locator("#upload").SetInputFilesAsync(new FilePayload
        {
            Name = "修改后的名册.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"),
        });
        await page.Locator("#check-import").ClickAsync();

        await Assertions.Expect(page.Locator("#created-count")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("#updated-count")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("#unchanged-count")).ToHaveTextAsync("1");
        var rows = page.Locator("#import-rows tbody tr");
        await Assertions.Expect(rows.Filter(new() { HasText = "张红梅" })).ToContainTextAsync("更新");
        await Assertions.Expect(rows.Filter(new() { HasText = "李建国" })).ToContainTextAsync("无变化");
        await Assertions.Expect(rows.Filter(new() { HasText = "冯新" })).ToContainTextAsync("新建");
        (await browser.Site.WithDbAsync(db => db.Members.SingleAsync(m => m.Id == world.Member1.Id))).Post.ShouldBeNull("the check writes nothing");
        await page.ScreenshotAsync("import-reimport-report");

        await page.Locator("#confirm-import").ClickAsync();

        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("新建 1 名，更新 1 名");
        var member1 = await browser.Site.WithDbAsync(db => db.Members.SingleAsync(m => m.Id == world.Member1.Id));
        (member1.Post, member1.MobileMasked).ShouldBe(("组织委员", mobile[..3] + "****" + mobile[^4..]));
        (await Count(world, "张红梅")).ShouldBe(1);
        (await Count(world, "冯新")).ShouldBe(1);
        await page.GotoAsync("/Audit?action=member.import");
        await Assertions.Expect(page.Locator("#audit")).ToContainTextAsync("\"updated\":1");
    }

    [Fact]
    public async Task Only_a_super_admin_exports_full_mobiles_by_ticking_the_box_and_the_audit_log_shows_it()
    {
        var world = await AdminWorld.ArrangeAsync(browser.Site);
        var mobile = await GiveMobileAsync(world.Member1);
        var admin = await browser.NewPageAsync();
        await admin.SignInAsync(world.Admin1);
        (await admin.StatusOfAsync($"/Members/Export?handler=Download&Format=csv&FullMobiles=true")).ShouldBe(403);

        var super = await browser.NewPageAsync();
        await super.SignInAsync(world.Super);
        await super.GotoAsync("/Members/Export");
        await super.Locator("#OrganizationId").SelectOptionAsync(world.Branch1.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await super.Locator("#Format").SelectOptionAsync("csv");
        var masked = await super.RunAndWaitForDownloadAsync(() => super.Locator("#download").ClickAsync());
        (await File.ReadAllTextAsync(await masked.PathAsync())).ShouldNotContain(mobile, Case.Sensitive, "unticked: masked");

        await super.Locator("#full-mobiles").CheckAsync();
        var full = await super.RunAndWaitForDownloadAsync(() => super.Locator("#download").ClickAsync());
        (await File.ReadAllTextAsync(await full.PathAsync())).ShouldContain($"{world.Member1.Id},张红梅,,{mobile},");

        await super.GotoAsync("/Audit?action=member.export.mobiles");
        var entries = super.Locator("#audit tbody tr").Filter(new() { HasText = "超管" + world.Super[3..] });
        await Assertions.Expect(entries).ToHaveCountAsync(1);
        await Assertions.Expect(entries).ToContainTextAsync("名册导出（完整手机号）");
        await super.ScreenshotAsync("audit-full-mobiles-export");
    }

    /// <summary>A mobile as the member page stores it: encrypted, with its lookup hash and mask.</summary>
    private async Task<string> GiveMobileAsync(Member member)
    {
        var mobile = "138" + Random.Shared.Next(10_000_000, 99_999_999);
        var protector = browser.Site.Services.GetRequiredService<PersonalDataProtector>();
        await browser.Site.WithDbAsync(db => db.Members.Where(m => m.Id == member.Id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.MobileCipher, protector.Encrypt(mobile)).SetProperty(m => m.MobileHash, protector.LookupHash(mobile))
            .SetProperty(m => m.MobileMasked, Mobile.Mask(mobile))));
        return mobile;
    }

    private static FilePayload Csv(string name, params string[] rows) => new()
    {
        Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(Header + "\n" + string.Join("\n", rows) + "\n"),
    };

    private Task<int> Count(AdminWorld world, string name) =>
        browser.Site.WithDbAsync(db => db.Members.CountAsync(m => m.Name == name && m.Organization!.Path.StartsWith(world.Committee.Path)));
}

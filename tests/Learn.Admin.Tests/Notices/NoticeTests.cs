using Learn.Admin.Tests.Notifications;
using Learn.Admin.Tests.Support;
using Learn.Core.Identity;
using Learn.Core.Notices;
using Learn.Core.Notifications;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Learn.Admin.Tests.Notices;

/// <summary>
/// 写通知 in Chromium, with Learn.Jobs beside the site sending through the outbox to the fake WeChat: the preview is
/// the message, the report counts the outbox rows as they settle, and scope, validation and the daily ration hold.
/// </summary>
public class NoticeTests(AdminWithJobs browser) : IClassFixture<AdminWithJobs>
{
    [Fact]
    public async Task An_organisation_admin_previews_a_notice_to_chosen_branches_sends_it_and_follows_the_delivery_report()
    {
        var w = await AdminWorld.ArrangeAsync(browser.Site);
        var (subscribed, noConsent) = await browser.Site.WithDbAsync(async db =>
        {
            // 第一党支部: 张红梅 follows the Official Account; one member subscribed in the Mini Program; one bound there without a
            // subscription and not following. 第二党支部: 李建国 has no WeChat. 第三党支部 (王志强) is not chosen.
            await CampaignReportTests.Bind(db, w.Member1, WeChatAppKind.OfficialAccount);
            var sub = await db.AddMemberAsync(w.Branch1, "订阅党员");
            await CampaignReportTests.Bind(db, sub, WeChatAppKind.MiniProgram);
            await ConsentLedger.RecordAcceptedAsync(db, sub.Id, [WeChatTemplates.NoticeMini], DateTime.UtcNow, CancellationToken.None);
            var none = await db.AddMemberAsync(w.Branch1, "未订阅党员");
            await CampaignReportTests.Bind(db, none, WeChatAppKind.MiniProgram);
            return (sub, none);
        });

        var page = await browser.NewPageAsync();
        await page.SignInAsync(w.Admin1);
        await page.GotoAsync("/Notices");
        await Assertions.Expect(page.Locator("#no-notices")).ToBeVisibleAsync();
        await page.ClickAndWaitForPageAsync(page.Locator("#new-notice"));
        await page.GetByLabel("通知标题").FillAsync("主题党日活动通知");
        await page.GetByLabel("通知内容").FillAsync("本周五下午三点在党员活动室");
        await page.GetByLabel("小程序订阅消息").CheckAsync();
        await page.GetByLabel("选定的组织（含下级）").CheckAsync();
        await Branch(page, "第一党支部").CheckAsync();
        await Branch(page, "第二党支部").CheckAsync();
        await page.ClickAndWaitForPageAsync(page.Locator("#preview-notice"));

        // The member's view in both channels, under the deployment's field keys, and who it can reach.
        await Assertions.Expect(page.Locator("#preview-official [data-key=keyword1]")).ToHaveTextAsync("主题党日活动通知");
        await Assertions.Expect(page.Locator("#preview-official [data-key=keyword3]")).ToHaveTextAsync("第一党总支");
        await Assertions.Expect(page.Locator("#preview-official [data-key=keyword4]")).ToHaveTextAsync(MessageText.Date(Learn.Core.Shanghai.Today(browser.Site.Clock)));
        await Assertions.Expect(page.Locator("#preview-mini [data-key=thing2]")).ToHaveTextAsync("本周五下午三点在党员活动室");
        await Assertions.Expect(page.Locator("#audience-name")).ToHaveTextAsync("第一党支部、第二党支部");
        await Assertions.Expect(page.Locator("#reach tr", new() { HasText = "小程序订阅消息" })).ToContainTextAsync("1");
        await Assertions.Expect(page.Locator("#reach tr", new() { HasText = "公众号模板消息" })).ToContainTextAsync("1");
        await Assertions.Expect(page.Locator("#reach tr", new() { HasText = "无法送达" })).ToContainTextAsync("2");
        await Assertions.Expect(page.Locator("#reach tr", new() { HasText = "合计" })).ToContainTextAsync("4");
        await page.ScreenshotAsync("notice-preview");
        (await browser.Site.WithDbAsync(db => db.Set<Notice>().CountAsync(n => n.Title == "主题党日活动通知"))).ShouldBe(0, "a preview sends nothing");

        await page.ClickAndWaitForPageAsync(page.Locator("#send-notice"));
        page.Url.ShouldContain("/Notices/Details/");
        // The page refreshes itself until the outbox has settled: the subscriber by subscribe message, 张红梅 by template
        // message, one without a subscription and not following, one without WeChat.
        await Assertions.Expect(page.Locator("#sent")).ToHaveTextAsync("2", new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#queued")).ToHaveTextAsync("0", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#no-consent")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("#failed")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("#failures tr", new() { HasText = "未绑定微信" })).ToContainTextAsync("1");
        await Assertions.Expect(page.Locator("#progress")).ToHaveTextAsync("发送已结束。");
        await page.ScreenshotAsync("notice-delivery-report");

        var notice = await browser.Site.WithDbAsync(db => db.Set<Notice>().SingleAsync(n => n.Title == "主题党日活动通知"));
        var rows = await browser.Site.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.CampaignId == notice.CampaignId).ToListAsync());
        rows.Select(r => r.MemberId).ShouldBe([w.Member1.Id, w.Member2.Id, subscribed.Id, noConsent.Id], ignoreOrder: true);
        rows.Single(r => r.MemberId == subscribed.Id).SentVia.ShouldBe(NotificationChannel.MiniProgramSubscribe);
        rows.Single(r => r.MemberId == w.Member1.Id).SentVia.ShouldBe(NotificationChannel.OfficialAccountTemplate);
        var audit = await browser.Site.WithDbAsync(db => db.AuditLog.SingleAsync(a => a.Action == "notice.send" && a.EntityId == notice.Id.ToString()));
        audit.ActorName.ShouldStartWith("管理员");
        audit.OrganizationPath.ShouldBe(w.General1.Path);

        await page.GotoAsync("/Notices");
        await Assertions.Expect(page.Locator("#notices tr", new() { HasText = "主题党日活动通知" })).ToContainTextAsync("2 / 4");

        // The branch secretary below did not write it: not in their list, and its report is not theirs to open.
        var secretary = await browser.NewPageAsync();
        await secretary.SignInAsync(w.Secretary1);
        await secretary.GotoAsync("/Notices");
        await Assertions.Expect(secretary.Locator("#no-notices")).ToBeVisibleAsync();
        (await secretary.StatusOfAsync($"/Notices/Details/{notice.Id}")).ShouldBe(404);
    }

    [Fact]
    public async Task Mistakes_are_explained_in_Chinese_branches_outside_the_subtree_are_refused_and_the_daily_ration_holds()
    {
        var w = await AdminWorld.ArrangeAsync(browser.Site);
        var page = await browser.NewPageAsync();
        await page.SignInAsync(w.Secretary1);
        await page.GotoAsync("/Notices/New");
        await page.GetByLabel("通知内容").FillAsync(new string('长', 21));
        await page.GetByLabel("选定的组织（含下级）").CheckAsync();
        await page.ClickAndWaitForPageAsync(page.Locator("#send-notice"));
        var errors = page.Locator("#notice-form .errors");
        await Assertions.Expect(errors).ToContainTextAsync("请填写通知标题。");
        await Assertions.Expect(errors).ToContainTextAsync("通知内容有 21 个字，微信消息每项最多 20 个字。");
        await Assertions.Expect(errors).ToContainTextAsync("请至少选择一个支部");

        // Only the secretary's own subtree is offered; a forged id of another branch is refused like a missing one.
        await Assertions.Expect(page.Locator("#branches")).Not.ToContainTextAsync("第三党支部");
        await page.GetByLabel("通知标题").FillAsync("越权通知");
        await page.GetByLabel("通知内容").FillAsync("不应发出");
        await Branch(page, "第一党支部").CheckAsync();
        await Branch(page, "第一党支部").EvaluateAsync("(e, id) => e.value = id", w.Branch3.Id.ToString());
        var forged = await page.RunAndWaitForResponseAsync(() => page.Locator("#send-notice").ClickAsync(), r => r.Request.Method == "POST");
        forged.Status.ShouldBe(404);
        (await browser.Site.WithDbAsync(db => db.Set<Notice>().CountAsync(n => n.Title == "越权通知"))).ShouldBe(0);

        // Five a day per organiser (Notices:PerOrganizerPerDay): the sixth is refused and nothing is written.
        for (var i = 1; i <= 6; i++)
        {
            await page.GotoAsync("/Notices/New");
            await page.GetByLabel("通知标题").FillAsync($"支部通知{i}");
            await page.GetByLabel("通知内容").FillAsync("请按时参加组织生活");
            await page.ClickAndWaitForPageAsync(page.Locator("#send-notice"));
        }
        await Assertions.Expect(page.Locator("#notice-form .errors")).ToContainTextAsync("您今天已发送 5 条通知，每人每天最多 5 条，请明天再发。");
        var mine = await browser.Site.WithDbAsync(db => db.Set<Notice>().Where(n => n.OrganizationId == w.Branch1.Id).Select(n => n.Title).ToListAsync());
        mine.Count.ShouldBe(5);
        mine.ShouldNotContain("支部通知6");
        (await browser.Site.WithDbAsync(db => db.AuditLog.CountAsync(a => a.Action == "notice.send" && a.OrganizationPath == w.Branch1.Path))).ShouldBe(5);

        // Tomorrow in Shanghai the ration starts again.
        browser.Site.Clock.Advance(TimeSpan.FromDays(1));
        await page.SignInAsync(w.Secretary1); // a day later the sign-in has lapsed too
        await page.GotoAsync("/Notices/New");
        await page.GetByLabel("通知标题").FillAsync("次日通知");
        await page.GetByLabel("通知内容").FillAsync("请按时参加组织生活");
        await page.ClickAndWaitForPageAsync(page.Locator("#send-notice"));
        page.Url.ShouldContain("/Notices/Details/");
    }

    [Fact]
    public async Task Past_notices_are_listed_newest_first_twenty_a_page()
    {
        var w = await AdminWorld.ArrangeAsync(browser.Site);
        await browser.Site.WithDbAsync(async db =>
        {
            var author = await db.OrganizerAccounts.SingleAsync(a => a.UserName == w.Admin1);
            for (var i = 1; i <= 21; i++)
            {
                var at = browser.Site.Clock.GetUtcNow().UtcDateTime.AddDays(-30).AddHours(i);
                var campaign = await Outbox.CreateStreamedAsync(db, new CampaignSpec("notice:" + Guid.NewGuid().ToString("N"), $"往期通知{i:00}", NoticeMessage.Template,
                    NotificationChannel.OfficialAccountTemplate), NoticeAudience.SourceName, new NoticeAudience(false, [w.General1.Id]).ToJson(),
                    new Dictionary<string, string>(), at, CancellationToken.None);
                db.Add(new Notice
                {
                    AuthorId = author.Id, AuthorName = author.DisplayName, OrganizationId = w.General1.Id, Title = $"往期通知{i:00}", Content = "内容",
                    Channel = NotificationChannel.OfficialAccountTemplate, Recipients = "第一党总支全体党员", CampaignId = campaign!.Id, CreatedAt = at,
                });
            }
            await db.SaveChangesAsync();
            return 0;
        });

        var page = await browser.NewPageAsync();
        await page.SignInAsync(w.Admin1);
        await page.GotoAsync("/Notices");
        await Assertions.Expect(page.Locator("#notices tbody tr")).ToHaveCountAsync(20);
        await Assertions.Expect(page.Locator("#notices tbody tr").First).ToContainTextAsync("往期通知21");
        await Assertions.Expect(page.Locator("nav.pager")).ToContainTextAsync("第 1 / 2 页");
        await page.ClickAndWaitForPageAsync(page.GetByRole(AriaRole.Link, new() { Name = "下一页" }));
        await Assertions.Expect(page.Locator("#notices tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#notices")).ToContainTextAsync("往期通知01");
    }

    private static ILocator Branch(IPage page, string name) =>
        page.Locator("#branches label", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^\\s*" + name + "$") }).Locator("input");
}

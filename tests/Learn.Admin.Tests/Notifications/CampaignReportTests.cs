using Learn.Admin.Tests.Support;
using Learn.Core.Data;
using Learn.Core.Identity;
using Learn.Core.Members;
using Learn.Core.Notifications;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Learn.Admin.Tests.Notifications;

/// <summary>Campaigns and their delivery reports, with numbers that are the outbox rows; scoped organisers see only their subtree's.</summary>
public class CampaignReportTests(AdminBrowser browser) : IClassFixture<AdminBrowser>
{
    [Fact]
    public async Task A_super_admin_sees_the_delivery_report_and_reach_counted_from_the_outbox()
    {
        var w = await AdminWorld.ArrangeAsync(browser.Site);
        var campaignId = await browser.Site.WithDbAsync(async db =>
        {
            var members = new List<Member>();
            for (var i = 0; i < 8; i++) members.Add(await db.AddMemberAsync(w.Branch1, $"收件人{i}"));
            await Bind(db, members[0], WeChatAppKind.MiniProgram);
            await ConsentLedger.RecordAcceptedAsync(db, members[0].Id, [WeChatTemplates.BirthdayMini], DateTime.UtcNow, CancellationToken.None);
            await Bind(db, members[1], WeChatAppKind.OfficialAccount);
            var spec = new CampaignSpec("test-birthday:" + Guid.NewGuid().ToString("N"), "政治生日祝福（测试）", "PoliticalBirthday", NotificationChannel.MiniProgramSubscribe);
            var campaign = await Outbox.CreateExplicitAsync(db, spec,
                members.Select(m => new Recipient(m.Id, new Dictionary<string, string> { ["name"] = m.Name })).ToList(), DateTime.UtcNow, CancellationToken.None);
            var rows = await db.Set<OutboxMessage>().Where(m => m.CampaignId == campaign!.Id).OrderBy(m => m.Id).ToListAsync();
            // 3 queued (pending, claimed, sending), 2 sent (one fell back to the Official Account), 3 failed for two reasons.
            Set(rows[1], OutboxState.Claimed);
            Set(rows[2], OutboxState.Sending, NotificationChannel.MiniProgramSubscribe);
            Set(rows[3], OutboxState.Sent, NotificationChannel.MiniProgramSubscribe);
            Set(rows[4], OutboxState.Sent, NotificationChannel.OfficialAccountTemplate);
            Set(rows[5], OutboxState.Unreachable, reason: DeliveryReasons.NoWeChat);
            Set(rows[6], OutboxState.Unreachable, reason: DeliveryReasons.NoWeChat);
            Set(rows[7], OutboxState.Failed, NotificationChannel.MiniProgramSubscribe, DeliveryReasons.InDoubt);
            await db.SaveChangesAsync();
            return campaign!.Id;
        });

        var page = await browser.NewPageAsync();
        await page.SignInAsync(w.Super);
        await page.GotoAsync("/Notifications");
        await page.ScreenshotAsync("notification-campaigns");
        await page.ClickAndWaitForPageAsync(page.GetByRole(AriaRole.Link, new() { Name = "政治生日祝福（测试）" }));
        page.Url.ShouldEndWith($"/Notifications/Details/{campaignId}");

        await Assertions.Expect(page.Locator("#queued")).ToHaveTextAsync("3");
        await Assertions.Expect(page.Locator("#sent")).ToHaveTextAsync("2");
        await Assertions.Expect(page.Locator("#fallback")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("#failed")).ToHaveTextAsync("3");
        await Assertions.Expect(page.Locator("#failures tr", new() { HasText = "未绑定微信" })).ToContainTextAsync("2");
        await Assertions.Expect(page.Locator("#failures tr", new() { HasText = "发送结果未知" })).ToContainTextAsync("1");
        // One member with a consent left, one following the Official Account, six reachable by neither.
        await Assertions.Expect(page.Locator("#reach tr", new() { HasText = "小程序订阅消息" })).ToContainTextAsync("1");
        await Assertions.Expect(page.Locator("#reach tr", new() { HasText = "公众号模板消息" })).ToContainTextAsync("1");
        await Assertions.Expect(page.Locator("#reach tr", new() { HasText = "无法送达" })).ToContainTextAsync("6");
        await Assertions.Expect(page.Locator("#reach tr", new() { HasText = "合计" })).ToContainTextAsync("8");
        await page.ScreenshotAsync("notification-delivery-report");
    }

    [Fact]
    public async Task A_branch_secretary_sees_their_branchs_share_of_campaigns_and_gets_404_for_others_and_403_for_jobs()
    {
        var w = await AdminWorld.ArrangeAsync(browser.Site);
        var shared = await browser.Site.WithDbAsync(async db =>
        {
            // A day's greetings to a member of their branch and one of another: the secretary sees their one.
            var spec = new CampaignSpec("test-shared:" + Guid.NewGuid().ToString("N"), "两个支部的祝福", "PoliticalBirthday", NotificationChannel.MiniProgramSubscribe);
            var campaign = await Outbox.CreateExplicitAsync(db, spec, [new Recipient(w.Member1.Id, new Dictionary<string, string>()), new Recipient(w.Member3.Id, new Dictionary<string, string>())],
                DateTime.UtcNow, CancellationToken.None);
            await db.Set<OutboxMessage>().Where(m => m.CampaignId == campaign!.Id && m.MemberId == w.Member3.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.State, OutboxState.Sent));
            return campaign!.Id;
        });
        var (own, other, everyone) = await browser.Site.WithDbAsync(async db =>
        {
            var data = new Dictionary<string, string> { ["title"] = "通知" };
            async Task<long> Campaign(string title, string? scopePath) => (await Outbox.CreateForAudienceAsync(db,
                new CampaignSpec("test:" + Guid.NewGuid().ToString("N"), title, "HolidayNotice", NotificationChannel.OfficialAccountTemplate),
                CampaignAudience.Everyone, scopePath, data, DateTime.UtcNow, CancellationToken.None))!.Id;
            return (await Campaign("第一党支部的通知", w.Branch1.Path), await Campaign("第三党支部的通知", w.Branch3.Path), await Campaign("全体党员的通知", null));
        });

        var page = await browser.NewPageAsync();
        await page.SignInAsync(w.Secretary1);
        await page.GotoAsync("/Notifications");
        await Assertions.Expect(page.Locator("#campaigns")).ToContainTextAsync("第一党支部的通知");
        await Assertions.Expect(page.Locator("#campaigns")).Not.ToContainTextAsync("第三党支部的通知");
        await Assertions.Expect(page.Locator("#campaigns")).Not.ToContainTextAsync("全体党员的通知");
        await Assertions.Expect(page.Locator("#campaigns tr", new() { HasText = "两个支部的祝福" }).Locator("td").Nth(4)).ToHaveTextAsync("1");
        (await page.StatusOfAsync($"/Notifications/Details/{shared}")).ShouldBe(200);
        await Assertions.Expect(page.Locator("#partial")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#queued")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("#sent")).ToHaveTextAsync("0"); // the other branch's sent row is not theirs
        (await page.StatusOfAsync($"/Notifications/Details/{own}")).ShouldBe(200);
        (await page.StatusOfAsync($"/Notifications/Details/{other}")).ShouldBe(404);
        (await page.StatusOfAsync($"/Notifications/Details/{everyone}")).ShouldBe(404);

        (await page.StatusOfAsync("/Jobs")).ShouldBe(403);
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("没有权限");
        await Assertions.Expect(page.Locator("nav.sidebar")).Not.ToContainTextAsync("任务");
    }

    private static void Set(OutboxMessage row, OutboxState state, NotificationChannel? via = null, string? reason = null)
    {
        row.State = state;
        row.SentVia = via;
        row.FinalReason = reason;
    }

    /// <summary>Binds the member in one app (following the Official Account when that is the app).</summary>
    internal static async Task Bind(LearnDbContext db, Member member, WeChatAppKind kind)
    {
        db.WeChatIdentities.Add(new WeChatIdentity
        {
            AppKind = kind, AppId = kind == WeChatAppKind.MiniProgram ? "wx1111111111111111" : "wx2222222222222222",
            OpenId = $"{kind}-{member.Id}", MemberId = member.Id, Subscribed = true,
            BoundAt = DateTime.UtcNow, CreatedAt = DateTime.UtcNow, LastSeenAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();
    }
}

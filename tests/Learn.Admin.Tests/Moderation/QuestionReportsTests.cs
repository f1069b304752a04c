using System.Text.Json;
using Learn.Admin.Tests.Support;
using Learn.Core.Notifications;
using Learn.Core.Questions;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Learn.Admin.Tests.Moderation;

/// <summary>
/// 答题纠错 in Chromium: the queue lists the reports of contests the organiser's subtree organises (paged, filtered by
/// status, an empty state otherwise); a decision needs a note, is audited and tells the reporter through the outbox;
/// the bank's owner (a super admin) may accept and edit the question, which adds a version and leaves the old one as it was.
/// </summary>
public class QuestionReportsTests(AdminBrowser browser) : IClassFixture<AdminBrowser>
{
    [Fact]
    public async Task Organisers_see_their_contests_reports_decide_them_with_a_note_and_the_reporter_is_told()
    {
        var w = await AdminWorld.ArrangeAsync(browser.Site);
        var now = browser.Site.Clock.GetUtcNow().UtcDateTime;
        var s = w.Secretary1[3..];
        var (version, own, far) = await browser.Site.WithDbAsync(async db =>
        {
            var version = await db.AddQuestionAsync("中国共产党第一次全国代表大会召开于（  ）" + s, now);
            var ours = await db.AddContestAsync("总支竞赛" + s, w.General1, w.General1, now);
            var theirs = await db.AddContestAsync("外总支竞赛" + s, w.General2, w.General2, now);
            for (var i = 0; i < 21; i++) db.Add(ModerationData.Report(ours.Id, version, w.Member2.Id, $"旧纠错{i}", now.AddHours(-5).AddMinutes(i)));
            var own = ModerationData.Report(ours.Id, version, w.Member1.Id, "选项年份有误" + s, now.AddHours(-1));
            var far = ModerationData.Report(theirs.Id, version, w.Member3.Id, "外单位纠错" + s, now.AddHours(-1));
            db.AddRange(own, far);
            await db.SaveChangesAsync();
            return (version, own, far);
        });

        var secretary = await browser.NewPageAsync();
        await secretary.SignInAsync(w.Secretary1);
        await secretary.GotoAsync("/QuestionReports");
        (await secretary.Locator(".empty").InnerTextAsync()).ShouldContain("还没有党员提交纠错");

        var admin = await browser.NewPageAsync();
        await admin.SignInAsync(w.Admin1);
        await admin.GotoAsync("/QuestionReports");
        (await admin.Locator("#reports tbody tr").CountAsync()).ShouldBe(20);
        (await admin.Locator("#reports").InnerTextAsync()).ShouldContain("选项年份有误" + s); // newest first
        (await admin.ContentAsync()).ShouldNotContain("外单位纠错" + s);
        (await admin.Locator(".pager").InnerTextAsync()).ShouldContain("第 1 / 2 页");
        await admin.ClickAndWaitForPageAsync(admin.GetByRole(AriaRole.Link, new() { Name = "下一页" }));
        (await admin.Locator("#reports tbody tr").CountAsync()).ShouldBe(2);
        await admin.GotoAsync("/QuestionReports?Status=Resolved");
        (await admin.Locator(".empty").InnerTextAsync()).ShouldContain("没有符合条件的纠错");
        (await admin.StatusOfAsync($"/QuestionReports/Details/{far.Id}")).ShouldBe(404);

        // Not accepted, with the reason: the organisation admin does not own the bank, so no "edit" button.
        await admin.GotoAsync($"/QuestionReports/Details/{own.Id}");
        (await admin.GetByRole(AriaRole.Button, new() { Name = "采纳并修改题目" }).CountAsync()).ShouldBe(0);
        await admin.ClickAndWaitForPageAsync(admin.GetByRole(AriaRole.Button, new() { Name = "不采纳" }));
        (await admin.ContentAsync()).ShouldContain("请填写处理说明");
        await admin.GetByLabel("处理说明（将通知提交人）").FillAsync("答案依据党史教材，题目无误");
        await admin.ClickAndWaitForPageAsync(admin.GetByRole(AriaRole.Button, new() { Name = "不采纳" }));
        (await admin.Locator(".flash").InnerTextAsync()).ShouldContain("已标记为不采纳");
        (await admin.Locator("#resolution").InnerTextAsync()).ShouldBe("答案依据党史教材，题目无误");
        await admin.GotoAsync("/QuestionReports?Status=Rejected");
        (await admin.Locator("#reports").InnerTextAsync()).ShouldContain("未采纳");

        var told = await MessageToAsync(own.Id);
        told.MemberId.ShouldBe(w.Member1.Id);
        told.Channel.ShouldBe(NotificationChannel.MiniProgramSubscribe);
        var data = JsonSerializer.Deserialize<Dictionary<string, string>>(told.DataJson)!;
        data["result"].ShouldBe("未采纳");
        data["note"].ShouldBe(MessageText.Fit("答案依据党史教材，题目无误"));

        // The bank's owner accepts the other report and corrects the question: a new version, the old one untouched.
        var super = await browser.NewPageAsync();
        await super.SignInAsync(w.Super);
        await super.GotoAsync($"/QuestionReports/Details/{far.Id}");
        await super.GetByLabel("处理说明（将通知提交人）").FillAsync("已更正选项");
        await super.ClickAndWaitForPageAsync(super.GetByRole(AriaRole.Button, new() { Name = "采纳并修改题目" }));
        super.Url.ShouldEndWith($"/Questions/Edit/{version.QuestionId}");
        await super.GetByLabel("题干（填空处写作（  ））").FillAsync("中国共产党第一次全国代表大会召开的年份是（  ）" + s);
        await super.ClickAndWaitForPageAsync(super.GetByRole(AriaRole.Button, new() { Name = "保存" }));
        (await super.Locator(".flash").InnerTextAsync()).ShouldContain("已保存为第 2 版");
        await super.GotoAsync($"/QuestionReports/Details/{far.Id}");
        (await super.Locator("#reported-question").InnerTextAsync()).ShouldContain("当前为第 2 版");
        var shown = await super.Locator("#reported-question").InnerTextAsync(); // the version the member saw, not the correction
        shown.ShouldContain("代表大会召开于");
        shown.ShouldNotContain("召开的年份是");

        var (old, question, farState) = await browser.Site.WithDbAsync(async db => (
            await db.Set<QuestionVersion>().SingleAsync(v => v.Id == version.Id),
            await db.Set<Question>().SingleAsync(q => q.Id == version.QuestionId),
            await db.Set<QuestionReport>().SingleAsync(r => r.Id == far.Id)));
        old.Stem.ShouldBe(version.Stem);
        question.VersionNo.ShouldBe(2);
        question.CurrentVersionId.ShouldNotBe(version.Id);
        farState.Status.ShouldBe(QuestionReportStatus.Resolved);
        farState.QuestionVersionId.ShouldBe(version.Id);
        JsonSerializer.Deserialize<Dictionary<string, string>>((await MessageToAsync(far.Id)).DataJson)!["result"].ShouldBe("已采纳");

        var (ownId, farId) = (own.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), far.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var audit = await browser.Site.WithDbAsync(db => db.AuditLog.Where(a => a.EntityType == "question_report")
            .Where(a => a.EntityId == ownId || a.EntityId == farId).OrderBy(a => a.Id).Select(a => a.Action + ":" + a.Reason).ToListAsync());
        audit.ShouldBe(["question.report.reject:答案依据党史教材，题目无误", "question.report.resolve:已更正选项"]);

        // Decided once: a second decision (another tab) is refused, not applied twice.
        await admin.GotoAsync($"/QuestionReports/Details/{own.Id}");
        (await admin.Locator("#decision-form").CountAsync()).ShouldBe(0);
    }

    private Task<OutboxMessage> MessageToAsync(long reportId)
    {
        var key = $"question-report:{reportId}";
        return browser.Site.WithDbAsync(db =>
        (from c in db.Set<NotificationCampaign>()
         where c.Key == key && c.Template == Learn.Core.Questions.QuestionReports.ReplyTemplate
         join m in db.Set<OutboxMessage>() on c.Id equals m.CampaignId
         select m).SingleAsync());
    }
}

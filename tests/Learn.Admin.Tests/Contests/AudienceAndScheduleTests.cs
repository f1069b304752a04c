using System.Globalization;
using System.Net;
using Learn.Admin.Tests.Support;
using Learn.Core.Contests;
using Learn.Core.Security;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Learn.Admin.Tests.Contests;

/// <summary>An organiser lists members by mobile or name besides organisation subtrees, and moves a contest's window.</summary>
public class AudienceAndScheduleTests(AdminWithApi env) : IClassFixture<AdminWithApi>
{
    private static string Local(DateTime shanghai) => shanghai.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    private async Task<HttpStatusCode> JoinAsync(long contestId, long memberId)
    {
        var member = await env.Api.CreateMemberClientAsync(memberId);
        return (await member.PostAsync($"/api/contests/{contestId}/attempts", null)).StatusCode;
    }

    [Fact]
    public async Task A_listed_member_outside_the_subtrees_joins_and_the_window_moves_within_the_rules()
    {
        var w = await AdminWorld.ArrangeAsync(env.Site);
        await ContestBank.ImportAsync(env.Site);
        var mobile = "139" + Random.Shared.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
        var unlisted = await env.Site.WithDbAsync(async db =>
        {
            var protector = env.Site.Services.GetRequiredService<PersonalDataProtector>();
            var listed = await db.Members.SingleAsync(m => m.Id == w.Member2.Id);
            (listed.MobileHash, listed.MobileCipher, listed.MobileMasked) = (protector.LookupHash(mobile), protector.Encrypt(mobile), Mobile.Mask(mobile));
            await db.SaveChangesAsync();
            return await db.AddMemberAsync(w.Branch2, "赵六");
        });
        var now = TimeZoneInfo.ConvertTimeFromUtc(env.Site.Clock.GetUtcNow().UtcDateTime, TestClock.Shanghai);
        var page = await env.NewPageAsync();
        await page.SignInAsync(w.Admin1);

        // Audience: 第一党支部's subtree plus a list. Lines that cannot be resolved are reported one by one.
        await page.GotoAsync("/Contests/Create");
        await page.GetByLabel("标题").FillAsync("党章党规挑战赛");
        await page.Locator("input[name='Input.Mode'][value=Challenge]").CheckAsync();
        await page.GetByLabel("开始时间").FillAsync(Local(now.AddHours(1)));
        await page.GetByLabel("结束时间").FillAsync(Local(now.AddDays(1)));
        await page.Locator("select[name='Input.AudienceOrganizationIds']").SelectOptionAsync([w.Branch1.Id.ToString(CultureInfo.InvariantCulture)]);
        var list = page.Locator("textarea[name='Input.Whitelist']");
        await list.FillAsync($"李建国 {mobile}\n王志强\n1380000\n");
        await page.ClickAndWaitForPageAsync(page.Locator("#create-contest"));
        var report = page.Locator("#whitelist-errors li");
        await Assertions.Expect(report).ToHaveCountAsync(2);
        await Assertions.Expect(report.Nth(0)).ToHaveTextAsync("第 2 行：您的管理范围内没有名为“王志强”的党员"); // another 总支: outside this organiser's scope
        await Assertions.Expect(report.Nth(1)).ToHaveTextAsync("第 3 行：“1380000”中的手机号格式不正确");
        await Assertions.Expect(page.Locator(".validation-summary-errors")).ToContainTextAsync("参赛名单中有 2 行无法识别");
        (await env.Site.WithDbAsync(db => db.Set<Contest>().CountAsync(c => c.Title == "党章党规挑战赛"))).ShouldBe(0);

        await list.FillAsync($"李建国 {mobile}");
        await page.ClickAndWaitForPageAsync(page.Locator("#create-contest"));
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("党章党规挑战赛");
        await Assertions.Expect(page.Locator("dl.props")).ToContainTextAsync("名单 1 人");
        var contestId = long.Parse(page.Url.Split('/').Last(), CultureInfo.InvariantCulture);
        (await JoinAsync(contestId, w.Member2.Id)).ShouldBe(HttpStatusCode.Conflict); // listed, but not open yet

        // Before the start both edges move (the start no earlier than now).
        var start = page.Locator("input[name='Schedule.StartsAt']");
        var end = page.Locator("input[name='Schedule.EndsAt']");
        await start.FillAsync(Local(now.AddHours(-1)));
        await page.ClickAndWaitForPageAsync(page.Locator("#reschedule"));
        await Assertions.Expect(page.Locator("#reschedule-form .validation-summary-errors")).ToContainTextAsync("开始时间不能早于现在");
        await start.FillAsync(Local(now));
        await end.FillAsync(Local(now.AddHours(2)));
        await page.ClickAndWaitForPageAsync(page.Locator("#reschedule"));
        await Assertions.Expect(page.Locator(".flash")).ToHaveTextAsync("比赛时间已调整");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("进行中");

        (await JoinAsync(contestId, w.Member2.Id)).ShouldBe(HttpStatusCode.OK);  // listed, outside 第一党支部
        (await JoinAsync(contestId, w.Member1.Id)).ShouldBe(HttpStatusCode.OK);  // inside the subtree
        (await JoinAsync(contestId, unlisted.Id)).ShouldBe(HttpStatusCode.NotFound); // same branch as the listed one, not listed

        // While open only a later end is accepted.
        await start.FillAsync(Local(now.AddMinutes(30)));
        await page.ClickAndWaitForPageAsync(page.Locator("#reschedule"));
        await Assertions.Expect(page.Locator("#reschedule-form .validation-summary-errors")).ToContainTextAsync("开始时间不能再改");
        await start.FillAsync(Local(now));
        await end.FillAsync(Local(now.AddHours(1)));
        await page.ClickAndWaitForPageAsync(page.Locator("#reschedule"));
        await Assertions.Expect(page.Locator("#reschedule-form .validation-summary-errors")).ToContainTextAsync("只能延长结束时间");
        await end.FillAsync(Local(now.AddDays(1)));
        await page.ClickAndWaitForPageAsync(page.Locator("#reschedule"));
        await Assertions.Expect(page.Locator(".flash")).ToHaveTextAsync("比赛时间已调整");
        await Assertions.Expect(page.Locator("dl.props")).ToContainTextAsync(now.AddDays(1).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        await page.ScreenshotAsync("contest-reschedule");

        // Past the old end the contest is still open: the lifecycle job (which polls this query) does not close it.
        env.Site.Clock.Advance(TimeSpan.FromHours(3));
        (await env.Site.Services.GetRequiredService<ContestLifecycle>().DueForClosingAsync()).ShouldNotContain(contestId);
        (await JoinAsync(contestId, w.Member2.Id)).ShouldBe(HttpStatusCode.OK);
        var entity = contestId.ToString(CultureInfo.InvariantCulture);
        var audit = await env.Site.WithDbAsync(db => db.AuditLog.CountAsync(a => a.Action == "contest.reschedule" && a.EntityId == entity));
        audit.ShouldBe(2);
    }
}

using Learn.Admin.Tests.Support;
using Learn.Core.Jobs;
using Learn.Core.Notifications;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Learn.Admin.Tests.Jobs;

/// <summary>
/// The 任务 page reads a running Learn.Jobs' schedule from Hangfire's storage, and 立即执行 makes that Learn.Jobs run
/// the job for real: the admin site itself hosts no Hangfire server.
/// </summary>
[Collection("Learn.Jobs beside the site")]
public class JobsPageTests(AdminWithJobs browser) : IClassFixture<AdminWithJobs>
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Fact]
    public async Task A_super_admin_sees_next_fire_times_and_run_now_makes_learn_jobs_run_the_birthday_job()
    {
        var w = await AdminWorld.ArrangeAsync(browser.Site);
        // The test clock's today is 2026-11-23: a member who joined on 23 November has a political birthday today.
        var celebrant = await browser.Site.WithDbAsync(db => db.AddMemberAsync(w.Branch2, "周年纪", new DateOnly(2016, 11, 23)));

        var page = await browser.NewPageAsync();
        await page.SignInAsync(w.Super);
        await page.GotoAsync("/Jobs");
        await Assertions.Expect(page.Locator("#jobs tbody tr")).ToHaveCountAsync(6);
        // Hangfire schedules by the real clock (not the test clock): the next 08:00 in Shanghai after now.
        var now = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Shanghai);
        var next = now.Date.AddHours(8) > now.DateTime ? now.Date.AddHours(8) : now.Date.AddDays(1).AddHours(8);
        var birthdays = page.Locator("#jobs tr[data-job=political-birthdays]");
        await Assertions.Expect(birthdays.Locator(".next-fire")).ToHaveTextAsync(next.ToString("yyyy-MM-dd HH:mm:ss"));
        await Assertions.Expect(page.Locator("#jobs tr[data-job=holiday-notices] .next-fire")).ToContainTextAsync(":00:00");
        await Assertions.Expect(page.Locator("#nodes tbody tr")).ToHaveCountAsync(1);

        await page.ClickAndWaitForPageAsync(birthdays.GetByRole(AriaRole.Button, new() { Name = "立即执行" }));
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("已提交“政治生日祝福与支部提醒”立即执行");

        // Learn.Jobs claims the request and its scheduler runs the job: the run is recorded and its campaign written.
        var run = await EventuallyAsync(() => browser.Site.WithDbAsync(db => db.Set<JobRun>()
            .Where(r => r.Job == "learn.political-birthdays" && r.RequestId != null).SingleOrDefaultAsync()));
        run.Succeeded.ShouldBeTrue(run.Error);
        run.ScheduledFor.ShouldBeNull();
        var request = await browser.Site.WithDbAsync(db => db.Set<JobRunRequest>().SingleAsync(r => r.Id == run.RequestId));
        request.ClaimedBy.ShouldStartWith("Hangfire #");
        // The job names its recipients by rule; Learn.Jobs' dispatcher writes the rows just after (ADR 0402).
        var greetings = await EventuallyAsync(async () =>
        {
            var rows = await browser.Site.WithDbAsync(db => db.Set<OutboxMessage>()
                .Where(m => m.MemberId == celebrant.Id && m.Template == "PoliticalBirthday").ToListAsync());
            return rows.Count > 0 ? rows : null;
        });
        greetings.ShouldHaveSingleItem();
        var audit = await browser.Site.WithDbAsync(db => db.AuditLog.Where(a => a.Action == "job.run-now").ToListAsync());
        audit.ShouldHaveSingleItem().EntityId.ShouldBe("learn.political-birthdays");

        await page.GotoAsync("/Jobs");
        await Assertions.Expect(birthdays.Locator(".outcome")).ToContainTextAsync("成功");
        await Assertions.Expect(birthdays).ToContainTextAsync("（手动）");
        await Assertions.Expect(page.Locator("#run-requests")).ToContainTextAsync("已交给 Hangfire #");
        await page.ScreenshotAsync("jobs");

        await page.GotoAsync("/Audit");
        await Assertions.Expect(page.Locator("#audit tbody tr").First).ToContainTextAsync("立即执行任务");
    }

    /// <summary>Polls for an outcome another process produces (not a schedule: the poller runs every 200 ms).</summary>
    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe) where T : class
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (await probe() is { } found) return found;
            if (DateTime.UtcNow > until) throw new TimeoutException("Learn.Jobs did not run the job within 30 s.");
            await Task.Delay(100);
        }
    }
}

using Learn.Admin.Tests.Support;
using Learn.Core;
using Learn.Core.Contests;
using Learn.Core.Data;
using Learn.Core.Members;
using Learn.Core.Organizations;
using Learn.Core.Study;
using Learn.TestSupport;
using Microsoft.Playwright;

namespace Learn.Admin.Tests.Reports;

/// <summary>
/// 参学统计 in Chromium: participation and points by unit rolled up the tree, ranked, charted and exported as XLSX,
/// each organiser seeing their own subtree only.
/// </summary>
public class ParticipationReportTests(AdminBrowser browser) : IClassFixture<AdminBrowser>
{
    private static void Points(LearnDbContext db, Member m, DateOnly day, int points) => db.Add(new StudyPointEntry
    {
        MemberId = m.Id, Kind = StudyPointKind.Quiz, Points = points, RequestedPoints = points, Reason = "每日答题",
        IdempotencyKey = "test:" + Guid.NewGuid().ToString("N"), Day = day, OccurredAt = Shanghai.At(day, new TimeOnly(9, 0)).UtcDateTime,
        BranchId = m.OrganizationId,
    });

    private static void Join(LearnDbContext db, Contest c, Member m, Organization org, int score, DateTime at) => db.Add(new ContestEntry
    {
        ContestId = c.Id, MemberId = m.Id, OrganizationId = org.Id, OrganizationPath = org.Path, Score = score, TotalMs = 30_000, JoinedAt = at,
    });

    /// <summary>
    /// This week: 第一党支部 (3 members with its 党小组) has two taking part (6 + 4 points), 第二党支部 (2 members) one who
    /// joined a contest; 第三党支部, outside the unit admin's subtree, has the most points of all. One contest for the committee.
    /// </summary>
    private async Task<(AdminWorld World, Contest Contest)> ArrangeAsync()
    {
        var w = await AdminWorld.ArrangeAsync(browser.Site);
        var today = Shanghai.Today(browser.Site.Clock);
        var now = browser.Site.Clock.GetUtcNow().UtcDateTime;
        var contest = await browser.Site.WithDbAsync(async db =>
        {
            var idle = await db.AddMemberAsync(w.Branch1, "未参学党员");
            var grouped = await db.AddMemberAsync(w.Group1, "小组党员");
            var contestant = await db.AddMemberAsync(w.Branch2, "参赛党员");
            Points(db, w.Member1, today, 6);
            Points(db, grouped, today, 4);
            Points(db, w.Member2, today.AddDays(-8), 9); // last week: not this week's
            Points(db, w.Member3, today, 50);
            var c = new Contest
            {
                Title = "全委党章竞赛" + w.Super, Mode = ContestMode.Timed, StartsAt = now.AddHours(-3), EndsAt = now.AddDays(2),
                OrganizationId = w.Committee.Id, OrganizationPath = w.Committee.Path, AudiencePaths = "|" + w.Committee.Path + "|", EasyCount = 5, CreatedAt = now,
            };
            db.Add(c);
            await db.SaveChangesAsync();
            Join(db, c, contestant, w.Branch2, 80, now.AddHours(-1));
            Join(db, c, w.Member1, w.Branch1, 40, now.AddHours(-2));
            Join(db, c, w.Member3, w.Branch3, 90, now.AddHours(-2));
            await db.SaveChangesAsync();
            return c;
        });
        return (w, contest);
    }

    private static readonly LocatorAssertionsToContainTextOptions InnerText = new() { UseInnerText = true };

    private static ILocator Row(IPage page, string unit) => page.Locator($"#report tbody tr[data-unit='{unit}']");

    [Fact]
    public async Task A_unit_admin_sees_this_weeks_participation_rolled_up_over_their_subtree_ranked_charted_and_exported()
    {
        var (w, _) = await ArrangeAsync();
        var page = await browser.NewPageAsync();
        await page.SignInAsync(w.Admin1);
        await page.GetByRole(AriaRole.Link, new() { Name = "参学统计" }).ClickAsync();

        await Assertions.Expect(Row(page, "第一党总支")).ToContainTextAsync("党总支 5 3 60.0% 10 2.0 1", InnerText);
        await Assertions.Expect(Row(page, "第一党支部")).ToContainTextAsync("党支部 3 2 66.7% 10 3.3 1", InnerText);
        await Assertions.Expect(Row(page, "第一党小组")).ToContainTextAsync("党小组 1 1 100.0% 4 4.0 1", InnerText);
        await Assertions.Expect(Row(page, "第二党支部")).ToContainTextAsync("党支部 2 1 50.0% 0 0.0 2", InnerText);
        await Assertions.Expect(page.Locator("#report")).Not.ToContainTextAsync("第三党支部");
        await Assertions.Expect(page.Locator("#report")).Not.ToContainTextAsync("机关党委");

        // The chart compares the branches, best first, with bars as long as their rates.
        var bars = page.Locator("#report-chart g.bar");
        (await bars.EvaluateAllAsync<string[]>("gs => gs.map(g => g.dataset.name + ' ' + g.dataset.rate)")).ShouldBe(["第一党支部 66.7%", "第二党支部 50.0%"]);
        var widths = await page.Locator("#report-chart g.bar rect").EvaluateAllAsync<double[]>("rs => rs.map(r => r.getBBox().width)");
        widths[0].ShouldBeGreaterThan(widths[1]);
        await page.ScreenshotAsync("participation-report");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#report-export").ClickAsync());
        download.SuggestedFilename.ShouldEndWith(".xlsx");
        var cells = XlsxCells.Read(await File.ReadAllBytesAsync(await download.PathAsync()));
        cells[0].ShouldBe(["单位", "类型", "应参学人数", "参学人数", "参学率（%）", "积分", "人均积分", "同类排名"]);
        cells.ShouldContain(r => r.SequenceEqual(new[] { "第一党总支", "党总支", "5", "3", "60", "10", "2", "1" }));
        cells.ShouldContain(r => r.SequenceEqual(new[] { "　第一党支部", "党支部", "3", "2", "66.7", "10", "3.33", "1" }));
        cells.ShouldContain(r => r.SequenceEqual(new[] { "　第二党支部", "党支部", "2", "1", "50", "0", "0", "2" }));
        cells.ShouldNotContain(r => r[0].Contains("第三党支部", StringComparison.Ordinal));
        XlsxCells.Numeric(await File.ReadAllBytesAsync(await download.PathAsync()))[1].Skip(2).ShouldAllBe(n => n);
    }

    [Fact]
    public async Task A_branch_secretary_reports_a_committee_contest_for_their_branch_only_and_other_contests_are_404()
    {
        var (w, contest) = await ArrangeAsync();
        var (other, _) = await ArrangeAsync(); // another committee's world and contest
        var page = await browser.NewPageAsync();
        await page.SignInAsync(w.Secretary1);
        await page.GotoAsync("/Reports");
        await page.Locator("#Kind").SelectOptionAsync("contest");
        await page.Locator("#ContestId").SelectOptionAsync(new SelectOptionValue { Label = contest.Title });
        await page.ClickAndWaitForPageAsync(page.GetByRole(AriaRole.Button, new() { Name = "统计" }));

        await Assertions.Expect(page.Locator("#report-covers")).ToHaveTextAsync(contest.Title);
        await Assertions.Expect(Row(page, "第一党支部")).ToContainTextAsync("党支部 3 1 33.3% 40 13.3 1", InnerText);
        await Assertions.Expect(page.Locator("#report tbody tr")).ToHaveCountAsync(2); // the branch and its 党小组
        (await page.Locator("#ContestId option").AllInnerTextsAsync()).ShouldNotContain(t => t.Contains(other.Super, StringComparison.Ordinal));

        var otherContest = await browser.Site.WithDbAsync(db => Task.FromResult(db.Set<Contest>().Single(c => c.Title == "全委党章竞赛" + other.Super).Id));
        (await page.StatusOfAsync($"/Reports?kind=contest&contestId={otherContest}")).ShouldBe(404);
        (await page.StatusOfAsync($"/Reports?handler=Export&kind=contest&contestId={otherContest}")).ShouldBe(404);
    }
}

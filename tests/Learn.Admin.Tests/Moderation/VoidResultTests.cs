using System.Net.Http.Json;
using System.Text.Json;
using Learn.Admin.Tests.Support;
using Learn.Core.Contests;
using Learn.Core.Contests.Boards;
using Learn.Core.Organizers;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Learn.Admin.Tests.Moderation;

/// <summary>
/// 异常答题 in Chromium: a closed contest's flagged participants with their answer times; voiding one (with a reason,
/// audited) takes them off the Redis board and out of the organisation roll-ups, and recomputes the frozen final
/// ranking, which the admin site and the member final-results API (Learn.Api) then show as revised. Participants and
/// contests outside the organiser's subtree are 404.
/// </summary>
public class VoidResultTests(AdminWithApi env) : IClassFixture<AdminWithApi>
{
    [Fact]
    public async Task Voiding_a_flagged_result_updates_the_boards_and_revises_the_frozen_final_ranking()
    {
        var w = await AdminWorld.ArrangeAsync(env.Site);
        var now = env.Site.Clock.GetUtcNow().UtcDateTime;
        var s = w.Secretary1[3..];
        var contest = await env.Site.WithDbAsync(async db =>
        {
            var contest = await db.AddContestAsync("知识竞赛" + s, w.General1, w.Committee, now, publicBoard: true);
            foreach (var (member, org, score) in new[] { (w.Member1, w.Branch1, 100), (w.Member2, w.Branch2, 80), (w.Member3, w.Branch3, 90) })
                db.Add(new ContestEntry
                {
                    ContestId = contest.Id, MemberId = member.Id, IdentityId = member.Id, OrganizationId = org.Id, OrganizationPath = org.Path,
                    Score = score, CorrectCount = score / 10, TotalMs = 60_000, ReachedAt = now.AddDays(-1), JoinedAt = now.AddDays(-1),
                });
            foreach (var (member, seq, ms) in new[] { (w.Member1, 1, 150L), (w.Member1, 2, 4_200L), (w.Member1, 3, 210L), (w.Member3, 1, 100L) })
                db.Add(new ContestAnswer
                {
                    ContestId = contest.Id, AttemptId = member.Id, Seq = seq, MemberId = member.Id, QuestionVersionId = 1, RequestId = Guid.NewGuid().ToString("N"),
                    Response = "B", AnsweredAt = now.AddDays(-1).AddSeconds(seq), ElapsedMs = ms, IsCorrect = true, Points = 10, TooFast = ms < contest.MinHumanMs,
                });
            await db.SaveChangesAsync();
            return contest;
        });
        await using (var scope = env.Site.Services.CreateAsyncScope())
        {
            var board = scope.ServiceProvider.GetRequiredService<ContestBoard>();
            await board.EnsureReadyAsync(contest.Id);
            (await board.TopAsync(contest.Id, 10, allowSnapshot: false))[0].MemberId.ShouldBe(w.Member1.Id);
            (await scope.ServiceProvider.GetRequiredService<ContestLifecycle>().CloseAsync(contest.Id)).ShouldBeTrue();
        }
        var anonymous = env.Api.CreateClient();
        var before = await anonymous.GetFromJsonAsync<JsonElement>($"/api/contests/{contest.Id}/results");
        before[0].GetProperty("memberId").GetInt64().ShouldBe(w.Member1.Id);
        before[0].GetProperty("revisedAt").ValueKind.ShouldBe(JsonValueKind.Null);

        var admin = await env.NewPageAsync();
        await admin.SignInAsync(w.Admin1);
        await admin.GotoAsync($"/Contests/Details/{contest.Id}");
        await admin.ClickAndWaitForPageAsync(admin.GetByRole(AriaRole.Link, new() { Name = "异常答题" }));
        var card = admin.Locator($".suspect[data-member='{w.Member1.Id}']");
        (await card.InnerTextAsync()).ShouldContain("张红梅");
        (await card.Locator(".flag-count").InnerTextAsync()).ShouldBe("2");
        (await card.InnerTextAsync()).ShouldContain("共 3 题，最快 150 毫秒");
        (await card.Locator(".evidence").InnerTextAsync()).ShouldContain("210");
        (await admin.ContentAsync()).ShouldNotContain("王志强"); // flagged too, but in another subtree

        // The page's own void form, pointed at the participant outside the subtree, is refused.
        var form = card.Locator("form.void-form");
        await card.GetByLabel("作废原因").FillAsync("越权");
        await form.EvaluateAsync($"f => f.action = f.action.replace(/memberId=\\d+/, 'memberId={w.Member3.Id}')");
        (await admin.RunAndWaitForResponseAsync(() => form.GetByRole(AriaRole.Button).ClickAsync(), r => r.Request.IsNavigationRequest)).Status.ShouldBe(404);

        await admin.GotoAsync($"/Contests/Flags/{contest.Id}");
        await admin.ClickAndWaitForPageAsync(card.GetByRole(AriaRole.Button, new() { Name = "作废成绩" }));
        (await admin.ContentAsync()).ShouldContain("请填写作废原因");
        await card.GetByLabel("作废原因").FillAsync("用时远低于常人，经核实为脚本代答");
        await admin.ClickAndWaitForPageAsync(card.GetByRole(AriaRole.Button, new() { Name = "作废成绩" }));
        (await admin.Locator(".flash").InnerTextAsync()).ShouldContain("最终排名已重新计算并标注为修订");
        (await card.InnerTextAsync()).ShouldContain("成绩已作废");

        var (ranks, revisedAt, reason) = await env.Site.WithDbAsync(async db => (
            await db.Set<ContestFinalRank>().Where(r => r.ContestId == contest.Id).OrderBy(r => r.Rank).Select(r => r.MemberId).ToListAsync(),
            await db.Set<Contest>().Where(c => c.Id == contest.Id).Select(c => c.FinalRevisedAt).SingleAsync(),
            await db.AuditLog.Where(a => a.Action == "contest.void" && a.OrganizationPath == w.Branch1.Path).Select(a => a.Reason).SingleAsync()));
        ranks.ShouldBe([w.Member3.Id, w.Member2.Id]);
        revisedAt.ShouldNotBeNull();
        reason.ShouldBe("用时远低于常人，经核实为脚本代答");

        await using (var scope = env.Site.Services.CreateAsyncScope())
        {
            var board = scope.ServiceProvider.GetRequiredService<ContestBoard>();
            (await board.TopAsync(contest.Id, 10, allowSnapshot: false)).Select(r => r.MemberId).ShouldBe([w.Member3.Id, w.Member2.Id]);
            var figures = await board.OrgFiguresAsync(contest.Id, [w.Branch1.Id, w.General1.Id, w.Committee.Id]);
            figures.Select(f => (f.Total, f.Participants)).ShouldBe([(0L, 0L), (80L, 1L), (170L, 2L)]);
        }
        var after = await anonymous.GetFromJsonAsync<JsonElement>($"/api/contests/{contest.Id}/results");
        after.EnumerateArray().Select(r => r.GetProperty("memberId").GetInt64()).ShouldBe([w.Member3.Id, w.Member2.Id]);
        after[0].GetProperty("revisedAt").ValueKind.ShouldBe(JsonValueKind.String);

        await admin.GotoAsync($"/Contests/Details/{contest.Id}");
        (await admin.Locator("#revised").InnerTextAsync()).ShouldContain("最终排名已修订");
        (await admin.Locator("#results").InnerTextAsync()).ShouldNotContain("张红梅");
    }

    [Fact]
    public async Task An_organiser_of_another_subtree_cannot_open_the_flags_of_a_contest_they_do_not_organise()
    {
        var w = await AdminWorld.ArrangeAsync(env.Site);
        var now = env.Site.Clock.GetUtcNow().UtcDateTime;
        var far = "far" + Guid.NewGuid().ToString("N")[..6];
        var contest = await env.Site.WithDbAsync(async db =>
        {
            await db.AddOrganizerAsync(far, OrganizerRole.OrganizationAdmin, w.General2);
            return await db.AddContestAsync("总支竞赛" + far, w.General1, w.General1, now);
        });
        var page = await env.NewPageAsync();
        await page.SignInAsync(far);
        (await page.StatusOfAsync($"/Contests/Flags/{contest.Id}")).ShouldBe(404);
        var own = await env.NewPageAsync();
        await own.SignInAsync(w.Admin1);
        await own.GotoAsync($"/Contests/Flags/{contest.Id}");
        (await own.Locator(".empty").InnerTextAsync()).ShouldContain("没有被标记的答题");
    }
}

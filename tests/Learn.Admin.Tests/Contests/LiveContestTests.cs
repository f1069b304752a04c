using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Learn.Admin.Tests.Support;
using Learn.Core.Auditing;
using Learn.Core.Contests;
using Learn.Core.Questions;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Learn.Admin.Tests.Contests;

public class LiveContestTests(AdminWithApi env) : IClassFixture<AdminWithApi>
{
    [Fact]
    public async Task Organiser_creates_and_hosts_a_live_contest_members_answer_through_the_api_and_the_big_screen_follows()
    {
        var w = await AdminWorld.ArrangeAsync(env.Site);
        await ContestBank.ImportAsync(env.Site);
        var page = await env.NewPageAsync();
        await page.SignInAsync(w.Admin1);

        // The form refuses an end before the start, with the message beside the form.
        var now = TimeZoneInfo.ConvertTimeFromUtc(env.Site.Clock.GetUtcNow().UtcDateTime, TestClock.Shanghai);
        await page.GotoAsync("/Contests/Create");
        await page.GetByLabel("标题").FillAsync("党史知识直播竞答");
        await page.Locator("input[name='Input.Mode'][value=Live]").CheckAsync();
        await page.GetByLabel("开始时间").FillAsync(Local(now.AddMinutes(-1)));
        await page.GetByLabel("结束时间").FillAsync(Local(now.AddMinutes(-2)));
        await page.ClickAndWaitForPageAsync(page.Locator("#create-contest"));
        await Assertions.Expect(page.Locator(".validation-summary-errors")).ToContainTextAsync("结束时间必须晚于开始时间");

        await page.GetByLabel("结束时间").FillAsync(Local(now.AddHours(2)));
        await page.ScreenshotAsync("contest-form");
        await page.ClickAndWaitForPageAsync(page.Locator("#create-contest"));
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("直播竞答");
        var contestId = long.Parse(page.Url.Split('/').Last(), CultureInfo.InvariantCulture);

        var screen = await page.Context.NewPageAsync();
        await screen.GotoAsync($"/Contests/Screen/{contestId}");
        await Assertions.Expect(screen.Locator("#screen-status")).ToHaveClassAsync("dot live");
        await Assertions.Expect(screen.Locator("#screen")).Not.ToHaveAttributeAsync("data-updates", "0"); // first snapshot arrived

        await page.GotoAsync($"/Contests/Live/{contestId}");
        await page.ClickAndWaitForPageAsync(page.Locator("#open-next"));
        await Assertions.Expect(page.Locator("#current-round")).ToContainTextAsync("第 1 题");

        // Two members answer on their phones (through Learn.Api): one right, one wrong.
        env.Site.Clock.Advance(TimeSpan.FromSeconds(3));
        // The round is open for everyone, so the replies are sealed: no verdict, points or key (fair play, issue 13).
        foreach (var reply in new[] { await AnswerAsync(contestId, w.Member1.Id, correct: true), await AnswerAsync(contestId, w.Member2.Id, correct: false) })
        {
            reply.GetProperty("sealed").GetBoolean().ShouldBeTrue();
            reply.GetProperty("points").ValueKind.ShouldBe(JsonValueKind.Null);
            reply.GetProperty("correctAnswer").ValueKind.ShouldBe(JsonValueKind.Null);
        }

        var persons = screen.Locator("#persons li");
        await Assertions.Expect(persons.First).ToContainTextAsync("张红梅", new() { Timeout = 15_000 });
        await Assertions.Expect(persons.First).ToContainTextAsync("10");
        await Assertions.Expect(persons).ToHaveCountAsync(2);
        await Assertions.Expect(screen.Locator("#branches li").First).ToContainTextAsync("第一党支部");
        await Assertions.Expect(screen.Locator("#branches")).ToContainTextAsync("参赛 1 / 1 人");
        await screen.ScreenshotAsync("big-screen");

        await page.ClickAndWaitForPageAsync(page.Locator("#close-question"));
        await page.ClickAndWaitForPageAsync(page.Locator("#reveal-answer"));
        await Assertions.Expect(page.Locator("#current-round")).ToContainTextAsync("已公布答案");
        await Assertions.Expect(page.Locator("#answer-count")).ToHaveTextAsync("2");

        await page.GotoAsync($"/Contests/Details/{contestId}");
        await Assertions.Expect(page.Locator("#results tbody tr").First).ToContainTextAsync("张红梅");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByText("导出成绩（CSV）").ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync(), Encoding.UTF8);
        csv.ShouldContain("名次,姓名,所在组织,得分");
        csv.ShouldContain("1,张红梅,第一党支部,10");
        csv.ShouldContain("2,李建国,第二党支部,0");
    }

    private static string Local(DateTime shanghai) => shanghai.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    private async Task<JsonElement> AnswerAsync(long contestId, long memberId, bool correct)
    {
        var member = await env.Api.CreateMemberClientAsync(memberId);
        var state = await member.GetFromJsonAsync<JsonElement>($"/api/contests/{contestId}/live/current");
        var open = state.GetProperty("open");
        var versionId = open.GetProperty("questionId").GetInt64();
        var key = await env.Site.WithDbAsync(db => db.Set<QuestionVersion>().Where(v => v.Id == versionId).Select(v => v.AnswerKey).SingleAsync());
        var response = await member.PostAsJsonAsync($"/api/contests/{contestId}/attempts/{state.GetProperty("attemptId").GetInt64()}/answers",
            new { seq = open.GetProperty("seq").GetInt32(), requestId = Guid.NewGuid().ToString("N"), answer = correct ? key.Split('|')[0] : WrongFor(key) });
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue(body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static string WrongFor(string key) => key switch
    {
        AnswerKeys.True => AnswerKeys.False,
        AnswerKeys.False => AnswerKeys.True,
        "A" => "B",
        _ => key.All(char.IsAsciiLetterUpper) ? "A" : "完全不对的答案",
    };
}

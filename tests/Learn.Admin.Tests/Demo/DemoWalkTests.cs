using System.Net.Http.Json;
using System.Text.Json;
using Learn.Admin.Pages.Simulator;
using Learn.Admin.Tests.Support;
using Microsoft.Playwright;

namespace Learn.Admin.Tests.Demo;

/// <summary>
/// Issue 17's done-when: the embedded default with <c>./learn.sh demo</c> run against it shows the whole product —
/// members logged in and bound, the demo contest's board with them on it, today's study participation on the
/// dashboard, and the simulated inbox holding what the jobs sent. Checked over HTTP and in Chromium.
/// </summary>
[Collection(nameof(DemoWalkTests))]
public sealed class DemoWalkTests(DemoWalkTests.World world) : IClassFixture<DemoWalkTests.World>
{
    public sealed class World : IAsyncLifetime
    {
        private IPlaywright? _playwright;
        public EmbeddedDefault Run { get; } = new();
        public IBrowser Browser { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await Run.InitializeAsync();
            _playwright = await Playwright.CreateAsync();
            Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = "/usr/bin/chromium", Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
            });
        }

        public async Task<IPage> PageAsync(Uri site, int width = 1366, int height = 860)
        {
            var context = await Browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = site.ToString().TrimEnd('/'), Locale = "zh-CN", TimezoneId = "Asia/Shanghai",
                ViewportSize = new ViewportSize { Width = width, Height = height },
            });
            context.SetDefaultTimeout(30_000);
            return await context.NewPageAsync();
        }

        public async Task DisposeAsync()
        {
            if (Browser is not null) await Browser.DisposeAsync();
            _playwright?.Dispose();
            await Run.DisposeAsync();
        }
    }

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private string Why => $"demo:\n{world.Run.DemoOutput}\nrun:\n{world.Run.Output}\n{world.Run.Logs()}";

    [Fact]
    public async Task Demo_members_logged_in_and_bound_through_the_simulator()
    {
        world.Run.DemoExitCode.ShouldBe(0, Why);
        world.Run.DemoOutput.ShouldContain("用邀请码 DEMO2026-01 绑定", customMessage: Why);
        // The same wx.login code is the same WeChat user: Learn.Api answers bound, and /api/me names the member.
        var tokens = await PostAsync("/api/auth/wx-login", new { code = "demo-member-01" });
        tokens.GetProperty("bound").GetBoolean().ShouldBeTrue();
        var me = await GetAsync("/api/me", tokens.GetProperty("accessToken").GetString()!);
        var name = me.GetProperty("member").GetProperty("name").GetString()!;
        world.Run.DemoOutput.ShouldContain(name);
    }

    [Fact]
    public async Task The_demo_contest_board_has_the_demo_members_on_it()
    {
        var token = (await PostAsync("/api/auth/wx-login", new { code = "demo-member-02" })).GetProperty("accessToken").GetString()!;
        var name = (await GetAsync("/api/me", token)).GetProperty("member").GetProperty("name").GetString()!;
        var contest = (await GetAsync("/api/contests", token)).EnumerateArray()
            .First(c => c.GetProperty("mode").GetString() == "timed" && c.GetProperty("state").GetString() == "open");
        var id = contest.GetProperty("id").GetInt64();
        var board = await GetAsync($"/api/contests/{id}/board?top=50", token);
        var names = board.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("name").GetString()).ToList();
        names.Count.ShouldBeGreaterThanOrEqualTo(8, Why);
        names.ShouldContain(name);

        var page = await SignedInAsync();
        await page.GotoAsync($"/Contests/Details/{id}");
        await page.Locator("#results").GetByText(name).WaitForAsync();
        int.Parse(await page.Locator("#participants").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(8);
    }

    [Fact]
    public async Task The_finished_contest_has_a_frozen_ranking_to_export()
    {
        var page = await SignedInAsync();
        await page.GotoAsync("/Contests");
        await page.ClickAndWaitForPageAsync(page.GetByRole(AriaRole.Link, new() { Name = "“学党章 守党规”知识竞赛（已结束）" }));
        var first = await page.Locator("#results tbody tr").First.Locator("td").Nth(1).InnerTextAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByText("导出成绩（CSV）").ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        csv.ShouldContain(first);
        csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBeGreaterThan(20);
    }

    [Fact]
    public async Task The_dashboard_shows_todays_study_and_the_demo_mode()
    {
        var page = await SignedInAsync();
        await page.GotoAsync("/");
        int.Parse(await page.Locator("#stat-studied").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(8, Why);
        (await page.Locator(".topbar").InnerTextAsync()).ShouldContain("演示模式");
        // Two weeks of history: the trend chart has members on days before today.
        var trend = JsonDocument.Parse(await page.Locator("#trend-chart-data").TextContentAsync() ?? "{}").RootElement;
        trend.GetProperty("series").EnumerateArray().Sum(s => s.GetProperty("data").EnumerateArray().Sum(d => d.GetInt32())).ShouldBeGreaterThan(50);
        // The demo switches the 元旦 notice on (scripts/demo.env), so a notice is always in the preview; and it seeds
        // members whose political birthday falls in the dashboard's window.
        (await page.Locator("#holiday-notices").InnerTextAsync()).ShouldContain("元旦");
        (await page.Locator("#birthdays").InnerTextAsync()).ShouldContain("（今天）", Case.Sensitive, "a political birthday today");
        await page.ScreenshotAsync("demo-dashboard");
    }

    [Fact]
    public async Task Messages_the_jobs_send_land_in_the_simulated_inbox()
    {
        var page = await SignedInAsync();
        await page.GotoAsync("/Jobs");
        foreach (var job in new[] { "political-birthdays", "daily-article-push" })
            await page.ClickAndWaitForPageAsync(page.Locator("tr", new() { HasText = job }).GetByRole(AriaRole.Button, new() { Name = "立即执行" }));

        var deadline = DateTime.UtcNow.AddMinutes(2);
        JsonElement inbox;
        do
        {
            await Task.Delay(1000);
            inbox = await Http.GetFromJsonAsync<JsonElement>(new Uri(world.Run.Simulator, "/simulator/inbox?take=500"));
        }
        while (DateTime.UtcNow < deadline && !(Has(inbox, "demo-PoliticalBirthday") && Has(inbox, "demo-DailyArticle")));
        Has(inbox, "demo-PoliticalBirthday").ShouldBeTrue(Why);
        Has(inbox, "demo-DailyArticle").ShouldBeTrue(Why);

        // The page shows the newest fifty, and which job's sends come last varies: once the sends have settled, the
        // page must name every kind of message among the simulator's own newest fifty.
        var settled = -1;
        for (var newest = inbox; DateTime.UtcNow < deadline; await Task.Delay(1500))
        {
            newest = await Http.GetFromJsonAsync<JsonElement>(new Uri(world.Run.Simulator, "/simulator/inbox?take=" + InboxModel.PageSize));
            if (newest.GetProperty("total").GetInt32() == settled) { inbox = newest; break; }
            settled = newest.GetProperty("total").GetInt32();
        }
        var kinds = inbox.GetProperty("messages").EnumerateArray().Take(InboxModel.PageSize)
            .Select(m => InboxModel.TemplateName(m.GetProperty("templateId").GetString()!)).Distinct().ToList();
        kinds.ShouldNotBeEmpty();
        await page.GotoAsync("/Simulator/Inbox");
        foreach (var kind in kinds) await page.Locator("#inbox").GetByText(kind).First.WaitForAsync();
        await page.ScreenshotAsync("demo-inbox");
    }

    [Fact]
    public async Task A_person_plays_a_member_on_the_simulated_mini_program_page()
    {
        var page = await world.PageAsync(world.Run.Simulator, 390, 844);
        await page.GotoAsync("/miniprogram/");
        await page.GetByRole(AriaRole.Button, new() { Name = "微信登录并绑定" }).ClickAsync();
        await page.Locator("#log").GetByText("用邀请码 DEMO2026 绑定").WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "参加限时答题" }).ClickAsync();
        await page.Locator("#question button").First.WaitForAsync();
        (await page.Locator("#question").InnerTextAsync()).ShouldContain("第 1 题");
    }

    [Fact]
    public async Task Demo_members_answer_the_live_question_the_organiser_opens()
    {
        var (demo, output) = world.Run.StartDemo(("LEARN_DEMO_MEMBERS", "2"), ("LEARN_DEMO_LIVE_WAIT", "120"));
        try
        {
            await Until(() => EmbeddedDefault.Read(output).Contains("党员已进入等候", StringComparison.Ordinal), TimeSpan.FromMinutes(2), () => EmbeddedDefault.Read(output));
            var live = System.Text.RegularExpressions.Regex.Match(EmbeddedDefault.Read(output), @"/Contests/Live/(\d+)").Groups[1].Value;
            var page = await SignedInAsync();
            await page.GotoAsync($"/Contests/Live/{live}");
            await page.ClickAndWaitForPageAsync(page.Locator("#open-next"));
            await Until(() => EmbeddedDefault.Read(output).Contains("直播第 1 题", StringComparison.Ordinal), TimeSpan.FromSeconds(40), () => EmbeddedDefault.Read(output));
            await page.ClickAndWaitForPageAsync(page.Locator("#close-question"));
            await page.ClickAndWaitForPageAsync(page.Locator("#reveal-answer"));
            // The big screen ranks the members who answered.
            var player = System.Text.RegularExpressions.Regex.Match(EmbeddedDefault.Read(output), @"\n\s+(\S+)：直播第 1 题").Groups[1].Value;
            var screen = await SignedInAsync();
            await screen.GotoAsync($"/Contests/Screen/{live}");
            await screen.Locator("#persons").GetByText(player).First.WaitForAsync();
        }
        finally
        {
            demo.Kill(entireProcessTree: true);
            demo.Dispose();
        }
    }

    private static async Task Until(Func<bool> condition, TimeSpan timeout, Func<string> why)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException(why());
            await Task.Delay(500);
        }
    }

    private static bool Has(JsonElement inbox, string templatePrefix) =>
        inbox.GetProperty("messages").EnumerateArray().Any(m => m.GetProperty("templateId").GetString()!.StartsWith(templatePrefix, StringComparison.Ordinal));

    private async Task<IPage> SignedInAsync()
    {
        var page = await world.PageAsync(world.Run.Admin);
        await page.GotoAsync("/Account/SignIn");
        await page.SignInAsync("admin", "Learn@2026", open: false);
        return page;
    }

    private async Task<JsonElement> PostAsync(string path, object body)
    {
        var response = await Http.PostAsJsonAsync(new Uri(world.Run.Api, path), body);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<JsonElement> GetAsync(string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(world.Run.Api, path));
        request.Headers.Authorization = new("Bearer", token);
        var response = await Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

/// <summary>
/// The walk starts five processes of its own; run alone (after the parallel classes), it neither starves the
/// other browser tests nor waits on them.
/// </summary>
[CollectionDefinition(nameof(DemoWalkTests), DisableParallelization = true)]
public sealed class DemoWalkCollection;

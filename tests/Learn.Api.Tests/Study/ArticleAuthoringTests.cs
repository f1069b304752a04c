using Learn.Api.Study;
using Learn.Core.Auditing;
using Learn.Core.Data;
using Learn.Core.Study;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.Api.Tests.Study;

/// <summary>Organiser-side article logic (Core service; Learn.Admin will call it), checked through what members get.</summary>
public class ArticleAuthoringTests(StudyFactory factory) : IClassFixture<StudyFactory>
{
    private const string Hostile = """
        <p onclick="steal()" style="background:url(javascript:alert(1))">正文<strong>重点</strong></p>
        <script>alert('x')</script><SCRIPT src="https://evil.example/x.js"></SCRIPT>
        <img src="x" onerror="alert(1)"><img src="https://img.example.cn/a.png" alt="图">
        <img src="data:image/svg+xml;base64,PHN2Zz4=">
        <a href="javascript:alert(1)">甲</a><a href="JaVaScRiPt&#58;alert(2)">乙</a><a href=" java&#09;script:alert(3)">丙</a>
        <a href="https://www.12371.cn/" target="_blank" onmouseover="x()">共产党员网</a>
        <iframe src="https://evil.example"></iframe><style>p{}</style><svg onload="alert(1)"><circle/></svg>
        <!-- <script>alert(4)</script> --><object data="x.swf"></object><form action="/steal"><input name="p"></form>
        <custom-tag>保留文字</custom-tag>
        """;

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    private Task<long> ColumnIdAsync(string name) =>
        factory.WithDbAsync(db => db.Set<ArticleColumn>().Where(c => c.Name == name).Select(c => c.Id).SingleAsync());

    private static void ShouldBeSafe(string html)
    {
        foreach (var bad in new[] { "script", "onclick", "onerror", "onmouseover", "onload", "javascript", "data:", "iframe", "style", "object", "form", "input", "svg", "<!--" })
            html.ShouldNotContain(bad, Case.Insensitive);
    }

    [Fact]
    public async Task Html_bodies_are_stored_and_served_without_script_handlers_or_dangerous_urls()
    {
        factory.Clock.SetShanghai(2026, 12, 1, 9);
        var article = await factory.PublishAsync("安全测试", factory.Tree.Root, factory.Today(), body: Hostile, format: ArticleBodyFormat.Html);

        var stored = await factory.WithDbAsync(db => db.Set<Article>().SingleAsync(a => a.Id == article.Id));
        ShouldBeSafe(stored.Body);
        ShouldBeSafe(stored.BodyHtml);
        stored.BodyHtml.ShouldContain("<p>正文<strong>重点</strong></p>");
        stored.BodyHtml.ShouldContain("<img src=\"https://img.example.cn/a.png\" alt=\"图\">");
        stored.BodyHtml.ShouldContain("<a href=\"https://www.12371.cn/\">共产党员网</a>");
        stored.BodyHtml.ShouldContain("<a>甲</a><a>乙</a><a>丙</a>");
        stored.BodyHtml.ShouldContain("保留文字");

        var member = await factory.AddMemberAsync(factory.Tree.BranchA);
        var detail = await (await factory.MemberClientAsync(member.Id)).GetJsonAsync<ArticleDetailResponse>($"/api/study/articles/{article.Id}");
        detail.BodyHtml.ShouldBe(stored.BodyHtml);
    }

    [Fact]
    public async Task Markdown_is_rendered_and_then_sanitised()
    {
        factory.Clock.SetShanghai(2026, 12, 1, 9);
        const string markdown = "## 学习要点\n\n**坚定理想信念**，[原文](https://www.12371.cn/) 与 [坏链接](javascript:alert(1))\n\n<script>alert(1)</script>\n\n- 一\n- 二\n";
        var article = await factory.PublishAsync("Markdown 测试", factory.Tree.Root, factory.Today(), body: markdown);

        var stored = await factory.WithDbAsync(db => db.Set<Article>().SingleAsync(a => a.Id == article.Id));
        ShouldBeSafe(stored.BodyHtml);
        stored.BodyHtml.ShouldContain("<h2>学习要点</h2>");
        stored.BodyHtml.ShouldContain("<strong>坚定理想信念</strong>");
        stored.BodyHtml.ShouldContain("<a href=\"https://www.12371.cn/\">原文</a>");
        stored.BodyHtml.ShouldContain("<li>二</li>");
        stored.Body.ShouldBe(markdown); // kept as written for editing; members only ever get BodyHtml
    }

    [Theory]
    [InlineData(100, 15)]   // short: the configured minimum
    [InlineData(1000, 120)] // 1000 characters at 500 a minute
    [InlineData(5000, 300)] // long: the configured maximum
    public async Task Default_minimum_reading_time_is_proportional_to_length(int characters, int seconds)
    {
        var body = string.Concat(Enumerable.Repeat("学", characters));
        var article = await factory.PublishAsync("长度" + characters, factory.Tree.Root, null, body: body, minReadingSeconds: null);
        article.TextLength.ShouldBe(characters);
        article.MinReadingSeconds.ShouldBe(seconds);
        article.MinReadingSecondsSet.ShouldBeFalse();
    }

    [Fact]
    public async Task Invalid_input_and_audiences_outside_the_organisers_scope_store_nothing()
    {
        var count = await factory.WithDbAsync(db => db.Set<Article>().CountAsync());
        var branchSecretary = new ArticleAuthor(new AuditActor(AuditActorKind.Organizer, 7, "一支部书记"), factory.Tree.BranchA.Path);
        var column = await ColumnIdAsync("廉洁教育");

        var result = await InScopeAsync(sp => sp.GetRequiredService<ArticleAuthoring>().CreateAsync(branchSecretary,
            new ArticleInput("", 99999, "来源", ArticleBodyFormat.Html, "<script>x</script>", factory.Tree.BranchB.Id, CoverImageUrl: "javascript:alert(1)")));

        result.Succeeded.ShouldBeFalse();
        result.Errors.Keys.ShouldBe(["Title", "CoverImageUrl", "ColumnId", "AudienceOrganizationId", "Body"], ignoreOrder: true);
        (await factory.WithDbAsync(db => db.Set<Article>().CountAsync())).ShouldBe(count);

        var ok = await InScopeAsync(sp => sp.GetRequiredService<ArticleAuthoring>().CreateAsync(branchSecretary,
            new ArticleInput("支部廉洁提醒", column, "第一党支部", ArticleBodyFormat.Markdown, "廉洁自律。", factory.Tree.BranchA.Id)));
        ok.Succeeded.ShouldBeTrue();
        ok.Article!.AudiencePath.ShouldBe(factory.Tree.BranchA.Path);
        (await factory.WithDbAsync(db => db.AuditLog.CountAsync(a => a.Action == "article.create" && a.EntityId == ok.Article.Id.ToString()))).ShouldBe(1);
    }

    [Fact]
    public async Task Scheduling_publishes_for_a_day_and_organisers_cannot_touch_articles_outside_their_scope()
    {
        factory.Clock.SetShanghai(2026, 12, 2, 20);
        var draft = await factory.PublishAsync("待排期", factory.Tree.BranchB, null);
        var member = await factory.AddMemberAsync(factory.Tree.BranchB);
        var outsider = new ArticleAuthor(new AuditActor(AuditActorKind.Organizer, 8, "一支部书记"), factory.Tree.BranchA.Path);
        var admin = new ArticleAuthor(new AuditActor(AuditActorKind.Organizer, 1, "管理员"), null);

        (await InScopeAsync(sp => sp.GetRequiredService<ArticleAuthoring>().ScheduleAsync(outsider, draft.Id, new DateOnly(2026, 12, 3)))).ShouldBeFalse();
        (await InScopeAsync(sp => sp.GetRequiredService<ArticleAuthoring>().ScheduleAsync(admin, draft.Id, new DateOnly(2026, 12, 3)))).ShouldBeTrue();

        (await (await factory.MemberClientAsync(member.Id)).GetJsonAsync<TodayResponse>("/api/study/today")).Article.ShouldBeNull();
        factory.Clock.SetShanghai(2026, 12, 3, 7);
        var client = await factory.MemberClientAsync(member.Id);
        (await client.GetJsonAsync<TodayResponse>("/api/study/today")).Article!.Title.ShouldBe("待排期");

        var edited = await InScopeAsync(sp => sp.GetRequiredService<ArticleAuthoring>().UpdateAsync(admin, draft.Id,
            new ArticleInput("已排期", draft.ColumnId, "编辑部", ArticleBodyFormat.Html, "<p onclick=\"x\">新正文</p>", factory.Tree.BranchB.Id, new DateOnly(2026, 12, 3))));
        edited!.Article!.BodyHtml.ShouldBe("<p>新正文</p>");
        (await client.GetJsonAsync<TodayResponse>("/api/study/today")).Article!.Title.ShouldBe("已排期");
        (await InScopeAsync(sp => sp.GetRequiredService<ArticleAuthoring>().UpdateAsync(outsider, draft.Id,
            new ArticleInput("越权", draft.ColumnId, "x", ArticleBodyFormat.Html, "x", factory.Tree.BranchA.Id)))).ShouldBeNull();
    }

    [Fact]
    public async Task Organisers_can_add_columns_and_members_see_them_in_order()
    {
        var added = await InScopeAsync(sp => sp.GetRequiredService<ArticleAuthoring>().AddColumnAsync(AuditActor.System, "  二十大精神  "));
        var duplicate = await InScopeAsync(sp => sp.GetRequiredService<ArticleAuthoring>().AddColumnAsync(AuditActor.System, "党史学习"));

        added!.Name.ShouldBe("二十大精神");
        duplicate.ShouldBeNull();
        var member = await factory.AddMemberAsync(factory.Tree.BranchA);
        var columns = await (await factory.MemberClientAsync(member.Id)).GetJsonAsync<ColumnItem[]>("/api/study/columns");
        columns.Select(c => c.Name).ShouldBe(["党史学习", "党纪学习教育", "理论武装", "廉洁教育", "二十大精神"]);
    }
}

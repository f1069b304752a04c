using System.Net;
using Learn.Api.Study;
using Learn.Core.Study;
using Learn.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.Api.Tests.Study;

/// <summary>GET /api/study/today: the most specific article for the member's organisation, falling back up the tree.</summary>
public class TodayArticleTests(StudyFactory factory) : IClassFixture<StudyFactory>
{
    private readonly StudyTree _tree = factory.Tree;

    private async Task<HttpClient> MemberOfAsync(Learn.Core.Organizations.Organization org) =>
        await factory.MemberClientAsync((await factory.AddMemberAsync(org)).Id);

    [Fact]
    public async Task Each_organisation_gets_its_own_article_and_falls_back_to_the_parent_then_the_root()
    {
        factory.Clock.SetShanghai(2026, 12, 7, 8, 30);
        var day = new DateOnly(2026, 12, 7);
        await factory.PublishAsync("全委必读", _tree.Root, day);
        await factory.PublishAsync("总支专题", _tree.General, day);
        await factory.PublishAsync("一支部专题", _tree.BranchA, day);
        var otherGeneral = await factory.WithDbAsync(db => db.AddOrganizationAsync("教育局党总支", Learn.Core.Organizations.OrganizationKind.GeneralBranch, _tree.Root));

        (await (await MemberOfAsync(_tree.BranchA)).GetJsonAsync<TodayResponse>("/api/study/today")).Article!.Title.ShouldBe("一支部专题");
        var inB = await (await MemberOfAsync(_tree.BranchB)).GetJsonAsync<TodayResponse>("/api/study/today");
        inB.Article!.Title.ShouldBe("总支专题"); // parent's
        inB.More.Select(a => a.Title).ShouldBe(["全委必读"]);
        (await (await MemberOfAsync(otherGeneral)).GetJsonAsync<TodayResponse>("/api/study/today")).Article!.Title.ShouldBe("全委必读"); // root's

        // The same resolution is what the daily push and the 今日学习 menu use.
        await using var scope = factory.Services.CreateAsyncScope();
        var today = scope.ServiceProvider.GetRequiredService<TodayArticles>();
        (await today.ForOrganizationAsync(_tree.BranchB.Id, day))!.Title.ShouldBe("总支专题");
        var all = await today.ForAllOrganizationsAsync(day);
        all[_tree.BranchA.Id].Title.ShouldBe("一支部专题");
        all[otherGeneral.Id].Title.ShouldBe("全委必读");
        var card = (await today.MenuCardAsync(_tree.BranchA.Id, day))!;
        card.Title.ShouldBe("一支部专题");
        card.Url.ShouldBe($"https://learn.example.cn/study/articles/{card.ArticleId}");
        card.PicUrl.ShouldStartWith("https://");
        card.Description.ShouldBe("学习党史，明理增信。");
        (await today.MenuCardAsync(null, day))!.Title.ShouldBe("全委必读");
    }

    [Fact]
    public async Task A_sibling_branchs_article_never_reaches_another_branch()
    {
        var day = new DateOnly(2026, 12, 8);
        factory.Clock.SetShanghai(2026, 12, 8, 0, 5);
        var onlyB = await factory.PublishAsync("二支部内部学习", _tree.BranchB, day);
        var member = await MemberOfAsync(_tree.BranchA);

        var today = await member.GetJsonAsync<TodayResponse>("/api/study/today");
        today.Article.ShouldBeNull();
        (await member.GetAsync($"/api/study/articles/{onlyB.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await member.PostAsync($"/api/study/articles/{onlyB.Id}/read/start", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task No_article_today_is_a_clear_empty_state_and_tomorrows_appears_at_midnight_shanghai()
    {
        factory.Clock.SetShanghai(2026, 12, 9, 23, 59);
        var tomorrow = await factory.PublishAsync("明日文章", _tree.Root, new DateOnly(2026, 12, 10));
        var member = await MemberOfAsync(_tree.BranchA);

        var empty = await member.GetJsonAsync<TodayResponse>("/api/study/today");
        empty.Date.ShouldBe(new DateOnly(2026, 12, 9));
        empty.Article.ShouldBeNull();
        empty.EmptyMessage.ShouldNotBeNullOrWhiteSpace();
        (await member.GetAsync($"/api/study/articles/{tomorrow.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        factory.Clock.Advance(TimeSpan.FromMinutes(1)); // 00:00 in Shanghai is 16:00 UTC the day before
        var today = await member.GetJsonAsync<TodayResponse>("/api/study/today");
        today.Article!.Title.ShouldBe("明日文章");
        today.EmptyMessage.ShouldBeNull();
    }

    [Fact]
    public async Task Drafts_are_never_shown_to_members()
    {
        factory.Clock.SetShanghai(2026, 12, 11, 9);
        var draft = await factory.PublishAsync("草稿", _tree.Root, null);
        var member = await MemberOfAsync(_tree.BranchA);
        (await member.GetAsync($"/api/study/articles/{draft.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await member.GetJsonAsync<TodayResponse>("/api/study/today")).Article.ShouldBeNull();
    }

    [Fact]
    public async Task Unbound_identities_and_anonymous_callers_are_refused()
    {
        (await factory.CreateClient().GetAsync("/api/study/today")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var unbound = await factory.CreateMemberClientAsync(null);
        (await unbound.GetAsync("/api/study/today")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}

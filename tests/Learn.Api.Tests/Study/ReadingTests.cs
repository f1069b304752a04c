using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Learn.Api.Study;
using Learn.Core.Study;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Learn.Api.Tests.Study;

/// <summary>Reading is timed by the server between start and finish; points once per article.</summary>
public class ReadingTests(StudyFactory factory) : IClassFixture<StudyFactory>
{
    private async Task<(HttpClient Client, long MemberId, Article Article)> ArrangeAsync(int minReadingSeconds = 60)
    {
        factory.Clock.SetShanghai(2026, 12, 14, 9);
        var article = await factory.PublishAsync("读原著学原文" + Guid.NewGuid().ToString("N")[..4], factory.Tree.Root, factory.Today(), minReadingSeconds: minReadingSeconds);
        var member = await factory.AddMemberAsync(factory.Tree.BranchA);
        return (await factory.MemberClientAsync(member.Id), member.Id, article);
    }

    private Task<List<StudyPointEntry>> LedgerOfAsync(long memberId) =>
        factory.WithDbAsync(db => db.Set<StudyPointEntry>().Where(e => e.MemberId == memberId).ToListAsync());

    [Fact]
    public async Task A_read_shorter_than_the_minimum_earns_nothing_and_says_how_long_is_left()
    {
        var (client, memberId, article) = await ArrangeAsync(minReadingSeconds: 60);
        var start = await client.PostJsonAsync<ReadResponse>($"/api/study/articles/{article.Id}/read/start");
        start.Completed.ShouldBeFalse();
        start.MinReadingSeconds.ShouldBe(60);

        factory.Clock.Advance(TimeSpan.FromSeconds(59));
        var finish = await client.PostJsonAsync<ReadResponse>($"/api/study/articles/{article.Id}/read/finish");

        finish.Completed.ShouldBeFalse();
        finish.PointsAwarded.ShouldBe(0);
        finish.RemainingSeconds.ShouldBe(1);
        (await LedgerOfAsync(memberId)).ShouldBeEmpty();
        (await client.GetJsonAsync<PointsResponse>("/api/study/points")).Total.ShouldBe(0);
    }

    [Fact]
    public async Task A_retried_finish_awards_once()
    {
        var (client, memberId, article) = await ArrangeAsync(minReadingSeconds: 30);
        await client.PostJsonAsync<ReadResponse>($"/api/study/articles/{article.Id}/read/start");
        factory.Clock.Advance(TimeSpan.FromSeconds(31));

        var first = await client.PostJsonAsync<ReadResponse>($"/api/study/articles/{article.Id}/read/finish");
        var retried = await client.PostJsonAsync<ReadResponse>($"/api/study/articles/{article.Id}/read/finish");

        first.Completed.ShouldBeTrue();
        first.PointsAwarded.ShouldBe(1);
        first.NewlyAwarded.ShouldBeTrue();
        retried.Completed.ShouldBeTrue();
        retried.NewlyAwarded.ShouldBeFalse();
        var ledger = await LedgerOfAsync(memberId);
        ledger.Count.ShouldBe(1);
        ledger[0].Points.ShouldBe(1);
        ledger[0].Reason.ShouldBe($"阅读《{article.Title}》");
        (await client.GetJsonAsync<PointsResponse>("/api/study/points")).Total.ShouldBe(1);
        // The member card shows the same total.
        (await client.GetJsonAsync<JsonElement>("/api/me")).GetProperty("member").GetProperty("studyPoints").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Concurrent_finishes_award_once()
    {
        var (client, memberId, article) = await ArrangeAsync(minReadingSeconds: 30);
        await client.PostJsonAsync<ReadResponse>($"/api/study/articles/{article.Id}/read/start");
        factory.Clock.Advance(TimeSpan.FromMinutes(2));

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.PostAsync($"/api/study/articles/{article.Id}/read/finish", null)));

        results.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        (await LedgerOfAsync(memberId)).Sum(e => e.Points).ShouldBe(1);
        (await LedgerOfAsync(memberId)).Count.ShouldBe(1);
        (await client.GetJsonAsync<PointsResponse>("/api/study/points")).Total.ShouldBe(1);
    }

    [Fact]
    public async Task Reading_the_same_article_again_later_earns_nothing_more()
    {
        var (client, memberId, article) = await ArrangeAsync(minReadingSeconds: 20);
        await client.PostJsonAsync<ReadResponse>($"/api/study/articles/{article.Id}/read/start");
        factory.Clock.Advance(TimeSpan.FromSeconds(25));
        await client.PostJsonAsync<ReadResponse>($"/api/study/articles/{article.Id}/read/finish");

        factory.Clock.Advance(TimeSpan.FromDays(1));
        client = await factory.MemberClientAsync(memberId); // access tokens live 30 minutes
        var again = await client.PostJsonAsync<ReadResponse>($"/api/study/articles/{article.Id}/read/start");
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        await client.PostJsonAsync<ReadResponse>($"/api/study/articles/{article.Id}/read/finish");

        again.Completed.ShouldBeTrue();
        (await LedgerOfAsync(memberId)).Count.ShouldBe(1);
        var detail = await client.GetJsonAsync<ArticleDetailResponse>($"/api/study/articles/{article.Id}");
        detail.Reading.Completed.ShouldBeTrue();
        detail.Reading.PointsAwarded.ShouldBe(1);
    }

    [Fact]
    public async Task A_new_start_restarts_the_timer()
    {
        var (client, memberId, article) = await ArrangeAsync(minReadingSeconds: 60);
        await client.PostJsonAsync<ReadResponse>($"/api/study/articles/{article.Id}/read/start");
        factory.Clock.Advance(TimeSpan.FromSeconds(50));
        await client.PostJsonAsync<ReadResponse>($"/api/study/articles/{article.Id}/read/start");
        factory.Clock.Advance(TimeSpan.FromSeconds(50));

        (await client.PostJsonAsync<ReadResponse>($"/api/study/articles/{article.Id}/read/finish")).Completed.ShouldBeFalse();
        factory.Clock.Advance(TimeSpan.FromSeconds(10));
        (await client.PostJsonAsync<ReadResponse>($"/api/study/articles/{article.Id}/read/finish")).Completed.ShouldBeTrue();
        (await LedgerOfAsync(memberId)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Finish_without_start_is_a_conflict_problem()
    {
        var (client, _, article) = await ArrangeAsync();
        var response = await client.PostAsync($"/api/study/articles/{article.Id}/read/finish", null);
        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("type").GetString().ShouldBe("urn:learn:problem:reading-not-started");
        problem.GetProperty("title").GetString().ShouldBe("请先开始阅读");
    }

    [Fact]
    public async Task Unknown_article_is_not_found()
    {
        var (client, _, _) = await ArrangeAsync();
        (await client.PostAsync("/api/study/articles/999999/read/start", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync("/api/study/articles/999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

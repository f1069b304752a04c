using System.Net;
using System.Net.Http.Headers;
using Learn.Core.Contests;
using Learn.Core.Organizations;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.Api.Tests.Contests;

/// <summary>Cache headers of the boards: shared where everyone sees the same, private for "me", nothing kept of a hidden board.</summary>
public class BoardCachingTests(ApiFactory factory) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private Organization _root = null!, _a = null!;

    public async Task InitializeAsync()
    {
        (_root, _a, _) = await factory.BankAndTreeAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<Contest> ContestAsync(bool hide) => factory.CreateContestAsync(_root, new ContestDraft
    {
        Title = "缓存测试", Mode = ContestMode.Timed, EasyCount = 1, SecondsPerQuestion = 30, HideBoardUntilClose = hide,
        PublicBoard = true, // shared caches hold public boards only (ContestReaders)
    });

    private async Task<HttpClient> PlayAsync(Contest contest, string name)
    {
        var client = await factory.CreateMemberClientAsync((await factory.MemberAsync(_a, name)).Id);
        await client.StartAsync(contest.Id);
        await factory.AnswerCurrentAsync(client, contest.Id);
        return client;
    }

    private static string CacheControl(HttpResponseMessage r) => r.Headers.CacheControl?.ToString() ?? "";

    [Fact]
    public async Task Top_and_org_boards_are_publicly_cacheable_and_my_rank_is_private_per_token()
    {
        var contest = await ContestAsync(hide: false);
        var client = await PlayAsync(contest, "缓存甲");

        var top = await client.GetAsync($"/api/contests/{contest.Id}/board");
        await top.JsonAsync();
        top.Headers.CacheControl!.Public.ShouldBeTrue();
        top.Headers.CacheControl.MaxAge.ShouldBe(TimeSpan.FromSeconds(2));
        var orgs = await client.GetAsync($"/api/contests/{contest.Id}/board/orgs");
        await orgs.JsonAsync();
        orgs.Headers.CacheControl!.Public.ShouldBeTrue();

        var me = await client.GetAsync($"/api/contests/{contest.Id}/board/me");
        (await me.JsonAsync()).GetProperty("me").GetProperty("name").GetString().ShouldBe("缓存甲");
        me.Headers.CacheControl!.Private.ShouldBeTrue();
        me.Headers.CacheControl.Public.ShouldBeFalse();
        me.Headers.Vary.ShouldContain("Authorization");
    }

    [Fact]
    public async Task Top_board_revalidates_with_its_etag_until_the_board_moves()
    {
        var contest = await ContestAsync(hide: false);
        var client = await PlayAsync(contest, "缓存乙");
        var first = await client.GetAsync($"/api/contests/{contest.Id}/board");
        await first.JsonAsync();
        var etag = first.Headers.ETag.ShouldNotBeNull();

        using var again = new HttpRequestMessage(HttpMethod.Get, $"/api/contests/{contest.Id}/board");
        again.Headers.IfNoneMatch.Add(etag);
        var notModified = await client.SendAsync(again);
        notModified.StatusCode.ShouldBe(HttpStatusCode.NotModified);
        (await notModified.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();

        await PlayAsync(contest, "新上榜者");
        // The board is updated after the answer is acknowledged, not before (docs/decisions/0306-answer-critical-path.md):
        // a read waits only briefly for it, so under load the old ETag may still be right for a moment.
        HttpResponseMessage moved;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        do
        {
            using var afterChange = new HttpRequestMessage(HttpMethod.Get, $"/api/contests/{contest.Id}/board");
            afterChange.Headers.IfNoneMatch.Add(etag);
            moved = await client.SendAsync(afterChange);
            if (moved.StatusCode != HttpStatusCode.NotModified) break;
            await Task.Delay(100);
        } while (DateTime.UtcNow < deadline);
        (await moved.JsonAsync()).ToString().ShouldContain("新上榜者");
        moved.Headers.ETag.ShouldNotBe(etag);
    }

    [Fact]
    public async Task A_hidden_board_is_never_stored_by_any_cache_and_shows_once_the_contest_closes()
    {
        var contest = await ContestAsync(hide: true);
        var client = await PlayAsync(contest, "缓存丙");
        foreach (var path in new[] { "board", "board/me", "board/orgs" })
        {
            var hidden = await client.GetAsync($"/api/contests/{contest.Id}/{path}");
            await hidden.JsonAsync(HttpStatusCode.Forbidden);
            hidden.Headers.CacheControl!.NoStore.ShouldBeTrue(path);
            CacheControl(hidden).ShouldNotContain("public", Case.Insensitive, path);
            hidden.Headers.ETag.ShouldBeNull(path);
        }

        (await factory.Services.GetRequiredService<ContestLifecycle>().CloseAsync(contest.Id)).ShouldBeTrue();
        var shown = await client.GetAsync($"/api/contests/{contest.Id}/board");
        (await shown.JsonAsync()).ToString().ShouldContain("缓存丙");
        shown.Headers.CacheControl!.Public.ShouldBeTrue();
        var final = await client.GetAsync($"/api/contests/{contest.Id}/results/me");
        await final.JsonAsync();
        final.Headers.CacheControl!.Private.ShouldBeTrue();
        final.Headers.Vary.ShouldContain("Authorization");
    }
}

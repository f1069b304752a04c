using Learn.Api.Study;
using Learn.Core.Members;
using Learn.Core.Organizations;
using Learn.Core.Redis;
using Learn.Core.Study;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Learn.Api.Tests.Study;

/// <summary>
/// Boards by person and by branch for this week (from Monday, Asia/Shanghai), this month and all
/// time, and their rebuild from the ledger when Redis lost them.
/// </summary>
public class StudyBoardsTests(StudyBoardsTests.BoardFactory factory) : IClassFixture<StudyBoardsTests.BoardFactory>
{
    /// <summary>Branch A: a1, a2, a3. Branch B: b1, and g1 in its 党小组. Points over three weeks, set up once.</summary>
    public sealed class BoardFactory : StudyFactory
    {
        public Dictionary<string, Member> People { get; } = [];

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var group = await WithDbAsync(db => db.AddOrganizationAsync("第二党支部第一党小组", OrganizationKind.Group, Tree.BranchB));
            foreach (var (name, org) in new[] { ("a1", Tree.BranchA), ("a2", Tree.BranchA), ("a3", Tree.BranchA), ("b1", Tree.BranchB), ("g1", group) })
                People[name] = await this.AddMemberAsync(org, name);

            var points = Services.GetRequiredService<StudyPoints>();
            async Task Award(string who, int p, int month, int day, int hour, int minute = 0)
            {
                Clock.SetShanghai(2026, month, day, hour, minute);
                await points.AwardAsync(People[who].Id, StudyPointKind.Contest, $"{who}:{month}-{day}-{hour}", p, "竞赛");
            }
            await Award("a2", 20, 11, 30, 10);     // last month
            await Award("a1", 10, 12, 6, 23, 30);  // Sunday night: last week, this month
            await Award("a2", 5, 12, 7, 0, 10);    // Monday just after midnight: this week
            await Award("b1", 8, 12, 9, 9);
            await Award("g1", 4, 12, 9, 10);
            await Award("a1", 3, 12, 9, 11);
            await Award("a3", 6, 12, 9, 12);
            Clock.SetShanghai(2026, 12, 9, 15);
        }
    }

    private async Task<HttpClient> ClientOf(string who) => await factory.MemberClientAsync(factory.People[who].Id);

    private string[] Names(IEnumerable<PersonPlaceItem> places) => [.. places.Select(p => $"{p.Name}:{p.Points}#{p.Rank}")];

    [Fact]
    public async Task Person_boards_for_week_month_and_all_time_follow_shanghai_calendar_units()
    {
        var client = await ClientOf("a2");

        var week = await client.GetJsonAsync<PeopleBoardResponse>("/api/study/boards/people?period=week");
        var month = await client.GetJsonAsync<PeopleBoardResponse>("/api/study/boards/people?period=month");
        var all = await client.GetJsonAsync<PeopleBoardResponse>("/api/study/boards/people?period=all");

        Names(week.Top).ShouldBe(["b1:8#1", "a3:6#2", "a2:5#3", "g1:4#4", "a1:3#5"]);
        Names(month.Top).ShouldBe(["a1:13#1", "b1:8#2", "a3:6#3", "a2:5#4", "g1:4#5"]);
        Names(all.Top).ShouldBe(["a2:25#1", "a1:13#2", "b1:8#3", "a3:6#4", "g1:4#5"]);
        week.Top[0].Organization.ShouldBe("第二党支部");
    }

    [Fact]
    public async Task My_rank_and_the_ranks_around_me()
    {
        var week = await (await ClientOf("a2")).GetJsonAsync<PeopleBoardResponse>("/api/study/boards/people?period=week&top=1");

        Names(week.Top).ShouldBe(["b1:8#1"]);
        week.Me!.Rank.ShouldBe(3);
        week.Me.Points.ShouldBe(5);
        Names(week.AroundMe).ShouldBe(["b1:8#1", "a3:6#2", "a2:5#3", "g1:4#4", "a1:3#5"]);

        var nobody = await factory.AddMemberAsync(factory.Tree.General, "新党员"); // outside both branches: their counts stay
        var empty = await (await factory.MemberClientAsync(nobody.Id)).GetJsonAsync<PeopleBoardResponse>("/api/study/boards/people?period=week");
        empty.Me.ShouldBeNull();
        empty.AroundMe.ShouldBeEmpty();
    }

    [Fact]
    public async Task Branch_boards_rank_by_total_or_by_points_per_member_so_small_branches_can_win()
    {
        var client = await ClientOf("g1");

        var byTotal = await client.GetJsonAsync<BranchBoardResponse>("/api/study/boards/branches?period=week&by=total");
        var byAverage = await client.GetJsonAsync<BranchBoardResponse>("/api/study/boards/branches?period=week&by=average");

        byTotal.Top.Select(b => (b.Name, b.TotalPoints, b.MemberCount)).ShouldBe([("第一党支部", 14, 3), ("第二党支部", 12, 2)]);
        byAverage.Top.Select(b => (b.Name, b.AveragePoints)).ShouldBe([("第二党支部", 6.0), ("第一党支部", 4.67)]);
        byAverage.Mine!.Name.ShouldBe("第二党支部"); // a 党小组 member counts for its 党支部
        byAverage.Mine.Rank.ShouldBe(1);
        (await client.GetJsonAsync<BranchBoardResponse>("/api/study/boards/branches?period=all")).Top
            .Select(b => (b.Name, b.TotalPoints)).ShouldBe([("第一党支部", 44), ("第二党支部", 12)]);
    }

    [Fact]
    public async Task Unknown_period_is_a_validation_problem()
    {
        var response = await (await ClientOf("a1")).GetAsync("/api/study/boards/people?period=year");
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("urn:learn:problem:validation");
    }
}

/// <summary>The boards are a cache of the ledger: losing them in Redis loses nothing.</summary>
public class StudyBoardsRebuildTests(StudyBoardsTests.BoardFactory factory) : IClassFixture<StudyBoardsTests.BoardFactory>
{
    private async Task<HttpClient> ClientOf(string who) => await factory.MemberClientAsync(factory.People[who].Id);

    [Fact]
    public async Task After_redis_loses_the_boards_they_rebuild_from_the_ledger_and_match_it()
    {
        var client = await ClientOf("a1");
        var urls = new[] { "week", "month", "all" }.SelectMany(p => new[]
        {
            $"/api/study/boards/people?period={p}", $"/api/study/boards/branches?period={p}&by=total",
        }).ToArray();
        var before = await Task.WhenAll(urls.Select(client.GetStringAsync));

        var deleted = await FlushOurKeysAsync();
        deleted.ShouldBeGreaterThan(0);

        var after = await Task.WhenAll(urls.Select(client.GetStringAsync));
        after.ShouldBe(before);
        // And the all-time board is exactly the ledger's sums.
        var ledger = await factory.WithDbAsync(db => db.Set<StudyPointEntry>().GroupBy(e => e.MemberId)
            .Select(g => new { g.Key, Sum = g.Sum(e => e.Points) }).ToDictionaryAsync(g => g.Key, g => g.Sum));
        var all = await client.GetJsonAsync<PeopleBoardResponse>("/api/study/boards/people?period=all");
        all.Top.Select(p => (p.MemberId, p.Points)).OrderBy(p => p.MemberId)
            .ShouldBe(ledger.Where(l => l.Value > 0).Select(l => (l.Key, l.Value)).OrderBy(p => p.Key));
    }

    [Fact]
    public async Task An_award_made_while_the_boards_are_missing_is_on_the_rebuilt_boards()
    {
        await FlushOurKeysAsync();
        var b1 = factory.People["b1"].Id;
        await factory.Services.GetRequiredService<StudyPoints>().AwardAsync(b1, StudyPointKind.Quiz, "after-flush", 2, "答题");

        var week = await (await ClientOf("b1")).GetJsonAsync<PeopleBoardResponse>("/api/study/boards/people?period=week");
        week.Me!.Points.ShouldBe(10);
        var ledgerWeek = await factory.WithDbAsync(db => db.Set<StudyPointEntry>()
            .Where(e => e.MemberId == b1 && e.Day >= new DateOnly(2026, 12, 7)).SumAsync(e => e.Points));
        week.Me.Points.ShouldBe(ledgerWeek);
    }

    /// <summary>Deletes every key of this factory's prefix, as a Redis restart without persistence would.</summary>
    private async Task<int> FlushOurKeysAsync()
    {
        var redis = factory.Services.GetRequiredService<RedisStore>();
        var server = redis.Connection.GetServer(redis.Connection.GetEndPoints()[0]);
        var keys = server.Keys(pattern: factory.RedisKeyPrefix + "*").ToArray();
        await redis.Connection.GetDatabase().KeyDeleteAsync(keys);
        return keys.Length;
    }
}

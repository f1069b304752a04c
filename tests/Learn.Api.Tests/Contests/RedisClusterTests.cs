using System.Net;
using System.Text.Json;
using Learn.Core.Contests;
using Learn.Core.Contests.Boards;
using Learn.Core.Organizations;
using Learn.Core.Redis;
using Learn.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Learn.Api.Tests.Contests;

/// <summary>Learn.Api on the 3-node Redis Cluster of scripts/test-services.sh, one answer a second per member (the bucket holds two).</summary>
public sealed class RedisClusterApi : ApiFactory
{
    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        settings["ConnectionStrings:Redis"] = TestServers.RedisCluster;
        settings["Contests:AnswersPerSecondPerMember"] = "1";
    }
}

/// <summary>
/// Beyond one Redis (issue 13 §4): boards, the rebuild, live events and the answer rate limit through HTTP on a real
/// Redis Cluster, with two Learn.Api instances. A contest's keys carry one hash tag, so its multi-key scripts stay
/// in one slot: without it the board script fails with CROSSSLOT and the board never shows the answers.
/// </summary>
public class RedisClusterTests(RedisClusterApi factory) : IClassFixture<RedisClusterApi>, IAsyncLifetime
{
    private Organization _root = null!, _a = null!, _b = null!;
    private SecondInstance _second = null!;

    public async Task InitializeAsync()
    {
        (_root, _a, _b) = await factory.BankAndTreeAsync();
        _second = new SecondInstance(factory);
        await _second.InitializeAsync();
    }

    public async Task DisposeAsync() => await _second.DisposeAsync();

    private Task<Contest> TimedAsync(string title) => factory.CreateContestAsync(_root, new ContestDraft
    {
        Title = title, Mode = ContestMode.Timed, EasyCount = 1, MediumCount = 1, SecondsPerQuestion = 30, PointsPerCorrect = 10,
    });

    [Fact]
    public async Task Two_instances_share_one_board_in_one_slot_and_a_flush_of_every_node_is_rebuilt_on_the_next_read()
    {
        var contests = new List<Contest>();
        for (var i = 0; i < 3; i++) contests.Add(await TimedAsync("集群榜单" + i)); // three contests: most likely two slots' owners differ
        var contest = contests[0];
        var one = await factory.CreateMemberClientAsync((await factory.MemberAsync(_a, "集群一号")).Id);
        var two = await _second.CreateMemberClientAsync((await factory.MemberAsync(_b, "集群二号")).Id);
        foreach (var c in contests)
        {
            await one.StartAsync(c.Id);
            await two.StartAsync(c.Id);
            await factory.AnswerCurrentAsync(one, c.Id, correct: true);
            await _second.AnswerCurrentAsync(two, c.Id, correct: true);
            await _second.AnswerCurrentAsync(two, c.Id, correct: true);
        }

        var fromOne = (await one.BoardAsync(contest.Id)).GetProperty("rows");
        (await two.BoardAsync(contest.Id)).GetProperty("rows").ToString().ShouldBe(fromOne.ToString());
        fromOne.EnumerateArray().Select(r => r.GetProperty("name").GetString()).ShouldBe(["集群二号", "集群一号"]);
        fromOne[0].GetProperty("score").GetInt32().ShouldBe(20);
        var orgs = (await (await two.GetAsync($"/api/contests/{contest.Id}/board/orgs")).JsonAsync()).ToString();
        orgs.ShouldContain("第一党支部");

        // Every key of each contest lives on one node (one slot), whichever node that is. Board changes follow the
        // acknowledgement (ADR 0306) and a contest's first one may wait for its rebuild: read each board first.
        foreach (var c in contests) await one.BoardAsync(c.Id);
        foreach (var c in contests)
        {
            var perNode = OurKeysPerNode(BoardKeys.Of(c.Id, "*"));
            perNode.Count(n => n > 0).ShouldBe(1, string.Join(",", perNode));
            perNode.Sum().ShouldBeGreaterThanOrEqualTo(4);
        }

        // Board changes are applied after the acknowledgement (ADR 0306): let both instances' queues drain before the flush.
        foreach (var app in new[] { factory.Services, _second.Services })
            await app.GetRequiredService<global::Learn.Api.Contests.BoardCatchUp>().SettledAsync(TimeSpan.FromSeconds(2), CancellationToken.None);
        await FlushOurKeysAsync();
        OurKeysPerNode("*").Sum().ShouldBe(0);
        (await two.BoardAsync(contest.Id)).GetProperty("rows").ToString().ShouldBe(fromOne.ToString()); // rebuilt from the database
        (await (await one.GetAsync($"/api/contests/{contest.Id}/board/orgs")).JsonAsync()).ToString().ShouldBe(orgs);
        var redis = factory.Services.GetRequiredService<RedisStore>().Database;
        (await redis.StringGetAsync(BoardKeys.State(contest.Id))).ToString().ShouldBe(BoardKeys.Ready);
    }

    [Fact]
    public async Task Live_events_published_on_one_instance_reach_members_on_the_other()
    {
        var contest = await factory.CreateContestAsync(_root, new ContestDraft { Title = "集群直播", Mode = ContestMode.Live, SecondsPerQuestion = 15, PointsPerCorrect = 10 });
        var member = await _second.CreateMemberClientAsync((await factory.MemberAsync(_a, "集群直播观众")).Id);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await member.GetAsync($"/api/contests/{contest.Id}/live/events", HttpCompletionOption.ResponseHeadersRead, cts.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));
        (await BoardTests.NextDataAsync(reader, cts.Token)).ShouldContain("subscribed");

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var (outcome, round) = await scope.ServiceProvider.GetRequiredService<LiveHost>().OpenQuestionAsync("/", contest.Id);
            outcome.ShouldBe(LiveHost.Outcome.Done);
            var opened = JsonDocument.Parse(await BoardTests.NextDataAsync(reader, cts.Token)).RootElement;
            opened.GetProperty("type").GetString().ShouldBe("open");
            opened.GetProperty("seq").GetInt32().ShouldBe(round!.Seq);
        }
        var state = await (await member.GetAsync($"/api/contests/{contest.Id}/live/current")).JsonAsync();
        factory.Clock.Advance(TimeSpan.FromSeconds(2));
        (await member.AnswerAsync(contest.Id, state.GetProperty("attemptId").GetInt64(), 1, await factory.AnswerForAsync(state.GetProperty("open"))))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await member.BoardAsync(contest.Id)).GetProperty("rows")[0].GetProperty("name").GetString().ShouldBe("集群直播观众");
    }

    [Fact]
    public async Task The_answer_rate_limit_is_per_member_and_contest_in_one_batch()
    {
        // The bucket is held per instance (docs/decisions/0306-answer-critical-path.md): nothing of it is in the cluster.
        var contest = await TimedAsync("集群限流");
        var other = await TimedAsync("集群限流另一场");
        var memberId = (await factory.MemberAsync(_a, "集群连点者")).Id;
        var member = await factory.CreateMemberClientAsync(memberId);
        var attempt = await member.StartAsync(contest.Id);
        var otherAttempt = await member.StartAsync(other.Id);
        var answer = await factory.AnswerForAsync(attempt.GetProperty("current"));
        var otherAnswer = await factory.AnswerForAsync(otherAttempt.GetProperty("current"));

        // Eight sends of one answer, and beside them one answer in another contest (maybe the same batch):
        // the budget is per member and contest, so the other contest's answer goes through.
        var sends = Enumerable.Range(0, 8).Select(_ => member
            .AnswerAsync(contest.Id, attempt.GetProperty("attemptId").GetInt64(), 1, answer, requestId: "cluster-tap")).ToList();
        sends.Add(member.AnswerAsync(other.Id, otherAttempt.GetProperty("attemptId").GetInt64(), 1, otherAnswer));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var responses = await Task.WhenAll(sends);
        var elapsed = clock.Elapsed;
        responses[8].StatusCode.ShouldBe(HttpStatusCode.OK);
        var passed = responses[..8].Count(r => r.StatusCode == HttpStatusCode.OK);
        passed.ShouldBeLessThanOrEqualTo(2 + (int)elapsed.TotalSeconds, $"{elapsed.TotalMilliseconds:F0} ms");
        passed.ShouldBeGreaterThanOrEqualTo(1);
        responses[..8].Count(r => r.StatusCode == HttpStatusCode.TooManyRequests).ShouldBe(8 - passed);
    }

    private IDatabase Raw => factory.Services.GetRequiredService<RedisStore>().Connection.GetDatabase();

    private IEnumerable<IServer> Primaries()
    {
        var connection = factory.Services.GetRequiredService<RedisStore>().Connection;
        return connection.GetEndPoints().Select(e => connection.GetServer(e)).Where(s => s.IsConnected && !s.IsReplica);
    }

    /// <summary>How many of this factory's keys matching <paramref name="pattern"/> each primary holds.</summary>
    private List<int> OurKeysPerNode(string pattern)
    {
        var prefix = factory.Services.GetRequiredService<RedisStore>().KeyPrefix;
        // SCAN's MATCH treats braces literally but brackets as a class: escape them for the hash tag.
        var escaped = (prefix + pattern).Replace("[", "\\[", StringComparison.Ordinal);
        return Primaries().Select(s => s.Keys(pattern: escaped, pageSize: 1000).Count()).ToList();
    }

    /// <summary>What FLUSHALL on every node does to this environment (other test classes share the cluster).</summary>
    private async Task FlushOurKeysAsync()
    {
        var prefix = factory.Services.GetRequiredService<RedisStore>().KeyPrefix;
        foreach (var server in Primaries())
            foreach (var key in server.Keys(pattern: prefix + "*", pageSize: 1000).ToArray())
                await Raw.KeyDeleteAsync(key);
    }
}

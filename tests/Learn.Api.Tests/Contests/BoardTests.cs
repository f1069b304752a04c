using System.Net;
using Learn.Api.Contests;
using Learn.Core.Contests;
using Learn.Core.Contests.Boards;
using Learn.Core.Organizations;
using Learn.TestSupport;
using Learn.Core.Redis;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Learn.Api.Tests.Contests;

/// <summary>Person and organisation boards: order, roll-ups, rebuild after a Redis flush, void, hiding, freezing.</summary>
public partial class BoardTests(ApiFactory factory) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private Organization _root = null!, _a = null!, _b = null!;

    public async Task InitializeAsync()
    {
        (_root, _a, _b) = await factory.BankAndTreeAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<Contest> ContestAsync(bool hide = false) => factory.CreateContestAsync(_root, new ContestDraft
    {
        Title = "榜单测试", Mode = ContestMode.Timed, EasyCount = 1, MediumCount = 1, HardCount = 0,
        SecondsPerQuestion = 30, PointsPerCorrect = 10, HideBoardUntilClose = hide,
    });

    /// <summary>Plays a whole two-question paper: each answer after <paramref name="think"/>.</summary>
    private async Task<HttpClient> PlayAsync(Contest contest, Organization org, string name, int correct, TimeSpan think)
    {
        var client = await factory.CreateMemberClientAsync((await factory.MemberAsync(org, name)).Id);
        await client.StartAsync(contest.Id);
        for (var i = 0; i < 2; i++) await factory.AnswerCurrentAsync(client, contest.Id, correct: i < correct, think: think);
        return client;
    }

    [Fact]
    public async Task Ties_are_broken_by_less_total_time_then_by_who_reached_the_score_first()
    {
        var contest = await ContestAsync();
        var viewer = await PlayAsync(contest, _a, "全对用时18秒", 2, TimeSpan.FromSeconds(9));
        await PlayAsync(contest, _a, "全对用时8秒但后到", 2, TimeSpan.FromSeconds(4));
        await PlayAsync(contest, _b, "零分", 0, TimeSpan.FromSeconds(4));
        await PlayAsync(contest, _b, "全对用时40秒", 2, TimeSpan.FromSeconds(20));
        // Equal score and equal total time: the one who reached the score first ranks higher.
        await PlayAsync(contest, _b, "半对先到", 1, TimeSpan.FromSeconds(5));
        await PlayAsync(contest, _b, "半对后到", 1, TimeSpan.FromSeconds(5));

        var names = (await viewer.BoardAsync(contest.Id)).GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("name").GetString()).ToList();
        names.ShouldBe(["全对用时8秒但后到", "全对用时18秒", "全对用时40秒", "半对先到", "半对后到", "零分"]);
        var me = await (await viewer.GetAsync($"/api/contests/{contest.Id}/board/me?radius=1")).JsonAsync();
        me.GetProperty("me").GetProperty("rank").GetInt64().ShouldBe(2);
        me.GetProperty("around").EnumerateArray().Select(r => r.GetProperty("name").GetString()).ShouldBe(["全对用时8秒但后到", "全对用时18秒", "全对用时40秒"]);
        // The order above is the rule published on the contest page.
        (await (await viewer.GetAsync($"/api/contests/{contest.Id}")).JsonAsync()).GetProperty("rankingRule").GetString()!
            .ShouldContain("得分相同，总答题用时少者在前；仍相同，先达到该得分者在前");
    }

    [Fact]
    public async Task Organisation_board_rolls_up_total_average_and_participation_rate()
    {
        var contest = await ContestAsync();
        await factory.MemberAsync(_a, "未参赛甲");
        await factory.MemberAsync(_b, "未参赛乙");
        await factory.MemberAsync(_b, "未参赛丙");
        var client = await PlayAsync(contest, _a, "支部一", 2, TimeSpan.FromSeconds(2));
        await PlayAsync(contest, _b, "支部二", 1, TimeSpan.FromSeconds(2));

        var board = await (await client.GetAsync($"/api/contests/{contest.Id}/board/orgs")).JsonAsync();
        var units = board.GetProperty("units").EnumerateArray().ToDictionary(u => u.GetProperty("name").GetString()!);
        var one = units["第一党支部"];
        var ids = await factory.WithDbAsync(db => db.Members.Where(m => m.Organization!.Path.StartsWith(_a.Path)).CountAsync());
        one.GetProperty("members").GetInt64().ShouldBe(ids);
        one.GetProperty("participants").GetInt64().ShouldBe(await factory.WithDbAsync(db =>
            db.Set<ContestEntry>().CountAsync(e => e.ContestId == contest.Id && e.OrganizationPath.StartsWith(_a.Path))));
        var total = await factory.WithDbAsync(db => db.Set<ContestEntry>().Where(e => e.ContestId == contest.Id).SumAsync(e => e.Score));
        var parent = board.GetProperty("parent");
        parent.GetProperty("totalScore").GetInt64().ShouldBe(total);
        parent.GetProperty("totalScore").GetInt64().ShouldBe(units.Values.Sum(u => u.GetProperty("totalScore").GetInt64()));
        parent.GetProperty("participationRate").GetDouble().ShouldBe(
            Math.Round((double)parent.GetProperty("participants").GetInt64() / parent.GetProperty("members").GetInt64(), 4));
        one.GetProperty("averagePerMember").GetDouble().ShouldBe(
            Math.Round((double)one.GetProperty("totalScore").GetInt64() / one.GetProperty("members").GetInt64(), 2));
    }

    [Fact]
    public async Task A_redis_flush_mid_contest_is_followed_by_a_correct_rebuild_from_the_database()
    {
        var contest = await ContestAsync();
        var client = await PlayAsync(contest, _a, "重建前", 2, TimeSpan.FromSeconds(3));
        await PlayAsync(contest, _b, "重建前二", 1, TimeSpan.FromSeconds(3));
        // Board changes follow the acknowledgement (ADR 0306) and a read waits only for its own member's, briefly: under a
        // loaded suite let this instance's queue drain before taking the "before" figures, and again before the last read.
        var catchUp = factory.Services.GetRequiredService<BoardCatchUp>();
        await catchUp.SettledAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        var before = await client.BoardAsync(contest.Id);
        var orgsBefore = (await (await client.GetAsync($"/api/contests/{contest.Id}/board/orgs")).JsonAsync()).ToString();

        await FlushOurKeysAsync();
        var after = await client.BoardAsync(contest.Id); // a read finds the marker gone and rebuilds
        after.GetProperty("rows").ToString().ShouldBe(before.GetProperty("rows").ToString());
        (await (await client.GetAsync($"/api/contests/{contest.Id}/board/orgs")).JsonAsync()).ToString().ShouldBe(orgsBefore);

        await FlushOurKeysAsync();
        var latecomer = await PlayAsync(contest, _b, "重建后", 2, TimeSpan.FromSeconds(1)); // a write finds the marker gone
        await catchUp.SettledAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        var rows = (await latecomer.BoardAsync(contest.Id)).GetProperty("rows").EnumerateArray().ToList();
        rows.Count.ShouldBe(before.GetProperty("rows").GetArrayLength() + 1);
        rows[0].GetProperty("name").GetString().ShouldBe("重建后");
    }

    [Fact]
    public async Task After_a_flush_a_member_reads_their_own_answer_even_when_a_read_rebuilt_the_board_first()
    {
        // The race this guards against lasted until the catch-up's next tick: five rounds make missing it unlikely.
        for (var round = 0; round < 5; round++)
        {
            var contest = await ContestAsync();
            var first = await factory.CreateMemberClientAsync((await factory.MemberAsync(_a, $"清空前作答{round}")).Id);
            var second = await factory.CreateMemberClientAsync((await factory.MemberAsync(_b, $"清空后作答{round}")).Id);
            await first.StartAsync(contest.Id);
            await second.StartAsync(contest.Id);
            await factory.AnswerCurrentAsync(first, contest.Id, correct: true);
            await factory.Services.GetRequiredService<BoardCatchUp>().SettledAsync(TimeSpan.FromSeconds(10), CancellationToken.None);

            await FlushOurKeysAsync();
            // This change meets a missing board: the instance falls behind and rebuilds from the database. A read may
            // rebuild it first; a change committed after that must still reach the board (it used to be dropped until
            // the catch-up's next tick, and the member read a board without their answer).
            await factory.AnswerCurrentAsync(first, contest.Id, correct: true);
            (await CorrectCountAsync(first, contest)).ShouldBe(2); // waits for its change, then finds the board missing: rebuilds it
            await factory.AnswerCurrentAsync(second, contest.Id, correct: true);

            (await CorrectCountAsync(second, contest)).ShouldBe(1, $"round {round}");
        }
    }

    private static async Task<int> CorrectCountAsync(HttpClient member, Contest contest)
    {
        var me = await (await member.GetAsync($"/api/contests/{contest.Id}/board/me")).JsonAsync();
        return me.GetProperty("me").GetProperty("correctCount").GetInt32();
    }

    [Fact]
    public async Task Rebuild_command_service_rebuilds_every_open_contest()
    {
        var contest = await ContestAsync();
        var client = await PlayAsync(contest, _a, "命令重建", 2, TimeSpan.FromSeconds(3));
        var before = (await client.BoardAsync(contest.Id)).GetProperty("rows").ToString();
        await FlushOurKeysAsync();
        (await factory.Services.GetRequiredService<BoardRebuilder>().RebuildOpenContestsAsync()).ShouldBeGreaterThanOrEqualTo(1);
        var redis = factory.Services.GetRequiredService<RedisStore>().Database;
        (await redis.StringGetAsync(BoardKeys.State(contest.Id))).ToString().ShouldBe(BoardKeys.Ready);
        (await client.BoardAsync(contest.Id)).GetProperty("rows").ToString().ShouldBe(before);
    }

    [Fact]
    public async Task Hidden_boards_open_when_the_contest_closes_and_the_frozen_ranking_stays_queryable()
    {
        var contest = await ContestAsync(hide: true);
        var client = await PlayAsync(contest, _a, "隐藏榜", 2, TimeSpan.FromSeconds(2));
        var hidden = await client.GetAsync($"/api/contests/{contest.Id}/board");
        (await hidden.JsonAsync(HttpStatusCode.Forbidden)).GetProperty("type").GetString().ShouldBe(ContestProblems.BoardHidden);

        var lifecycle = factory.Services.GetRequiredService<ContestLifecycle>();
        (await lifecycle.CloseAsync(contest.Id)).ShouldBeTrue();
        (await lifecycle.CloseAsync(contest.Id)).ShouldBeFalse();
        factory.Services.GetRequiredService<ContestCaches>().ForgetContest(contest.Id);

        var live = await client.BoardAsync(contest.Id);
        var final = await (await client.GetAsync($"/api/contests/{contest.Id}/results")).JsonAsync();
        final.EnumerateArray().Select(r => r.GetProperty("memberId").GetInt64()).ShouldBe(live.MemberIds());
        var mine = await (await client.GetAsync($"/api/contests/{contest.Id}/results/me")).JsonAsync();
        mine.GetProperty("rank").GetInt32().ShouldBe(1);
        mine.GetProperty("correctCount").GetInt32().ShouldBe(2);
        (await client.PostAsync($"/api/contests/{contest.Id}/attempts", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Board_stream_sends_a_snapshot_then_an_update_after_an_answer()
    {
        var contest = await ContestAsync();
        var viewer = await PlayAsync(contest, _a, "大屏观众", 1, TimeSpan.FromSeconds(2));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await viewer.GetAsync($"/api/contests/{contest.Id}/board/stream", HttpCompletionOption.ResponseHeadersRead, cts.Token);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));
        (await NextDataAsync(reader, cts.Token)).ShouldContain("大屏观众");
        await PlayAsync(contest, _b, "新上榜", 2, TimeSpan.FromSeconds(1));
        string update;
        do update = await NextDataAsync(reader, cts.Token); while (!update.Contains("新上榜"));
        update.ShouldContain("新上榜");
    }

    internal static async Task<string> NextDataAsync(StreamReader reader, CancellationToken ct)
    {
        while (await reader.ReadLineAsync(ct) is { } line)
            if (line.StartsWith("data: ", StringComparison.Ordinal)) return line["data: ".Length..];
        throw new EndOfStreamException();
    }

    /// <summary>
    /// Lets this instance's board queue drain, then runs <paramref name="during"/> with the queue held: board changes of
    /// answers committed meanwhile wait in it. Released (and drained again) afterwards, also when <paramref name="during"/> fails.
    /// </summary>
    private async Task WhileTheQueueIsHeldAsync(Func<Task> during)
    {
        var catchUp = factory.Services.GetRequiredService<BoardCatchUp>();
        await catchUp.SettledAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        var hold = new TaskCompletionSource();
        catchUp.HeldForTests = hold.Task;
        try
        {
            await during();
        }
        finally
        {
            hold.TrySetResult();
            catchUp.HeldForTests = null;
        }
        await catchUp.SettledAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
    }

    /// <summary>The whole tree's figures on the organisation board equal the counted (non-voided) entries in the database.</summary>
    private async Task<List<ContestEntry>> RollUpsEqualTheCountedEntriesAsync(HttpClient reader, Contest contest)
    {
        var parent = (await (await reader.GetAsync($"/api/contests/{contest.Id}/board/orgs")).JsonAsync()).GetProperty("parent");
        var counted = await factory.WithDbAsync(db => db.Set<ContestEntry>().Where(e => e.ContestId == contest.Id && !e.Voided).ToListAsync());
        parent.GetProperty("totalScore").GetInt64().ShouldBe(counted.Sum(e => e.Score));
        parent.GetProperty("participants").GetInt64().ShouldBe(counted.Count);
        return counted;
    }

    /// <summary>What FLUSHALL does to this environment: every key under our prefix is gone (other test classes share the server).</summary>
    private async Task FlushOurKeysAsync()
    {
        var redis = factory.Services.GetRequiredService<RedisStore>();
        var server = redis.Connection.GetServer(redis.Connection.GetEndPoints()[0]);
        var raw = redis.Connection.GetDatabase();
        foreach (var key in server.Keys(pattern: redis.KeyPrefix + "*", pageSize: 1000).ToArray()) await raw.KeyDeleteAsync(key);
    }
}

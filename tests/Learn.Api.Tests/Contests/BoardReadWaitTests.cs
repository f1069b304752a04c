using System.Diagnostics;
using System.Text.Json;
using Learn.Api.Contests;
using Learn.Core.Contests;
using Learn.Core.Contests.Boards;
using Learn.Core.Organizations;
using Learn.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.Api.Tests.Contests;

/// <summary>
/// Board reads under writes (docs/decisions/0307-board-reads-under-writes.md): board changes are applied after the
/// acknowledgement, so a member reading right after their answer waits for their own queued change — and only they
/// do. The apply loop is held up through its test hook to make "queued, not yet applied" last.
/// </summary>
public class BoardReadWaitTests(ApiFactory factory) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private static readonly TimeSpan ReadWait = TimeSpan.FromMilliseconds(250); // BoardApi's limit
    private Organization _root = null!, _a = null!;

    private BoardCatchUp CatchUp => factory.Services.GetRequiredService<BoardCatchUp>();

    public async Task InitializeAsync() => (_root, _a, _) = await factory.BankAndTreeAsync();

    public Task DisposeAsync()
    {
        CatchUp.HeldForTests = null;
        return Task.CompletedTask;
    }

    private async Task<Contest> ContestAsync()
    {
        var contest = await factory.CreateContestAsync(_root, new ContestDraft
        {
            Title = "读榜等待", Mode = ContestMode.Timed, EasyCount = 2, MediumCount = 1, HardCount = 0, SecondsPerQuestion = 30, PointsPerCorrect = 10,
        });
        // The board exists before anyone joins: the first change finds it ready instead of marking the contest behind for a rebuild.
        await factory.Services.GetRequiredService<ContestBoard>().EnsureReadyAsync(contest.Id);
        return contest;
    }

    private async Task<HttpClient> JoinedAsync(Contest contest, string name)
    {
        var client = await factory.CreateMemberClientAsync((await factory.MemberAsync(_a, name)).Id);
        await client.StartAsync(contest.Id);
        await factory.AnswerCurrentAsync(client, contest.Id);
        await CatchUp.SettledAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        return client;
    }

    private static async Task<(JsonElement Me, TimeSpan Took)> MeAsync(HttpClient client, long contestId)
    {
        var clock = Stopwatch.StartNew();
        var me = await (await client.GetAsync($"/api/contests/{contestId}/board/me?radius=2")).JsonAsync();
        return (me, clock.Elapsed);
    }

    [Fact]
    public async Task A_member_sees_their_own_acknowledged_answer_on_board_me_at_once_even_when_the_apply_is_late()
    {
        var contest = await ContestAsync();
        var member = await JoinedAsync(contest, "自己的答案");
        (await MeAsync(member, contest.Id)).Me.GetProperty("me").GetProperty("score").GetInt32().ShouldBeGreaterThan(0);
        var before = (await MeAsync(member, contest.Id)).Me.GetProperty("me").GetProperty("score").GetInt32();

        var hold = new TaskCompletionSource();
        CatchUp.HeldForTests = hold.Task;
        var reply = await factory.AnswerCurrentAsync(member, contest.Id);
        // The change is queued behind the hold; it reaches Redis 100 ms after the reply, while the read below waits.
        _ = Task.Delay(100).ContinueWith(_ => hold.TrySetResult(), TaskScheduler.Default);
        var (me, _) = await MeAsync(member, contest.Id);
        me.GetProperty("me").GetProperty("score").GetInt32().ShouldBe(before + reply.GetProperty("points").GetInt32());
    }

    [Fact]
    public async Task Other_members_do_not_wait_for_changes_still_queued()
    {
        var contest = await ContestAsync();
        var answering = await JoinedAsync(contest, "正在答题");
        var reader = await JoinedAsync(contest, "只看榜");

        var hold = new TaskCompletionSource();
        CatchUp.HeldForTests = hold.Task;
        try
        {
            await factory.AnswerCurrentAsync(answering, contest.Id); // queued, held: not in Redis
            // The answering member's own read waits (up to the limit): their change is still queued.
            (await MeAsync(answering, contest.Id)).Took.ShouldBeGreaterThanOrEqualTo(ReadWait - TimeSpan.FromMilliseconds(20));
            // Another member reads at once. Each waiting read would take at least the limit; allow a slow host one good try in three.
            var others = new List<TimeSpan>();
            for (var i = 0; i < 3; i++)
            {
                var clock = Stopwatch.StartNew();
                (await reader.GetAsync($"/api/contests/{contest.Id}/board?top=10")).EnsureSuccessStatusCode();
                (await reader.GetAsync($"/api/contests/{contest.Id}/board/me")).EnsureSuccessStatusCode();
                others.Add(clock.Elapsed);
            }
            others.Min().ShouldBeLessThan(ReadWait, $"reads of another member: {string.Join(", ", others.Select(t => t.TotalMilliseconds))} ms");
        }
        finally
        {
            hold.TrySetResult();
        }
    }
}

using System.Net;
using Learn.Core.Contests;
using Learn.Core.Organizations;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.Api.Tests.Contests.Tickets;

/// <summary>
/// A live round closed early by the host while members hold tickets for it: a ticket cannot know the close, so
/// the write applies it (ADR 0306). Run against PostgreSQL here and against SQLite in <see cref="SqliteLiveTicketTests"/>.
/// </summary>
public class LiveTicketTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task After_an_early_round_close_a_ticketed_answer_is_late_and_scores_nothing() => await LiveTicketScenario.RunAsync(factory);
}

public class SqliteLiveTicketTests(SqliteApiFactory factory) : IClassFixture<SqliteApiFactory>
{
    [Fact]
    public async Task On_sqlite_after_an_early_round_close_a_ticketed_answer_is_late_and_scores_nothing() => await LiveTicketScenario.RunAsync(factory);
}

internal static class LiveTicketScenario
{
    public static async Task RunAsync(ApiFactory factory)
    {
        var (root, a, b) = await factory.BankAndTreeAsync();
        var contest = await factory.CreateContestAsync(root, new ContestDraft { Title = "凭证与提前收题", Mode = ContestMode.Live, SecondsPerQuestion = 20, PointsPerCorrect = 10 });
        var early = await factory.MemberAsync(a, "收题前作答");
        var slow = await factory.MemberAsync(b, "收题后作答");
        var earlyClient = await factory.CreateMemberClientAsync(early.Id);
        var slowClient = await factory.CreateMemberClientAsync(slow.Id);
        var round = await HostAsync(factory, async h => (await h.OpenQuestionAsync("/", contest.Id)).Round!);
        var earlyState = await (await earlyClient.GetAsync($"/api/contests/{contest.Id}/live/current")).JsonAsync();
        var slowState = await (await slowClient.GetAsync($"/api/contests/{contest.Id}/live/current")).JsonAsync();
        var key = await factory.AnswerForAsync(earlyState.GetProperty("open"));

        factory.Clock.Advance(TimeSpan.FromSeconds(2));
        var inTime = await (await earlyClient.AnswerAsync(contest.Id, earlyState.GetProperty("attemptId").GetInt64(), round.Seq, key,
            ticket: earlyState.GetProperty("open").Ticket())).JsonAsync();
        inTime.GetProperty("sealed").GetBoolean().ShouldBeTrue();

        // The host closes the round early (its ticket still says 18 s are left); the slow member answers right after.
        (await HostAsync(factory, h => h.CloseQuestionAsync("/", contest.Id, round.Seq))).ShouldBe(LiveHost.Outcome.Done);
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var slowAttempt = slowState.GetProperty("attemptId").GetInt64();
        var slowTicket = slowState.GetProperty("open").Ticket();
        var late = await (await slowClient.AnswerAsync(contest.Id, slowAttempt, round.Seq, key, "after-close", slowTicket)).JsonAsync();
        late.GetProperty("late").GetBoolean().ShouldBeTrue();
        late.GetProperty("correct").GetBoolean().ShouldBeFalse();
        late.GetProperty("points").GetInt32().ShouldBe(0);
        late.GetProperty("score").GetInt32().ShouldBe(0);
        late.GetProperty("sealed").GetBoolean().ShouldBeFalse(); // the round is closed for everyone
        // A network retry gets the same stored verdict.
        var retry = await (await slowClient.AnswerAsync(contest.Id, slowAttempt, round.Seq, key, "after-close", slowTicket)).JsonAsync();
        retry.GetProperty("points").GetInt32().ShouldBe(0);
        retry.GetProperty("late").GetBoolean().ShouldBeTrue();

        var stored = await factory.WithDbAsync(db => db.Set<ContestAnswer>().Where(x => x.ContestId == contest.Id).ToListAsync());
        stored.Single(x => x.MemberId == slow.Id).ShouldSatisfyAllConditions(x => x.IsLate.ShouldBeTrue(), x => x.IsCorrect.ShouldBeFalse(), x => x.Points.ShouldBe(0));
        stored.Single(x => x.MemberId == early.Id).Points.ShouldBeGreaterThanOrEqualTo(10);
        var entries = await factory.WithDbAsync(db => db.Set<ContestEntry>().Where(e => e.ContestId == contest.Id).ToDictionaryAsync(e => e.MemberId, e => e.Score));
        entries[slow.Id].ShouldBe(0);
        entries[early.Id].ShouldBe(stored.Single(x => x.MemberId == early.Id).Points);
        (await (await slowClient.GetAsync($"/api/contests/{contest.Id}/live/current")).JsonAsync()).GetProperty("score").GetInt32().ShouldBe(0);
        var board = await earlyClient.BoardAsync(contest.Id);
        board.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("score").GetInt32() > 0).Select(r => r.GetProperty("memberId").GetInt64())
            .ShouldBe([early.Id]);
        (await earlyClient.GetAsync($"/api/contests/{contest.Id}/live/rounds/{round.Seq}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static async Task<T> HostAsync<T>(ApiFactory factory, Func<LiveHost, Task<T>> action)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<LiveHost>());
    }
}

using System.Net;
using System.Text.Json;
using Learn.TestSupport;
using Learn.Core.Contests;
using Learn.Core.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.Api.Tests.Contests;

/// <summary>Fair play through HTTP: no key while a live round is open, and nothing counts after a contest closes.</summary>
public class FairPlayTests(ApiFactory factory) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private Organization _root = null!, _a = null!, _b = null!;

    public async Task InitializeAsync() => (_root, _a, _b) = await factory.BankAndTreeAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<T> HostAsync<T>(Func<LiveHost, Task<T>> action)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<LiveHost>());
    }

    [Fact]
    public async Task A_live_answer_carries_no_key_until_the_round_closes_for_everyone()
    {
        var contest = await factory.CreateContestAsync(_root, new ContestDraft { Title = "公平直播", Mode = ContestMode.Live, SecondsPerQuestion = 20, PointsPerCorrect = 10 });
        var first = await factory.CreateMemberClientAsync((await factory.MemberAsync(_a, "抢答者")).Id);
        var second = await factory.CreateMemberClientAsync((await factory.MemberAsync(_b, "后答者")).Id);
        var (opened, round) = await HostAsync(h => h.OpenQuestionAsync("/", contest.Id));
        opened.ShouldBe(LiveHost.Outcome.Done);
        var firstState = await (await first.GetAsync($"/api/contests/{contest.Id}/live/current")).JsonAsync();
        var secondState = await (await second.GetAsync($"/api/contests/{contest.Id}/live/current")).JsonAsync();
        var question = firstState.GetProperty("open");
        var key = await factory.AnswerForAsync(question);
        var explanation = await factory.WithDbAsync(db => db.Set<Learn.Core.Questions.QuestionVersion>()
            .Where(v => v.Id == question.GetProperty("questionId").GetInt64()).Select(v => v.Explanation).SingleAsync());

        factory.Clock.Advance(TimeSpan.FromSeconds(2));
        var reply = await first.AnswerAsync(contest.Id, firstState.GetProperty("attemptId").GetInt64(), round!.Seq, key);
        var text = await reply.Content.ReadAsStringAsync();
        reply.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        text.ShouldNotContain(explanation);
        var sealedReply = JsonDocument.Parse(text).RootElement;
        sealedReply.GetProperty("sealed").GetBoolean().ShouldBeTrue();
        sealedReply.GetProperty("correctAnswer").ValueKind.ShouldBe(JsonValueKind.Null);
        sealedReply.GetProperty("correct").ValueKind.ShouldBe(JsonValueKind.Null);
        sealedReply.GetProperty("score").ValueKind.ShouldBe(JsonValueKind.Null);
        (await first.GetAsync($"/api/contests/{contest.Id}/live/rounds/{round.Seq}")).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        // The second member can still answer, and learns nothing from the first either.
        factory.Clock.Advance(TimeSpan.FromSeconds(2));
        var secondReply = await (await second.AnswerAsync(contest.Id, secondState.GetProperty("attemptId").GetInt64(), round.Seq, key)).JsonAsync();
        secondReply.GetProperty("sealed").GetBoolean().ShouldBeTrue();
        secondReply.GetProperty("explanation").ValueKind.ShouldBe(JsonValueKind.Null);

        (await HostAsync(h => h.CloseQuestionAsync("/", contest.Id, round.Seq))).ShouldBe(LiveHost.Outcome.Done);
        foreach (var member in new[] { first, second })
        {
            var revealed = await (await member.GetAsync($"/api/contests/{contest.Id}/live/rounds/{round.Seq}")).JsonAsync();
            revealed.GetProperty("correctAnswer").GetString().ShouldBe(key);
            revealed.GetProperty("explanation").GetString().ShouldBe(explanation);
            (await (await member.GetAsync($"/api/contests/{contest.Id}/live/current")).JsonAsync()).GetProperty("score").GetInt32().ShouldBeGreaterThanOrEqualTo(10);
        }
    }

    [Fact]
    public async Task After_an_early_close_answers_to_open_questions_neither_score_nor_move_the_board()
    {
        var contest = await factory.CreateContestAsync(_root, new ContestDraft
        {
            Title = "提前结束", Mode = ContestMode.Timed, EasyCount = 2, MediumCount = 1, SecondsPerQuestion = 60,
        });
        var early = await factory.CreateMemberClientAsync((await factory.MemberAsync(_a, "已答者")).Id);
        var open = await factory.CreateMemberClientAsync((await factory.MemberAsync(_b, "题未答完")).Id);
        await early.StartAsync(contest.Id);
        await open.StartAsync(contest.Id);
        (await factory.AnswerCurrentAsync(early, contest.Id, correct: true)).GetProperty("correct").GetBoolean().ShouldBeTrue();
        var boardBefore = (await early.BoardAsync(contest.Id)).GetProperty("rows").ToString();

        // Both have a question issued and open when the organiser closes the contest early.
        var earlyAttempt = await early.CurrentAsync(contest.Id);
        var openAttempt = await open.CurrentAsync(contest.Id);
        (await factory.WithAsync(sp => sp.GetRequiredService<ContestLifecycle>().CloseAsync(contest.Id))).ShouldBeTrue();
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        foreach (var (member, attempt) in new[] { (early, earlyAttempt), (open, openAttempt) })
        {
            var q = attempt.GetProperty("current");
            // With the ticket the question was issued with: the write itself refuses it (the ticket cannot know of the close).
            var refused = await member.AnswerAsync(contest.Id, attempt.GetProperty("attemptId").GetInt64(), q.GetProperty("seq").GetInt32(), await factory.AnswerForAsync(q),
                ticket: q.Ticket());
            var problem = await refused.JsonAsync(HttpStatusCode.Conflict);
            problem.GetProperty("type").GetString().ShouldBe(ContestProblems.Closed);
        }

        var stored = await factory.WithDbAsync(db => db.Set<ContestAnswer>().CountAsync(a => a.ContestId == contest.Id));
        stored.ShouldBe(1);
        var board = await early.BoardAsync(contest.Id);
        board.GetProperty("rows").ToString().ShouldBe(boardBefore);
        var final = await (await early.GetAsync($"/api/contests/{contest.Id}/results")).JsonAsync();
        var entries = await factory.WithDbAsync(db => db.Set<ContestEntry>().Where(e => e.ContestId == contest.Id && e.Score > 0)
            .OrderByDescending(e => e.Score).Select(e => new { e.MemberId, e.Score }).ToListAsync());
        var finalRows = final.EnumerateArray().Where(r => r.GetProperty("score").GetInt32() > 0)
            .Select(r => (r.GetProperty("memberId").GetInt64(), r.GetProperty("score").GetInt32())).ToList();
        finalRows.ShouldBe(entries.Select(e => (e.MemberId, e.Score)).ToList());
        board.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("score").GetInt32() > 0).Select(r => (r.GetProperty("memberId").GetInt64(), r.GetProperty("score").GetInt32()))
            .ToList().ShouldBe(finalRows);
    }

    [Fact]
    public async Task Boards_results_and_live_events_are_for_the_audience_unless_the_organiser_made_the_board_public()
    {
        var closed = await factory.CreateContestAsync(_a, new ContestDraft { Title = "支部内部赛", Mode = ContestMode.Live, SecondsPerQuestion = 20 });
        var open = await factory.CreateContestAsync(_a, new ContestDraft { Title = "大屏公开赛", Mode = ContestMode.Live, SecondsPerQuestion = 20, PublicBoard = true });
        var insider = await factory.CreateMemberClientAsync((await factory.MemberAsync(_a, "本支部成员")).Id);
        var outsider = await factory.CreateMemberClientAsync((await factory.MemberAsync(_b, "外支部成员")).Id);
        var anonymous = factory.CreateClient();
        foreach (var c in new[] { closed, open })
            (await factory.WithAsync(sp => sp.GetRequiredService<ContestLifecycle>().CloseAsync(c.Id))).ShouldBeTrue();

        string[] paths = ["board", "board/orgs", "results", "live/events", "live/rounds/1"];
        foreach (var path in paths[..3])
        {
            var url = $"/api/contests/{closed.Id}/{path}";
            (await insider.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.OK, url);
            (await outsider.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound, url);
            (await anonymous.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, url);
            var shown = await insider.GetAsync(url);
            shown.Headers.CacheControl!.Public.ShouldBeFalse(url); // never in a shared cache
        }
        foreach (var path in paths[3..])
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var url = $"/api/contests/{closed.Id}/{path}";
            (await outsider.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cts.Token)).StatusCode.ShouldBe(HttpStatusCode.NotFound, url);
            (await anonymous.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cts.Token)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, url);
        }

        foreach (var path in paths[..3])
        {
            var response = await anonymous.GetAsync($"/api/contests/{open.Id}/{path}");
            response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
            response.Headers.CacheControl!.Public.ShouldBeTrue(path);
        }
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            using var events = await anonymous.GetAsync($"/api/contests/{open.Id}/live/events", HttpCompletionOption.ResponseHeadersRead, cts.Token);
            events.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        (await outsider.GetAsync($"/api/contests/{open.Id}/board")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

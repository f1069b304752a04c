using System.Text.Json;
using Learn.Core.Contests;
using Learn.Core.Organizations;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Learn.Api.Tests.Contests.Tickets;

/// <summary>
/// <c>next: true</c> on an answer (ADR 0311): a timed paper's next question is issued in the answer's own write and comes back
/// in the reply, through HTTP against PostgreSQL; the GET that follows only reads; a retry gets the same next question.
/// </summary>
public class NextQuestionTests(ApiFactory factory) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private Organization _root = null!, _a = null!;

    public async Task InitializeAsync() => (_root, _a, _) = await factory.BankAndTreeAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<Contest> TimedAsync(string title) => factory.CreateContestAsync(_root, new ContestDraft
    {
        Title = title, Mode = ContestMode.Timed, EasyCount = 2, MediumCount = 1, SecondsPerQuestion = 30, PointsPerCorrect = 10, SpeedBonusMax = 5,
    });

    private async Task<(HttpClient Client, long AttemptId, JsonElement Question)> StartedAsync(Contest contest, string name)
    {
        var client = await factory.CreateMemberClientAsync((await factory.MemberAsync(_a, name)).Id);
        var attempt = await client.StartAsync(contest.Id);
        return (client, attempt.GetProperty("attemptId").GetInt64(), attempt.GetProperty("current"));
    }

    private async Task<JsonElement> AnswerAsync(Contest contest, HttpClient client, long attemptId, JsonElement question, bool next, string? requestId = null) =>
        await (await client.AnswerAsync(contest.Id, attemptId, question.GetProperty("seq").GetInt32(), await factory.AnswerForAsync(question, true),
            requestId, question.Ticket(), next)).JsonAsync();

    private Task<AttemptQuestion> StoredAsync(long attemptId, int seq) =>
        factory.WithDbAsync(db => db.Set<AttemptQuestion>().AsNoTracking().SingleAsync(q => q.AttemptId == attemptId && q.Seq == seq));

    private Task<string> RowVersionAsync(long attemptId, int seq) =>
        factory.WithDbAsync(db => db.Database.SqlQueryRaw<string>(
            "SELECT xmin::text AS \"Value\" FROM attempt_questions WHERE attempt_id = {0} AND seq = {1}", attemptId, seq).SingleAsync());

    [Fact]
    public async Task The_reply_carries_the_next_question_issued_at_the_answer_and_the_GET_only_reads_it()
    {
        var contest = await TimedAsync("连续作答");
        var (client, attemptId, first) = await StartedAsync(contest, "连续者");
        factory.Clock.Advance(TimeSpan.FromSeconds(2));
        var answeredAt = factory.Clock.GetUtcNow().UtcDateTime;

        var reply = await AnswerAsync(contest, client, attemptId, first, next: true);
        reply.GetProperty("correct").GetBoolean().ShouldBeTrue();
        var next = reply.GetProperty("next");
        next.GetProperty("seq").GetInt32().ShouldBe(2);
        next.GetProperty("secondsLeft").GetDouble().ShouldBe(30);
        next.Ticket().ShouldNotBeNullOrEmpty();
        var stored = await StoredAsync(attemptId, 2);
        stored.IssuedAt!.Value.ShouldBe(answeredAt, TimeSpan.FromMilliseconds(1));
        stored.Deadline!.Value.ShouldBe(answeredAt.AddSeconds(30), TimeSpan.FromMilliseconds(1));
        next.GetProperty("issuedAt").GetDateTime().ToUniversalTime().ShouldBe(stored.IssuedAt!.Value);
        (await StoredAsync(attemptId, 3)).IssuedAt.ShouldBeNull(); // one question ahead, never more

        // The page's GET (a resume) shows the same question with the time that has run since the answer, and writes nothing.
        var version = await RowVersionAsync(attemptId, 2);
        factory.Clock.Advance(TimeSpan.FromSeconds(6));
        var current = (await client.CurrentAsync(contest.Id)).GetProperty("current");
        current.GetProperty("seq").GetInt32().ShouldBe(2);
        current.GetProperty("issuedAt").GetDateTime().ShouldBe(next.GetProperty("issuedAt").GetDateTime());
        current.GetProperty("secondsLeft").GetDouble().ShouldBe(24, 0.05);
        (await RowVersionAsync(attemptId, 2)).ShouldBe(version);

        // Its ticket scores it from its issue: 10 + 5 × 24/30 left = 14.
        var second = await AnswerAsync(contest, client, attemptId, next, next: true);
        second.GetProperty("points").GetInt32().ShouldBe(14);
        var third = second.GetProperty("next");
        third.GetProperty("seq").GetInt32().ShouldBe(3);

        // The last question has no next: the paper is finished.
        var last = await AnswerAsync(contest, client, attemptId, third, next: true);
        last.GetProperty("attemptFinished").GetBoolean().ShouldBeTrue();
        last.GetProperty("next").ValueKind.ShouldBe(JsonValueKind.Null);
        (await client.CurrentAsync(contest.Id)).GetProperty("current").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Without_next_the_next_question_waits_for_the_GET()
    {
        var contest = await TimedAsync("看解析再答");
        var (client, attemptId, first) = await StartedAsync(contest, "看解析者");
        var reply = await AnswerAsync(contest, client, attemptId, first, next: false);
        reply.GetProperty("next").ValueKind.ShouldBe(JsonValueKind.Null);
        (await StoredAsync(attemptId, 2)).IssuedAt.ShouldBeNull();

        // Reading the explanation costs no time: the clock starts at the GET.
        factory.Clock.Advance(TimeSpan.FromSeconds(15));
        var current = (await client.CurrentAsync(contest.Id)).GetProperty("current");
        current.GetProperty("seq").GetInt32().ShouldBe(2);
        current.GetProperty("secondsLeft").GetDouble().ShouldBe(30);
    }

    [Fact]
    public async Task A_retried_answer_gets_the_same_next_question_and_issues_no_other()
    {
        var contest = await TimedAsync("重试取下一题");
        var (client, attemptId, first) = await StartedAsync(contest, "重试者");
        var reply = await AnswerAsync(contest, client, attemptId, first, next: true, requestId: "retry-1");
        factory.Clock.Advance(TimeSpan.FromSeconds(3));
        var again = await AnswerAsync(contest, client, attemptId, first, next: true, requestId: "retry-1");

        again.GetProperty("score").GetInt32().ShouldBe(reply.GetProperty("score").GetInt32());
        again.GetProperty("next").GetProperty("seq").GetInt32().ShouldBe(2);
        again.GetProperty("next").GetProperty("issuedAt").GetDateTime().ShouldBe(reply.GetProperty("next").GetProperty("issuedAt").GetDateTime());
        again.GetProperty("next").GetProperty("secondsLeft").GetDouble().ShouldBe(27, 0.05);
        (await StoredAsync(attemptId, 3)).IssuedAt.ShouldBeNull();
        (await factory.WithDbAsync(db => db.Set<ContestAnswer>().CountAsync(x => x.AttemptId == attemptId))).ShouldBe(1);
    }

    [Fact]
    public async Task A_challenge_ignores_next_and_its_GET_draws_as_before()
    {
        var contest = await factory.CreateContestAsync(_root, new ContestDraft
        {
            Title = "挑战不预发", Mode = ContestMode.Challenge, SecondsPerQuestion = 20, PointsPerCorrect = 10,
        });
        var (client, attemptId, first) = await StartedAsync(contest, "挑战者");
        var reply = await AnswerAsync(contest, client, attemptId, first, next: true);
        reply.GetProperty("correct").GetBoolean().ShouldBeTrue();
        reply.GetProperty("next").ValueKind.ShouldBe(JsonValueKind.Null);
        (await factory.WithDbAsync(db => db.Set<AttemptQuestion>().CountAsync(q => q.AttemptId == attemptId))).ShouldBe(1);
        (await client.CurrentAsync(contest.Id)).GetProperty("current").GetProperty("seq").GetInt32().ShouldBe(2);
    }
}

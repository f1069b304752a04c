using System.Net;
using System.Text.Json;
using Learn.Core.Contests;
using Learn.Core.Organizations;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Learn.Api.Tests.Contests.Tickets;

/// <summary>
/// The signed ticket of an issued question (ADR 0306), through HTTP against PostgreSQL: scored exactly as the
/// look-up path scores, refused when forged or someone else's, and no look-up of the issued question with it.
/// </summary>
public class AnswerTicketTests(ApiFactory factory) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private Organization _root = null!, _a = null!, _b = null!;

    public async Task InitializeAsync() => (_root, _a, _b) = await factory.BankAndTreeAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<Contest> TimedAsync(string title) => factory.CreateContestAsync(_root, new ContestDraft
    {
        Title = title, Mode = ContestMode.Timed, EasyCount = 1, MediumCount = 1, SecondsPerQuestion = 30, PointsPerCorrect = 10, SpeedBonusMax = 5,
    });

    private async Task<(HttpClient Client, long MemberId, long AttemptId, JsonElement Question)> StartedAsync(Contest contest, Organization org, string name)
    {
        var member = await factory.MemberAsync(org, name);
        var client = await factory.CreateMemberClientAsync(member.Id);
        var attempt = await client.StartAsync(contest.Id);
        return (client, member.Id, attempt.GetProperty("attemptId").GetInt64(), attempt.GetProperty("current"));
    }

    [Fact]
    public async Task An_answer_with_its_ticket_scores_exactly_as_one_without()
    {
        var contest = await TimedAsync("凭证计分");
        var withTicket = await StartedAsync(contest, _a, "带凭证");
        var without = await StartedAsync(contest, _b, "不带凭证");
        withTicket.Question.Ticket().ShouldNotBeNullOrEmpty();
        foreach (var correct in new[] { true, false })
        {
            factory.Clock.Advance(TimeSpan.FromSeconds(7.3));
            var replies = new List<JsonElement>();
            foreach (var (m, ticket) in new[] { (withTicket, withTicket.Question.Ticket()), (without, null) })
            {
                var seq = m.Question.GetProperty("seq").GetInt32();
                var answer = await factory.AnswerForAsync(m.Question, correct);
                replies.Add(await (await m.Client.AnswerAsync(contest.Id, m.AttemptId, seq, answer, ticket: ticket)).JsonAsync());
            }
            replies[0].GetProperty("correct").GetBoolean().ShouldBe(correct);
            replies[0].GetProperty("points").GetInt32().ShouldBe(correct ? 14 : 0); // 10 + 5 × 22.7 s left of 30, rounded
            foreach (var field in new[] { "correct", "late", "points", "score", "correctCount", "totalMs", "attemptFinished", "sealed" })
                replies[0].GetProperty(field).ToString().ShouldBe(replies[1].GetProperty(field).ToString(), field);
            withTicket = withTicket with { Question = (await withTicket.Client.CurrentAsync(contest.Id)).GetProperty("current") };
            without = without with { Question = (await without.Client.CurrentAsync(contest.Id)).GetProperty("current") };
        }

        var rows = await factory.WithDbAsync(db => db.Set<ContestAnswer>().Where(x => x.ContestId == contest.Id)
            .Select(x => new { x.MemberId, x.Seq, x.IsCorrect, x.IsLate, x.Points, x.ElapsedMs }).ToListAsync());
        rows.Count.ShouldBe(4);
        rows.Where(x => x.MemberId == withTicket.MemberId).Select(x => (x.Seq, x.IsCorrect, x.IsLate, x.Points, x.ElapsedMs)).OrderBy(x => x.Seq)
            .ShouldBe(rows.Where(x => x.MemberId == without.MemberId).Select(x => (x.Seq, x.IsCorrect, x.IsLate, x.Points, x.ElapsedMs)).OrderBy(x => x.Seq));
        var entries = await factory.WithDbAsync(db => db.Set<ContestEntry>().Where(e => e.ContestId == contest.Id)
            .Select(e => new { e.Score, e.CorrectCount, e.TotalMs }).Distinct().ToListAsync());
        entries.Count.ShouldBe(1); // both members' entries are identical
        entries[0].Score.ShouldBe(14);
    }

    [Fact]
    public async Task A_forged_altered_or_borrowed_ticket_is_refused_and_nothing_is_scored()
    {
        var contest = await TimedAsync("凭证防伪");
        var owner = await StartedAsync(contest, _a, "凭证主人");
        var other = await StartedAsync(contest, _b, "借用者");
        var ticket = owner.Question.Ticket();
        var seq = owner.Question.GetProperty("seq").GetInt32();
        var right = await factory.AnswerForAsync(owner.Question);
        factory.Clock.Advance(TimeSpan.FromSeconds(3));

        var parts = ticket.Split('.');
        var longer = string.Join('.', parts[0], parts[1], (long.Parse(parts[2]) + 600_000_000).ToString(), parts[3]); // ten more minutes
        var flipped = ticket[..^1] + (ticket[^1] == '0' ? '1' : '0');
        var refusals = new List<HttpResponseMessage>
        {
            await owner.Client.AnswerAsync(contest.Id, owner.AttemptId, seq, right, ticket: longer),
            await owner.Client.AnswerAsync(contest.Id, owner.AttemptId, seq, right, ticket: flipped),
            await owner.Client.AnswerAsync(contest.Id, owner.AttemptId, seq, right, ticket: "forged"),
            await owner.Client.AnswerAsync(contest.Id, owner.AttemptId, seq + 1, right, ticket: ticket), // another question of the attempt
            // Another member: with the owner's ticket on their own attempt, and on the owner's attempt.
            await other.Client.AnswerAsync(contest.Id, other.AttemptId, other.Question.GetProperty("seq").GetInt32(), right, ticket: ticket),
            await other.Client.AnswerAsync(contest.Id, owner.AttemptId, seq, right, ticket: ticket),
        };
        foreach (var refused in refusals)
        {
            var problem = await refused.JsonAsync(HttpStatusCode.BadRequest);
            problem.GetProperty("type").GetString().ShouldBe(ContestProblems.TicketInvalid);
            problem.GetProperty("title").GetString().ShouldBe("答题凭证无效，请重新获取题目");
        }
        (await factory.WithDbAsync(db => db.Set<ContestAnswer>().CountAsync(x => x.ContestId == contest.Id))).ShouldBe(0);

        // The genuine ticket still works: nothing above used up the question.
        var ok = await (await owner.Client.AnswerAsync(contest.Id, owner.AttemptId, seq, right, ticket: ticket)).JsonAsync();
        ok.GetProperty("correct").GetBoolean().ShouldBeTrue();
        (await factory.WithDbAsync(db => db.Set<ContestEntry>().Where(e => e.ContestId == contest.Id && e.Score > 0).Select(e => e.MemberId).ToListAsync()))
            .ShouldBe([owner.MemberId]);
    }

    [Fact]
    public async Task With_tickets_the_issued_question_is_never_looked_up()
    {
        var contest = await TimedAsync("凭证免查询");
        var members = new List<(HttpClient Client, long MemberId, long AttemptId, JsonElement Question)>();
        foreach (var name in new[] { "免查一", "免查二", "免查三" }) members.Add(await StartedAsync(contest, _a, name));
        var answers = new List<string>();
        foreach (var m in members) answers.Add(await factory.AnswerForAsync(m.Question));
        factory.Clock.Advance(TimeSpan.FromSeconds(2));
        using var log = new NpgsqlCommandLog(factory.DatabaseConnectionString);
        var replies = await Task.WhenAll(members.Select((m, i) =>
            m.Client.AnswerAsync(contest.Id, m.AttemptId, m.Question.GetProperty("seq").GetInt32(), answers[i], ticket: m.Question.Ticket())));
        foreach (var reply in replies) (await reply.JsonAsync()).GetProperty("correct").GetBoolean().ShouldBeTrue();
        var commands = log.Take();
        commands.ShouldNotContain(text => text.Contains("attempt_questions"), string.Join("\n---\n", commands));
        commands.ShouldContain(text => text.Contains("INSERT INTO contest_answers"));

        // An older client's answer (no ticket) is still looked up, which the log sees: so it would see a look-up above too.
        var next = (await members[0].Client.CurrentAsync(contest.Id)).GetProperty("current");
        var key = await factory.AnswerForAsync(next);
        log.Take();
        (await (await members[0].Client.AnswerAsync(contest.Id, members[0].AttemptId, next.GetProperty("seq").GetInt32(), key)).JsonAsync())
            .GetProperty("correct").GetBoolean().ShouldBeTrue();
        log.Take().ShouldContain(text => text.Contains("attempt_questions"));
    }
}

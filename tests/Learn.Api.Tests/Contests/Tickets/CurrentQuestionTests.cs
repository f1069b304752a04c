using Learn.Core.Contests;
using Learn.Core.Organizations;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Learn.Api.Tests.Contests.Tickets;

/// <summary><c>GET …/attempts/current</c> on PostgreSQL: one statement reads the attempt and issues its next question.</summary>
public class CurrentQuestionTests(ApiFactory factory) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private Organization _root = null!, _a = null!;

    public async Task InitializeAsync() => (_root, _a, _) = await factory.BankAndTreeAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<Contest> TimedAsync(string title) => factory.CreateContestAsync(_root, new ContestDraft
    {
        Title = title, Mode = ContestMode.Timed, EasyCount = 2, MediumCount = 1, SecondsPerQuestion = 30,
    });

    [Fact]
    public async Task Issuing_the_next_question_is_one_statement_on_attempts_and_questions()
    {
        var contest = await TimedAsync("一次取题");
        var member = await factory.CreateMemberClientAsync((await factory.MemberAsync(_a, "取题者")).Id);
        await member.StartAsync(contest.Id);
        await factory.AnswerCurrentAsync(member, contest.Id);

        using var log = new NpgsqlCommandLog(factory.DatabaseConnectionString);
        var next = await member.CurrentAsync(contest.Id);
        var commands = log.Take().Where(text => text.Contains("attempt_questions") || text.Contains("contest_attempts")).ToList();
        next.GetProperty("current").GetProperty("seq").GetInt32().ShouldBe(2);
        next.GetProperty("answeredCount").GetInt32().ShouldBe(1);
        commands.Count.ShouldBe(1, string.Join("\n---\n", commands));

        // Reading it again (page resume) is the same one statement and changes nothing.
        factory.Clock.Advance(TimeSpan.FromSeconds(4));
        var again = await member.CurrentAsync(contest.Id);
        log.Take().Count(text => text.Contains("attempt_questions") || text.Contains("contest_attempts")).ShouldBe(1);
        again.GetProperty("current").GetProperty("issuedAt").GetDateTime().ShouldBe(next.GetProperty("current").GetProperty("issuedAt").GetDateTime());
        again.GetProperty("current").GetProperty("secondsLeft").GetDouble().ShouldBe(26, 0.5);
    }

    [Fact]
    public async Task Of_simultaneous_reads_one_issues_and_all_see_its_times()
    {
        var contest = await TimedAsync("并发取题");
        var member = await factory.CreateMemberClientAsync((await factory.MemberAsync(_a, "多开者")).Id);
        var started = await member.StartAsync(contest.Id);
        await factory.AnswerCurrentAsync(member, contest.Id);
        var attemptId = started.GetProperty("attemptId").GetInt64();

        var reads = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ => await (await member.GetAsync($"/api/contests/{contest.Id}/attempts/current")).JsonAsync()));
        var current = reads.Select(r => r.GetProperty("current")).ToList();
        current.Select(q => q.GetProperty("seq").GetInt32()).Distinct().ShouldBe([2]);
        current.Select(q => q.GetProperty("ticket").GetString()).Distinct().Count().ShouldBe(1);
        var stored = await factory.WithDbAsync(db => db.Set<AttemptQuestion>().SingleAsync(q => q.AttemptId == attemptId && q.Seq == 2));
        current[0].GetProperty("issuedAt").GetDateTime().ToUniversalTime().ShouldBe(stored.IssuedAt!.Value);
        (await factory.WithDbAsync(db => db.Set<AttemptQuestion>().CountAsync(q => q.AttemptId == attemptId && q.IssuedAt != null))).ShouldBe(2);
    }
}

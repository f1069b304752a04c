using System.Net;
using Learn.Core.Contests;
using Learn.Core.Questions;
using Learn.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Learn.Api.Tests.Contests;

/// <summary>The API on the embedded default's database (SQLite): what <c>./learn.sh run</c> serves.</summary>
public sealed class SqliteApiFactory : ApiFactory
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"learn-test-{Guid.NewGuid():N}.db");

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        settings["Database:Provider"] = "Sqlite";
        settings["ConnectionStrings:Learn"] = $"Data Source={_file};Default Timeout=30";
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }
}

/// <summary>The answer path's hand-written SQL (group commit, set-based totals) on SQLite.</summary>
public class SqliteAnswerPathTests(SqliteApiFactory factory) : IClassFixture<SqliteApiFactory>
{
    [Fact]
    public async Task On_sqlite_answers_are_scored_stored_once_and_ranked()
    {
        (await factory.WithDbAsync(db => Task.FromResult(db.Database.ProviderName))).ShouldBe("Microsoft.EntityFrameworkCore.Sqlite");
        var (root, a, _) = await factory.BankAndTreeAsync();
        var contest = await factory.CreateContestAsync(root, new ContestDraft
        {
            Title = "SQLite 答题", Mode = ContestMode.Timed, EasyCount = 1, MediumCount = 1, SecondsPerQuestion = 30, PointsPerCorrect = 10,
        });
        var member = await factory.MemberAsync(a, "嵌入式选手");
        var client = await factory.CreateMemberClientAsync(member.Id);
        var attempt = await client.StartAsync(contest.Id);
        var (attemptId, question) = (attempt.GetProperty("attemptId").GetInt64(), attempt.GetProperty("current"));
        factory.Clock.Advance(TimeSpan.FromSeconds(3));
        var right = await factory.AnswerForAsync(question, true);
        var seq = question.GetProperty("seq").GetInt32();

        // Concurrent duplicates of one request (one batch or several) and then a different answer.
        var copies = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.AnswerAsync(contest.Id, attemptId, seq, right, "same")));
        foreach (var copy in copies) (await copy.JsonAsync()).GetProperty("score").GetInt32().ShouldBeGreaterThan(0);
        (await client.AnswerAsync(contest.Id, attemptId, seq, "不同答案", "other")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var last = await factory.AnswerCurrentAsync(client, contest.Id, correct: false);
        last.GetProperty("attemptFinished").GetBoolean().ShouldBeTrue();

        var stored = await factory.WithDbAsync(db => db.Set<ContestAnswer>().Where(x => x.AttemptId == attemptId).ToListAsync());
        stored.Count.ShouldBe(2);
        var entry = await factory.WithDbAsync(db => db.Set<ContestEntry>().SingleAsync(e => e.ContestId == contest.Id && e.MemberId == member.Id));
        entry.Score.ShouldBe(stored.Sum(x => x.Points));
        entry.Score.ShouldBe(last.GetProperty("score").GetInt32());
        var row = (await client.BoardAsync(contest.Id)).GetProperty("rows").EnumerateArray().Single();
        row.GetProperty("score").GetInt32().ShouldBe(entry.Score);
        row.GetProperty("correctCount").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task On_sqlite_an_answer_asking_for_next_issues_it_in_the_same_transaction()
    {
        var (root, a, _) = await factory.BankAndTreeAsync();
        var contest = await factory.CreateContestAsync(root, new ContestDraft
        {
            Title = "SQLite 连续作答", Mode = ContestMode.Timed, EasyCount = 1, MediumCount = 1, SecondsPerQuestion = 30, PointsPerCorrect = 10,
        });
        var client = await factory.CreateMemberClientAsync((await factory.MemberAsync(a, "嵌入式连续者")).Id);
        var attempt = await client.StartAsync(contest.Id);
        var (attemptId, question) = (attempt.GetProperty("attemptId").GetInt64(), attempt.GetProperty("current"));
        factory.Clock.Advance(TimeSpan.FromSeconds(3));
        var answeredAt = factory.Clock.GetUtcNow().UtcDateTime;
        var reply = await (await client.AnswerAsync(contest.Id, attemptId, 1, await factory.AnswerForAsync(question, true), ticket: question.Ticket(), next: true)).JsonAsync();

        var next = reply.GetProperty("next");
        next.GetProperty("seq").GetInt32().ShouldBe(2);
        next.GetProperty("secondsLeft").GetDouble().ShouldBe(30);
        var stored = await factory.WithDbAsync(db => db.Set<AttemptQuestion>().SingleAsync(q => q.AttemptId == attemptId && q.Seq == 2));
        stored.IssuedAt!.Value.ShouldBe(answeredAt, TimeSpan.FromMilliseconds(1));
        var last = await (await client.AnswerAsync(contest.Id, attemptId, 2, await factory.AnswerForAsync(next, true), ticket: next.Ticket(), next: true)).JsonAsync();
        last.GetProperty("attemptFinished").GetBoolean().ShouldBeTrue();
        last.GetProperty("next").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }
}

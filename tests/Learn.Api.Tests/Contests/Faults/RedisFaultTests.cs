using System.Net;
using Learn.Core.Problems;

namespace Learn.Api.Tests.Contests.Faults;

/// <summary>
/// Redis fails under answer load (stopped and restarted empty, or flushed): answers are still acknowledged
/// once durable, sessions are still checked, the rate limit still holds (per instance), and the board
/// catches up with the database by itself within seconds (docs/decisions/0306-answer-critical-path.md).
/// </summary>
public class RedisFaultTests(FaultApi factory) : IClassFixture<FaultApi>
{
    private static readonly TimeSpan CatchUpLimit = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Redis_stopped_mid_load_answers_are_acknowledged_and_the_board_catches_up_when_it_returns_empty()
    {
        var (contest, members) = await factory.LoadedContestAsync("Redis 停机演练");
        var revoked = await factory.RevokedClientAsync();
        var burster = members[0];
        var load = new AnswerLoad(factory, contest.Id, members.Skip(1).ToList());
        await load.StartAsync();
        await Task.Delay(1500);

        await factory.Redis.StopAsync();
        var down = DateTime.UtcNow;
        try
        {
            await Task.Delay(1000);
            // Sessions are still checked: a revoked one is refused, from this instance's own set.
            (await revoked.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            // The rate limit still holds, per instance: twelve sends at once, the bucket holds ten.
            var attempt = await burster.StartAsync(contest.Id);
            var burst = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => burster.AnswerAsync(contest.Id,
                attempt.GetProperty("attemptId").GetInt64(), attempt.GetProperty("current").GetProperty("seq").GetInt32(), "A", requestId: "burst")));
            burst.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests).ShouldBeGreaterThan(0);
            burst.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBeGreaterThan(0);
            await Task.Delay(1500);
        }
        finally
        {
            await factory.Redis.StartAsync(); // empty: no RDB, no AOF
        }
        var up = DateTime.UtcNow;
        await Task.Delay(2000);
        await load.StopAsync();

        var during = load.Replies.Where(r => r.Kind == "answer" && r.At > down.AddMilliseconds(200) && r.At < up).ToList();
        during.Count.ShouldBeGreaterThan(5, "answers were sent while Redis was down");
        during.Where(r => r.Status != HttpStatusCode.OK).ShouldBeEmpty("every answer during the outage is acknowledged once durable");
        load.Replies.Where(r => (int)r.Status >= 500 || r.Status == 0).ShouldBeEmpty();
        await load.AssertEveryAcknowledgedAnswerIsStoredAsync();

        var took = await factory.BoardAgreesWithDatabaseAsync(contest.Id, CatchUpLimit);
        Console.WriteLine($"Redis restarted empty: board agreed with the database {(DateTime.UtcNow - up).TotalSeconds:F1} s after the restart ({took.TotalSeconds:F1} s after the load stopped)");
        await factory.AssertBoardApiEqualsDatabaseAsync(members[1], contest.Id);
    }

    [Fact]
    public async Task Redis_flushed_mid_load_the_board_catches_up_by_itself()
    {
        var (contest, members) = await factory.LoadedContestAsync("Redis 清空演练");
        var load = new AnswerLoad(factory, contest.Id, members);
        await load.StartAsync();
        await Task.Delay(1500);
        await factory.Redis.FlushAllAsync();
        await Task.Delay(1500);
        await load.StopAsync();

        load.Replies.Where(r => r.Kind == "answer" && r.Status != HttpStatusCode.OK).ShouldBeEmpty();
        load.Replies.Where(r => r.Kind != "answer" && !((int)r.Status is >= 200 and < 300)).ShouldBeEmpty();
        await load.AssertEveryAcknowledgedAnswerIsStoredAsync();
        await factory.BoardAgreesWithDatabaseAsync(contest.Id, CatchUpLimit);
        await factory.AssertBoardApiEqualsDatabaseAsync(members[0], contest.Id);
    }
}

/// <summary>
/// PostgreSQL stops under answer load: every refusal is a 503 problem with Retry-After (never a 500),
/// nothing acknowledged is missing, and answering resumes by itself when the server is back.
/// </summary>
public class PostgresFaultTests(FaultApi factory) : IClassFixture<FaultApi>
{
    [Fact]
    public async Task PostgreSQL_stopped_mid_load_refuses_with_503_and_retry_after_and_resumes_by_itself()
    {
        var (contest, members) = await factory.LoadedContestAsync("数据库停机演练");
        var load = new AnswerLoad(factory, contest.Id, members);
        await load.StartAsync();
        await Task.Delay(1500);
        await factory.Postgres.StopAsync();
        var down = DateTime.UtcNow;
        await Task.Delay(2500);
        // Stamped before the start: `pg_ctl start -w` returns some time after the server already accepts connections,
        // so answers sent in that gap are rightly acknowledged. Between `down` and `up` the server is surely stopped.
        var up = DateTime.UtcNow;
        await factory.Postgres.StartAsync();
        await Task.Delay(3000);
        await load.StopAsync();

        var refused = load.Replies.Where(r => r.Status == HttpStatusCode.ServiceUnavailable).ToList();
        refused.Count.ShouldBeGreaterThan(0, "requests were refused while PostgreSQL was down");
        refused.ShouldAllBe(r => r.RetryAfter != null && r.ProblemType == ProblemTypes.Unavailable);
        load.Replies.Where(r => r.Status == 0 || ((int)r.Status >= 500 && r.Status != HttpStatusCode.ServiceUnavailable)).ShouldBeEmpty("never a 500");
        // By when the answer was sent, not when its reply was read: under a loaded CI a reply to an answer committed
        // just before the stop can be read well after it (and is stored, as the books below check).
        load.Replies.Where(r => r.Sent > down && r.Sent < up && r.Kind == "answer" && r.Status == HttpStatusCode.OK)
            .ShouldBeEmpty("nothing sent while the database is down is acknowledged");
        load.Acknowledged.Count(r => r.At > up.AddSeconds(1)).ShouldBeGreaterThan(0, "answering resumed by itself");
        await load.AssertEveryAcknowledgedAnswerIsStoredAsync();
        await factory.BoardAgreesWithDatabaseAsync(contest.Id, TimeSpan.FromSeconds(5));
    }
}
